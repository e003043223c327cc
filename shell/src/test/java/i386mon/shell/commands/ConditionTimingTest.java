package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Conditions are parsed when set and evaluated at each hit; an error at a hit stops and says so. */
class ConditionTimingTest {
    private final Harness h = new Harness();

    @Test
    void breakpointConditionOnUnreadableMemoryIsAccepted() {
        assertEquals("Breakpoint 1 at 0x00100020 (helper) if [0xd0000000] == 3\n", h.ok("break helper if [0xd0000000] == 3"));
    }

    @Test
    void breakpointConditionThatFailsAtAHitStopsAndSaysWhy() {
        h.ok("break helper if [0xd0000000] == 3");
        String stop = h.ok("cont");
        assertTrue(stop.startsWith("Stopped: breakpoint 1 (its condition failed: Cannot access memory at 0xd0000000"), stop);
        assertTrue(stop.endsWith(" at 0x00100020 (helper)\n"), stop);
    }

    @Test
    void malformedBreakpointConditionIsRefusedWhenSet() {
        assertEquals("')' expected but found end of expression in: (1", h.fails("break helper if (1"));
        assertEquals("No breakpoints or watchpoints.\n", h.ok("info break"));
    }

    @Test
    void untilConditionOnUnreadableMemoryStopsAtTheFirstInstructionAndSaysWhy() {
        String stop = h.ok("cont --until \"[0xd0000000] == 3\"");
        assertTrue(stop.startsWith("Stopped: condition [0xd0000000] == 3 could not be tested: Cannot access memory at 0xd0000000"), stop);
        assertEquals(0x100002, h.target().eip);
    }

    @Test
    void malformedUntilConditionIsRefusedBeforeTheGuestMoves() {
        h.fails("cont --until \"1 +\"");
        assertEquals(0x100000, h.target().eip);
    }

    @Test
    void catchConditionOnUnreadableMemoryIsAcceptedAndTestedAtTheException() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        d.ok("catch pf if [0xd0000000] == 3");
        String stop = d.ok("cont");
        assertTrue(stop.contains("(its condition failed: Cannot access memory at 0xd0000000"), stop);
    }
}
