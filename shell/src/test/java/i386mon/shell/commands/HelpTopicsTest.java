package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** help lists the commands by topic (#18). */
class HelpTopicsTest {
    private final Harness h = new Harness();

    @Test
    void helpListsTheTopicsInOrder() {
        List<String> headings = h.ok("help").lines().filter(l -> l.endsWith(":") && !l.startsWith(" ")).collect(Collectors.toList());
        assertEquals(List.of("Running:", "Breakpoints:", "Memory:", "Paging:", "Devices:", "Source:", "State:", "Session:"), headings);
    }

    @Test
    void everyCommandHasATopicAndIsListedOnce() {
        // a command's row starts with two spaces; its description's continuation lines with more
        List<String> listed = h.ok("help").lines().filter(l -> l.startsWith("  ") && !l.startsWith("   "))
                .map(l -> l.trim().split(" ")[0].split("\\|")[0]).collect(Collectors.toList());
        List<String> commands = h.dispatcher.commandLine().getSubcommands().values().stream()
                .map(c -> c.getCommandName()).distinct().sorted().collect(Collectors.toList());
        assertEquals(commands, listed.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void aCommandIsListedUnderItsTopic() {
        String help = h.ok("help");
        String breakpoints = help.substring(help.indexOf("Breakpoints:"), help.indexOf("Memory:"));
        assertTrue(breakpoints.contains("\n  watch "), breakpoints);
        assertTrue(breakpoints.contains("\n  break|b "), breakpoints);
    }
}
