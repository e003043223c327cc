package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** help wraps to the console's width (80 in batch runs and scripts) between words (#18). */
class HelpWidthTest {
    private final Harness h = new Harness();

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    }

    private static void assertNoLineLongerThan(int width, String text) {
        for (String line : text.split("\n")) {
            // a single word longer than the width may stand alone; nothing else may pass the edge
            assertTrue(line.length() <= width || !line.strip().contains(" "), "longer than " + width + ":\n" + line);
        }
    }

    @Test
    void theCommandListFitsEightyColumnsByDefault() {
        assertNoLineLongerThan(80, h.ok("help"));
    }

    @Test
    void aCommandsUsageFitsTheConsoleWidth() {
        h.session.setOutputWidth(50);
        for (String cmd : List.of("reverse", "break", "watch", "catch", "cont", "x", "info")) assertNoLineLongerThan(50, h.ok("help " + cmd));
    }

    @Test
    void wrappingKeepsEveryWordWhole() {
        String wide = h.ok("help reverse");
        h.session.setOutputWidth(40);
        String narrow = h.ok("help reverse");
        assertEquals(words(wide), words(narrow));
        assertTrue(narrow.contains("reverse-stepi,"), narrow);
    }

    @Test
    void theCommandListKeepsEveryWordWhole() {
        String wide = h.ok("help");
        h.session.setOutputWidth(45);
        assertEquals(words(wide), words(h.ok("help")));
    }

    @Test
    void aWiderConsoleGetsLongerLines() {
        h.session.setOutputWidth(200);
        assertTrue(h.ok("help reverse").lines().anyMatch(l -> l.length() > 120));
    }

    @Test
    void theCommandListShowsDescriptionsAsUsageDoes() {
        String help = h.ok("help");
        assertTrue(help.contains("about 5% slower") && !help.contains("5%%"), help);
    }

    @Test
    void aContinuedDescriptionHangsUnderItsColumn() {
        String help = h.ok("help");
        int cont = help.indexOf("  cont|c ");
        String second = help.substring(help.indexOf('\n', cont) + 1).lines().findFirst().orElseThrow();
        assertTrue(second.startsWith(" ".repeat(17)) && second.charAt(17) != ' ', second);
    }
}
