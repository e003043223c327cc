package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reverse-step and reverse-next by source line on the demo kernel (built with -g): each lands on
 * the line gdb's would, at the instruction count a forward run reaches that place with.
 * kmain calls gdt_init() on main.c:203, idt_init() on 204 and pic_init() on 205; idt_init's last
 * line is idt.c:39.
 */
class ReverseLineStepTest {
    @TempDir Path dir;

    /** A session recording from boot, stopped at the start of main.c:205. */
    private static DemoSession atPicInit() {
        DemoSession d = new DemoSession("");
        d.ok("reverse on 50000");
        d.ok("break main.c:205");
        d.ok("cont");
        d.ok("delete");
        return d;
    }

    private static long icount(DemoSession d) { return d.session.target().instructionsRetired(); }

    @Test
    void reverseNextGoesBackOverTheCallToThePreviousLinesStart() {
        DemoSession d = atPicInit();
        String out = d.ok("reverse-next");
        assertEquals("main.c:204", d.sourceLine(), out);
        assertEquals(DemoSession.forwardCountAt("main.c:204"), icount(d));
        assertTrue(out.startsWith("main.c:204: idt_init();\n"), out);
    }

    @Test
    void reverseNextTwiceGoesBackTwoLines() {
        DemoSession d = atPicInit();
        d.ok("reverse-next 2");
        assertEquals("main.c:203", d.sourceLine());
        assertEquals(DemoSession.forwardCountAt("main.c:203"), icount(d));
    }

    @Test
    void reverseStepGoesIntoTheCalleeToTheStartOfItsLastLine() {
        DemoSession d = atPicInit();
        d.ok("reverse-step");
        assertEquals("idt.c:39", d.sourceLine()); // its epilogue, a row of line 39 that is not a statement (no breakpoint can name the line)
        assertEquals(DemoSession.forwardCountAt("*" + d.session.pc()), icount(d));
    }

    @Test
    void reverseStepFromAFunctionsFirstLineGoesBackToTheCallersLine() {
        DemoSession d = new DemoSession("");
        d.ok("reverse on 50000");
        d.ok("break idt_init");
        d.ok("cont");
        d.ok("reverse-step");
        assertEquals("main.c:204", d.sourceLine());
        assertEquals(DemoSession.forwardCountAt("main.c:204"), icount(d));
    }

    @Test
    void reverseStepInTheMiddleOfALineGoesToItsStart() {
        DemoSession d = atPicInit();
        d.ok("reverse-stepi"); // the last instruction of idt_init (its ret): the middle of idt.c:39
        assertEquals("idt.c:39", d.sourceLine());
        long ret = icount(d);
        d.ok("reverse-step");
        assertEquals("idt.c:39", d.sourceLine());
        assertTrue(icount(d) < ret);
        assertEquals(DemoSession.forwardCountAt("*" + d.session.pc()), icount(d));
    }

    @Test
    void reverseStepWithoutLineInformationGoesBackOneInstructionAndSaysSo() throws Exception {
        DemoSession d = StackCommandsTest.strippedDemo(dir);
        d.ok("reverse on 50000");
        d.ok("cont --max 3");
        long at = icount(d);
        String out = d.ok("reverse-step");
        assertTrue(out.startsWith("No line information here: going back by instruction.\n"), out);
        assertEquals(at - 1, icount(d));
    }

    @Test
    void reverseNextNeedsRecordingFirst() {
        assertEquals("reverse execution is off: turn it on with reverse on, then run forward", new DemoSession("").fails("reverse-next"));
    }
}
