package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.FakeKernel;
import org.junit.jupiter.api.Test;

class RunCommandsTest {
    private final Harness h = new Harness();

    @Test
    void contRunsUntilTheGuestExitsAndSaysWhere() {
        assertEquals("Stopped: guest exit with status 3 at 0x00100015 (kernel_main+0x15)\n", h.ok("cont"));
        assertEquals(7, h.session.exitStatus().value());
    }

    @Test
    void contStopsAtTheInstructionBudget() {
        assertEquals("Stopped: instruction budget reached at 0x00100004 (kernel_main+0x4)\n", h.ok("c --max 2"));
    }

    @Test
    void stepShowsTheNextInstruction() {
        assertEquals("0x00100002:  e6 e9                    outb     %al, $0xe9\n", h.ok("si"));
        assertTrue(h.ok("step 2").startsWith("0x00100006:"));
    }

    @Test
    void breakpointStopsWithItsNumberAndSymbol() {
        assertEquals("Breakpoint 1 at 0x00100020 (helper)\n", h.ok("break helper"));
        assertEquals("Stopped: breakpoint 1 at 0x00100020 (helper)\n", h.ok("cont"));
    }

    @Test
    void contFromABreakpointMovesOn() {
        h.ok("break helper");
        h.ok("cont");
        assertTrue(h.ok("cont").startsWith("Stopped: guest exit with status 3"));
    }

    @Test
    void conditionalBreakpointStopsOnlyWhenTheConditionHolds() {
        h.ok("break kernel_main+4 if ($eax & 0xff) == 'i'");
        h.ok("break kernel_main+6 if ($eax & 0xff) == 'i'");
        assertEquals("Stopped: breakpoint 2 at 0x00100006 (kernel_main+0x6)\n", h.ok("cont"));
    }

    @Test
    void temporaryBreakpointIsDeletedWhenHit() {
        h.ok("tbreak helper");
        h.ok("cont");
        assertEquals("No breakpoints or watchpoints.\n", h.ok("info break"));
    }

    @Test
    void infoBreakListsHitsAndConditions() {
        h.ok("break helper if 1");
        h.ok("cont");
        String table = h.ok("info break");
        assertTrue(table.contains("1    break      0x00100020 helper                   1     1"), table);
    }

    @Test
    void deleteRemovesOneBreakpoint() {
        h.ok("break helper");
        h.ok("break kernel_main+4");
        h.ok("delete 1");
        assertEquals("Stopped: breakpoint 2 at 0x00100004 (kernel_main+0x4)\n", h.ok("cont"));
        assertEquals("no breakpoint or watchpoint number 7", h.fails("delete 7"));
    }

    @Test
    void nextRunsACallThroughToItsReturn() {
        h.target().eip = 0x10000c;
        assertTrue(h.ok("next").startsWith(String.format("0x%08x:", FakeKernel.AFTER_CALL)));
        assertEquals(FakeKernel.AFTER_CALL, h.target().eip);
        assertEquals("No breakpoints or watchpoints.\n", h.ok("info break"));
    }

    @Test
    void runBootsAfreshAndRuns() {
        h.ok("si 3");
        assertTrue(h.ok("run").startsWith("Stopped: guest exit with status 3"));
        assertEquals(2, h.kernel.boots);
    }

    @Test
    void systemResetReturnsToTheEntryPoint() {
        h.ok("si 3");
        h.ok("system_reset");
        assertEquals(FakeKernel.MAIN, h.target().eip);
    }

    @Test
    void breakpointsSurviveAReset() {
        h.ok("break helper");
        h.ok("system_reset");
        assertEquals("Stopped: breakpoint 1 at 0x00100020 (helper)\n", h.ok("cont"));
    }

    @Test
    void infoStatusReportsHowTheGuestStopped() {
        assertEquals("VM status: paused\n", h.ok("info status"));
        h.ok("cont");
        assertEquals("VM status: paused (guest exited with status 3)\n", h.ok("info status"));
    }
}
