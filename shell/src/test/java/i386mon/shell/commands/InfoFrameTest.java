package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** info frame describes the selected frame as gdb does (#18: info's description named it). */
class InfoFrameTest {
    private final DemoSession d = StackCommandsTest.stoppedIn("scenario=identity", "idt_init", "kprintf");

    @Test
    void describesFrameZeroWithItsSavedEipAndCaller() {
        List<String> lines = d.ok("info frame").lines().toList();
        assertTrue(lines.get(0).matches("Stack level 0, frame at 0x[0-9a-f]+:"), lines.toString());
        assertTrue(lines.get(1).matches(" eip = 0x[0-9a-f]+ in kprintf \\(src/main/c/console.c:\\d+\\); saved eip = 0x[0-9a-f]+"), lines.toString());
        assertTrue(lines.get(2).matches(" called by frame at 0x[0-9a-f]+"), lines.toString());
    }

    @Test
    void theSavedEipIsWhereItSaysAndIsTheCallersPc() {
        String info = d.ok("info frame");
        String savedEip = info.replaceAll("(?s).*saved eip = (0x[0-9a-f]+).*", "$1");
        String slot = info.replaceAll("(?s).*eip at (0x[0-9a-f]+).*", "$1");
        assertEquals(Long.decode(savedEip), Long.decode(d.ok("print/x [" + slot + "]").strip()));
        assertTrue(d.ok("bt").contains("#1  " + String.format("0x%08x", Long.decode(savedEip)) + " in idt_init"), d.ok("bt"));
    }

    @Test
    void describesTheFrameUpSelects() {
        d.ok("up");
        String info = d.ok("info frame");
        assertTrue(info.startsWith("Stack level 1, frame at "), info);
        assertTrue(info.contains(" in idt_init (src/main/c/idt.c:") && info.contains(", caller of frame at 0x"), info);
    }

    @Test
    void givesTheSameAsJson() {
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) JsonParser.parse(d.ok("info frame --json"));
        assertEquals("kprintf", m.get("function"));
        assertTrue(m.get("savedEip") instanceof Number && m.get("calledBy") instanceof Number, m.toString());
    }
}
