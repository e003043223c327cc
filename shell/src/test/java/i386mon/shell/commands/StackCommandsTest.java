package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.kernel.KernelImages;
import i386mon.shell.session.BootRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bt, frame/up/down, finish, until, advance, display and nexti on the demo kernel. */
class StackCommandsTest {
    @TempDir Path dir;

    /** The demo kernel run to each function in turn (a breakpoint on each, left set). */
    static DemoSession stoppedIn(String cmdline, String... functions) {
        DemoSession d = new DemoSession(cmdline);
        for (String f : functions) {
            d.ok("break " + f);
            d.ok("cont");
        }
        return d;
    }

    @Test
    void backtraceNamesEachCallerWithItsLineAndSaysWhyItStopped() {
        DemoSession d = stoppedIn("scenario=identity", "idt_init", "kprintf");
        List<String> bt = d.ok("bt").lines().toList();
        assertTrue(bt.get(0).matches("#0  0x00[0-9a-f]{6} in kprintf \\(fmt=fmt@entry=0x1044f4 \"idt: loaded \\(32 exceptions, 16 irqs, int 0x80\\)\\\\n\"\\) at src/main/c/console.c:\\d+"), bt.get(0));
        assertTrue(bt.get(1).matches("#1  0x00[0-9a-f]{6} in idt_init \\(\\) at src/main/c/idt.c:\\d+"), bt.get(1));
        assertTrue(bt.get(2).matches("#2  0x00[0-9a-f]{6} in kmain \\(magic=732803074, mbi_phys=38144\\) at src/main/c/main.c:\\d+"), bt.get(2));
        assertTrue(bt.get(bt.size() - 1).startsWith("Backtrace stopped: "), bt.toString());
    }

    @Test
    void backtraceShowsTheInterruptFrameAndGoesOnIntoTheInterruptedCode() {
        DemoSession d = stoppedIn("scenario=identity,fault=0xC0000000,write", "panic");
        String bt = d.ok("bt");
        assertTrue(bt.matches("(?s).*\n#3  <interrupt: vector 14 \\(#PF\\), error code 0x2, entered at 0x[0-9a-f]{8} \\(isr14\\)>\n"
                + "#4  0x00102d88 in scenario_fault \\(addr=3221225472, write=1, user=user@entry=0\\) at src/main/c/paging.c:285\n.*"), bt);
    }

    @Test
    void backtraceJsonHasEachFrameAndTheReasonTheWalkStopped() {
        DemoSession d = stoppedIn("scenario=identity,fault=0xC0000000,write", "panic");
        @SuppressWarnings("unchecked") Map<String, Object> doc = (Map<String, Object>) JsonParser.parse(d.ok("bt --json").trim());
        List<?> frames = (List<?>) doc.get("frames");
        Map<?, ?> f0 = (Map<?, ?>) frames.get(0);
        assertEquals("panic", f0.get("function"));
        assertEquals("src/main/c/main.c", f0.get("file"));
        Map<?, ?> interrupt = (Map<?, ?>) frames.get(3);
        assertEquals("interrupt", interrupt.get("kind"));
        assertEquals(14L, ((Number) interrupt.get("vector")).longValue());
        assertTrue(((String) doc.get("stopped")).length() > 0);
    }

    @Test
    void withoutDwarfTheWalkUsesTheStackAndSaysWhereItStops() throws Exception {
        DemoSession d = strippedDemo(dir);
        d.ok("break kprintf");
        d.ok("cont");
        List<String> bt = d.ok("bt").lines().toList();
        assertEquals("#0  0x00100940 in kprintf ()", bt.get(0)); // no line and no arguments without DWARF, "()" as gdb
        assertTrue(bt.get(1).startsWith("#1  0x00101991 in kmain"), bt.toString()); // the return address at [ESP] on entry
        assertTrue(bt.get(bt.size() - 1).startsWith("Backtrace stopped: "), bt.toString());
    }

