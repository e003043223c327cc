package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What gdb, Bochs and QEMU users type from habit does what it does there (#18). */
class HabitAliasesTest {
    private final DemoSession d = new DemoSession("");

    @Test
    void gdbsSAndStepiStepOneInstruction() {
        String one = new DemoSession("").ok("step");
        assertEquals(one, d.ok("s"));
        DemoSession e = new DemoSession("");
        assertEquals(one, e.ok("stepi"));
    }

    @Test
    void gdbsNIsNext() {
        assertEquals(new DemoSession("").ok("next"), d.ok("n"));
    }

    @Test
    void gdbsDisassembleAndABareBochsUDisassemble() {
        // `u LOCATION` stays gdb's until; `u` alone, which until refuses, is Bochs' disassembly
        String disas = d.ok("disas");
        assertEquals(disas, d.ok("disassemble"));
        assertEquals(disas, d.ok("u"));
    }

    @Test
    void bochsRShowsTheRegisters() {
        assertEquals(d.ok("regs"), d.ok("r"));
    }

    @Test
    void aMistypedCommandSuggestsTheNearest() {
        assertEquals("unknown command: stpe (did you mean step?)", d.fails("stpe"));
        assertEquals("unknown command: brek (did you mean break?)", d.fails("brek kernel_main"));
    }

    @Test
    void gdbsIRAndInfoRegShowTheRegisters() {
        String regs = d.ok("info registers");
        assertEquals(regs, d.ok("i r"));
        assertEquals(regs, d.ok("info reg"));
    }

    @Test
    void gdbsInfoBAndInfoBreakpointsListTheBreakpoints() {
        d.ok("break scenario_identity");
        String list = d.ok("info break");
        assertEquals(list, d.ok("info b"));
        assertEquals(list, d.ok("info breakpoints"));
    }

    @Test
    void gdbsRwatchAndAwatchWatchReadsAndAllAccesses() {
        assertTrue(d.ok("rwatch 0x1000").endsWith("(reads)\n"));
        assertTrue(d.ok("awatch 0x2000 2").endsWith("(reads and writes)\n"));
    }

    @Test
    void bochsCregDecodesTheControlRegisters() {
        assertEquals(d.ok("info cr"), d.ok("creg"));
    }

    @Test
    void bochsSregShowsTheSegmentRegistersAndSaysWhere() {
        String out = d.ok("sreg");
        assertTrue(out.startsWith("sreg: the segment registers are the lines ES to TR of info registers\n"));
        assertTrue(out.endsWith(d.ok("info registers")));
    }

    @Test
    void bochsPageTranslatesAnAddress() {
        assertEquals(d.ok("translate scenario_identity"), d.ok("page scenario_identity"));
    }

    @Test
    void bochsInfoTabShowsThePageMappings() {
        assertEquals(d.ok("info tlb"), d.ok("info tab"));
    }

    @Test
    void bochsLbAndVbSetBreakpointsOnLinearAddresses() {
        assertEquals(new DemoSession("").ok("break scenario_identity").replace("1", "N"), d.ok("lb scenario_identity").replace("1", "N"));
        assertTrue(d.ok("vb scenario_identity").startsWith("Breakpoint 2"));
        assertTrue(d.fails("vb 8:0x100").startsWith("vb SEG:OFF: breakpoints here are on linear addresses"));
    }

    @Test
    void bochsPbSaysWhatToUseInstead() {
        assertTrue(d.fails("pb 0x100000").startsWith("pb: there are no physical breakpoints; use break ADDR"));
    }

    @Test
    void bochsTraceOnRecordsHistoryAndSaysSo() {
        assertTrue(d.ok("trace-on").startsWith("trace-on: recording executed instructions (history on)"));
        d.ok("step 3");
        assertEquals(d.ok("info history 3").lines().count() >= 3, true);
        d.ok("trace-off");
        assertEquals(d.ok("history"), new DemoSession("").ok("history"));
    }

    @Test
    void qemusIStillReadsAPort() {
        assertTrue(d.ok("i 0x3f8").length() > 0);
    }

    @Test
    void gdbsPTPrintsBinary() {
        assertEquals("1010\n", d.ok("p/t 10"));
    }

    @Test
    void gdbsXSPrintsAString() {
        d.ok("set/s 0x300000 = \"boot ok\"");
        d.ok("setpmem 0x300007 1 0");
        assertEquals("00300000: \"boot ok\"\n", d.ok("x/s 0x300000"));
        assertEquals("print formats are x d u o c t; /s is for x", d.fails("p/s 1"));
    }

    @Test
    void qemusScreendumpWritesTheTextScreen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        d.ok("setpmem 0xb8000 2 0x0748");
        d.ok("setpmem 0xb8002 2 0x0769");
        java.nio.file.Path file = dir.resolve("screen.txt");
        assertEquals("", d.ok("screendump " + file));
        java.util.List<String> rows = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(25, rows.size());
        assertTrue(rows.get(0).startsWith("Hi"), rows.get(0));
        assertEquals(d.ok("info vga").lines().findFirst().orElseThrow(), rows.get(0));
    }

    @Test
    void screendumpToAMissingDirectorySaysWhyInOneLine() {
        assertTrue(d.fails("screendump /nonexistent/d/screen.txt").startsWith("could not write /nonexistent/d/screen.txt: "));
    }
}
