package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.kernel.KernelImages;
import i386mon.machine.boot.ElfFile;
import i386mon.shell.session.BootRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** list, info line, info symbol, break FILE:LINE and the file:line annotations on the demo kernel (gdb itself: SourceLevelGdbTest). */
class SourceLevelCommandsTest {
    private static DemoSession booted(byte[] kernel) {
        DemoSession d = new DemoSession("");
        d.session.boot(new BootRequest("k.elf", kernel, "", List.of(), 64 << 20));
        d.out.getBuffer().setLength(0);
        return d;
    }

    @Test
    void breakAtFileAndLineStopsThereAndTheStopNamesTheLine() {
        DemoSession d = new DemoSession("");
        String set = d.ok("break main.c:184");
        assertEquals("Breakpoint 1 at 0x00101970 (kmain at main.c:184)\n", set);
        assertTrue(d.ok("cont").endsWith("Stopped: breakpoint 1 at 0x00101970 (kmain at main.c:184)\n"));
    }

    @Test
    void aFileTheKernelDoesNotHaveIsOneLine() {
        DemoSession d = new DemoSession("");
        assertEquals("No source file named nosuch.c.", d.fails("break nosuch.c:3"));
        assertEquals("No source file named nosuch.c.", d.fails("list nosuch.c:3"));
    }

    @Test
    void xiHeadsTheInstructionWithItsSourceLineAndNamesCallTargets() {
        DemoSession d = new DemoSession("");
        String x = d.ok("x/2i kmain");
        assertTrue(x.startsWith("main.c:184: serial_init();\n0x00101970:  55 "), x);
        String disas = d.ok("disas kprintf 12");
        assertTrue(disas.matches("(?s)kprintf:\nconsole.c:125: .*call     0x[0-9a-f]+ <kvprintf>.*"), disas);
    }

    @Test
    void xaNamesTheSymbolEachValuePointsAt() {
        DemoSession d = new DemoSession("scenario=identity");
        d.ok("break kprintf");
        d.ok("cont");
        assertTrue(d.ok("x/a $esp").matches("[0-9a-f]{8}: 0x00101991 <kmain\\+0x21>\n"));
    }

    @Test
    void jsonAnswersOfInfoLineInfoSymbolAndList() {
        DemoSession d = new DemoSession("");
        Map<?, ?> line = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JsonParser.parse(d.ok("info line main.c:184 --json"))).get("lines")).get(0);
        assertEquals("src/main/c/main.c", line.get("file"));
        assertEquals(184L, ((Number) line.get("line")).longValue());
        assertEquals(0x101970L, ((Number) line.get("start")).longValue());
        assertEquals(0x101977L, ((Number) line.get("end")).longValue());
        assertEquals(Boolean.TRUE, line.get("hasCode"));
        Map<?, ?> sym = (Map<?, ?>) JsonParser.parse(d.ok("info symbol 0x101980 --json"));
        assertEquals("kmain", sym.get("symbol"));
        assertEquals(16L, ((Number) sym.get("offset")).longValue());
        assertEquals(".text", sym.get("section"));
        Map<?, ?> list = (Map<?, ?>) JsonParser.parse(d.ok("list main.c:184 --json"));
        List<?> lines = (List<?>) list.get("lines");
        assertEquals(10, lines.size());
        assertEquals(179L, ((Number) ((Map<?, ?>) lines.get(0)).get("line")).longValue());
        assertTrue(((String) list.get("path")).endsWith("/src/main/c/main.c"));
    }

    @Test
    void listWithoutArgumentsStartsAtTheStopAndGoesOn() {
        DemoSession d = new DemoSession("");
        d.ok("break kmain");
        d.ok("cont");
        assertTrue(d.ok("list").startsWith("179\t"));
        assertTrue(d.ok("list").startsWith("189\t"));
        d.ok("si");
        assertTrue(d.ok("list").startsWith("179\t"), "a stop starts the listing afresh");
    }

    @Test
    void aSourceFileThatIsGoneIsOneLine() {
        byte[] kernel = KernelImages.bytes(KernelImages.DEFAULT).clone();
        // the compilation directory renamed in .debug_line_str: the sources are not where DWARF says
        ElfFile elf = ElfFile.parse(kernel);
        var strings = elf.section(".debug_line_str");
        String text = new String(kernel, (int) strings.offset(), (int) strings.size(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf('/');
        assertTrue(at >= 0, "an absolute compilation directory");
        kernel[(int) strings.offset() + at + 1] = 'Q';
        DemoSession d = booted(kernel);
        String message = d.fails("list kmain");
        assertTrue(message.startsWith("list: cannot read /Q") && message.endsWith("/src/main/c/main.c: no such file or directory"), message);
        String x = d.ok("x/i kmain");
        assertTrue(x.startsWith("main.c:184\n0x00101970:  55 "), x); // no text, the line still known
    }

    @Test
    void malformedDwarfIsOneWarningAndTheSessionGoesOn() {
        byte[] kernel = KernelImages.bytes(KernelImages.DEFAULT).clone();
        var info = ElfFile.parse(kernel).section(".debug_info");
        // the first unit claims more bytes than the section has
        int at = (int) info.offset();
        kernel[at] = (byte) 0xF0;
        kernel[at + 1] = (byte) 0xFF;
        kernel[at + 2] = (byte) 0xFF;
        kernel[at + 3] = (byte) 0x7F;
        DemoSession d = booted(kernel);
        String first = d.ok("x/i kmain");
        assertTrue(first.startsWith("warning: DWARF: .debug_info: .debug_info is truncated at offset "), first);
        assertEquals(2, first.lines().filter(l -> !l.startsWith("warning")).count(), first);
        assertTrue(!d.ok("x/i kmain").contains("warning"), "the warning is given once");
        assertTrue(d.ok("info line *0x101980").startsWith("Line 185 of \"src/main/c/main.c\""), "the line table still answers");
    }
}