    /** The demo kernel without its DWARF (objcopy --strip-debug into {@code dir}); skipped without objcopy. */
    static DemoSession strippedDemo(Path dir) throws Exception {
        assumeObjcopy();
        Path full = dir.resolve("demo.elf"), stripped = dir.resolve("demo-nodebug.elf");
        Files.write(full, KernelImages.bytes(KernelImages.DEFAULT));
        Process p = new ProcessBuilder("objcopy", "--strip-debug", full.toString(), stripped.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        DemoSession d = new DemoSession("");
        d.session.boot(new BootRequest("demo-nodebug.elf", Files.readAllBytes(stripped), "", List.of(), 64 << 20));
        return d;
    }

    private static void assumeObjcopy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SourceLevelGdbTest.onPath("objcopy"), "objcopy is not installed: skipped");
    }

    @Test
    void frameUpAndDownSelectAFrameAndShowItsLine() {
        DemoSession d = stoppedIn("scenario=identity", "kprintf");
        String up = d.ok("up");
        assertTrue(up.startsWith("#1  0x00101991 in kmain (magic=732803074, mbi_phys=38144) at src/main/c/main.c:189\n189\t"), up);
        assertEquals(up, d.ok("frame"));
        assertTrue(d.ok("down").startsWith("#0  0x00100940 in kprintf"));
        assertTrue(d.fails("down").startsWith("Bottom (innermost) frame selected"));
        assertTrue(d.fails("frame 99").startsWith("No frame at level 99"));
    }

    @Test
    void finishRunsToTheCallerAndPrintsTheReturnedValue() {
        DemoSession d = stoppedIn("scenario=identity", "pmm_alloc");
        d.ok("delete");
        String out = d.ok("finish");
        assertTrue(out.startsWith("Run till exit from #0  0x001013a0 in pmm_alloc () at src/main/c/multiboot.c:"), out);
        assertTrue(out.contains("Stopped: returned from pmm_alloc at 0x"), out);
        long eax = d.session.target().reg(0) & 0xFFFF_FFFFL;
        assertTrue(out.endsWith("Value returned is $1 = " + (int) eax + "\n"), out);
        assertTrue(d.ok("bt 1").startsWith("#0  0x"), "stopped in the caller");
        assertTrue(d.session.target().describe(d.session.target().eip()).startsWith("pmm_selftest"));
    }

    @Test
    void finishOfAVoidFunctionPrintsNoValue() {
        DemoSession d = stoppedIn("scenario=identity", "idt_init");
        d.ok("delete");
        String out = d.ok("finish");
        assertTrue(out.contains("Stopped: returned from idt_init at 0x"), out);
        assertTrue(!out.contains("Value returned"), out);
    }

    @Test
    void finishInTheOutermostFrameIsRefused() {
        DemoSession d = new DemoSession("");
        assertTrue(d.fails("finish").startsWith("\"finish\" not meaningful in the outermost frame"));
    }

    @Test
    void advanceRunsToALocationAndUntilStopsWhenTheFrameReturnsFirst() {
        DemoSession d = stoppedIn("scenario=identity", "kmain");
        String adv = d.ok("advance idt_init");
        assertTrue(adv.startsWith("Stopped: reached idt_init at 0x"), adv);
        String until = d.ok("until main.c:220");
        assertTrue(until.startsWith("Stopped: returned from idt_init before reaching main.c:220 at 0x"), until);
        assertTrue(until.contains("(kmain+0x"), until);
    }

    @Test
    void untilWithoutLocationRunsThroughTheLoopToTheLineAfterIt() {
        // idt_init: line 34 is a for loop over 48 gates; line 35 follows it
        DemoSession d = stoppedIn("", "*0x100c30");
        assertEquals("idt.c:34", d.sourceLine());
        d.ok("delete");
        String out = d.ok("until");
        assertEquals("idt.c:35", d.sourceLine(), out);
        assertTrue(out.startsWith("idt.c:35: set_gate(0x80, isr_syscall_entry, 3);\n"), out);
        assertEquals(DemoSession.forwardCountAt("idt.c:35"), d.session.target().instructionsRetired());
    }

    @Test
    void untilWithoutLocationRunsCallsThroughToTheNextLine() {
        DemoSession d = stoppedIn("", "main.c:204");
        d.ok("until");
        assertEquals("main.c:205", d.sourceLine());
        assertEquals(DemoSession.forwardCountAt("main.c:205"), d.session.target().instructionsRetired());
    }

    @Test
    void untilWithoutLocationAtAFunctionsLastLineGoesOnInTheCallerToItsNextLine() {
        DemoSession d = stoppedIn("", "idt.c:38");
        d.ok("until");
        assertEquals("main.c:205", d.sourceLine());
        assertEquals(DemoSession.forwardCountAt("main.c:205"), d.session.target().instructionsRetired());
    }

    @Test
    void untilWithoutLineInformationIsRefused() {
        DemoSession d = new DemoSession("");
        d.ok("break *0x100000");
        assertTrue(d.fails("until").startsWith("until: no line information at 0x"), d.fails("until"));
    }

    @Test
    void displayShowsItsExpressionsAtEveryStopUntilUndisplayed() {
        DemoSession d = new DemoSession("scenario=identity");
        assertEquals("1: /x $esp = 0x" + Long.toHexString(d.session.target().reg(4) & 0xFFFF_FFFFL) + "\n", d.ok("display/x $esp"));
        String two = d.ok("display/i $eip");
        assertTrue(two.startsWith("2: x/i $eip\nboot.S:13: "), two);
        String step = d.ok("si");
        assertTrue(step.contains("\n1: /x $esp = 0x"), step);
        assertTrue(step.contains("\n2: x/i $eip\n"), step);
        assertEquals("Auto-display expressions now in effect:\nNum Enb Expression\n1:   y  /x $esp\n2:   y  x/i $eip\n", d.ok("info display"));
        d.ok("undisplay 1");
        assertTrue(!d.ok("ni").contains("1: /x $esp"));
        d.ok("undisplay");
        assertEquals("There are no auto-display expressions now.\n", d.ok("info display"));
        assertTrue(d.fails("undisplay 7").startsWith("no display number 7"));
    }

    @Test
    void nextiStepsOverACall() {
        DemoSession d = stoppedIn("scenario=identity", "kmain");
        d.ok("delete");
        for (int i = 0; i < 20 && !d.session.instructionText(d.session.target().eip()).startsWith("call"); i++) d.ok("si");
        String call = d.session.instructionText(d.session.target().eip());
        assertTrue(call.matches("call 0x[0-9a-f]+ <\\w+>"), call); // the target named
        long after = d.session.target().eip() + 5L;
        d.ok("nexti");
        assertEquals(after, d.session.target().eip() & 0xFFFF_FFFFL);
    }
}
