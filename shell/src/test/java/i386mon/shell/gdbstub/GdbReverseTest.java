package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.debug.DebugTarget;
import org.junit.jupiter.api.Test;

/** bs and bc: gdb's reverse-stepi and reverse-continue through the monitor's reverse execution. */
class GdbReverseTest {
    private final DemoMachine m = new DemoMachine("");
    private final DebugTarget t = m.session.target();

    private void monitor(String line) {
        i386mon.shell.session.Outcome o = m.dispatcher.execute(line);
        assertTrue(o.ok(), line + ": " + o.message() + m.console);
    }

    @Test
    void reverseNeedsRecordingAndSaysSo() {
        assertEquals("E.reverse execution is off: start recording with monitor reverse on", m.reply("bs"));
        assertEquals("E.reverse execution is off: start recording with monitor reverse on", m.reply("bc"));
    }

    @Test
    void bsGoesBackOneInstruction() {
        monitor("reverse on");
        int start = t.eip();
        monitor("step");
        int second = t.eip();
        monitor("step 2");
        assertEquals("T05thread:1;", m.reply("bs"));
        assertEquals("T05thread:1;", m.reply("bs"));
        assertEquals(second, t.eip());
        assertEquals("T05thread:1;", m.reply("bs"));
        assertEquals(start, t.eip());
        assertEquals("T05thread:1;replaylog:begin;", m.reply("bs"), "the start of the history");
        assertEquals("T05thread:1;replaylog:begin;", m.reply("?"));
    }

    @Test
    void bcGoesBackToTheBreakpointHitBefore() {
        int kmain = m.symbol("kmain");
        assertEquals("OK", m.reply(String.format("Z0,%x,1", kmain)));
        monitor("reverse on");
        monitor("cont");
        assertEquals(kmain, t.eip());
        monitor("step 5");
        assertEquals("T05thread:1;", m.reply("bc"));
        assertEquals(kmain, t.eip());
    }

    @Test
    void bsGoesBackOneInstructionOnAMachineWithSeveralCpus() {
        DemoMachine smp = new DemoMachine("", 2);
        assertTrue(smp.dispatcher.execute("reverse on").ok(), "several CPUs record too");
        assertTrue(smp.dispatcher.execute("break kmain").ok());
        assertTrue(smp.dispatcher.execute("cont").ok());
        assertTrue(smp.dispatcher.execute("step 3").ok());
        long at = smp.session.target().instructionsRetired();
        assertTrue(smp.reply("bs").startsWith("T05"));
        assertEquals(at - 1, smp.session.target().instructionsRetired());
    }

    @Test
    void otherBPacketsAreUnknown() {
        assertEquals("", m.reply("bx"));
    }
}
