package i386mon.machine.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How far the next timer event is, in instructions, from a given virtual time. */
class VirtualClockTest {
    /** A source whose only event is at {@code at} ns. */
    private static TimerSource eventAt(long at) {
        return new TimerSource() {
            @Override public long nextEventNanos() { return at; }

            @Override public void advanceTo(long nanos) { }
        };
    }

    @Test
    void theInstructionsFromATimeToTheEventRoundUp() {
        VirtualClock clock = new VirtualClock(3);
        clock.addSource(eventAt(1_000));
        assertEquals(334, clock.instructionsFrom(0)); // 333 instructions end at 999 ns: one more reaches it
    }

    @Test
    void anEventDueByThenLeavesNoInstructions() {
        VirtualClock clock = new VirtualClock();
        clock.addSource(eventAt(1_000));
        assertEquals(0, clock.instructionsFrom(1_000));
        assertEquals(0, clock.instructionsFrom(2_000));
    }

    @Test
    void theEarliestSourceDecides() {
        VirtualClock clock = new VirtualClock();
        clock.addSource(eventAt(5_000));
        clock.addSource(eventAt(2_000));
        clock.addSource(eventAt(Long.MAX_VALUE));
        assertEquals(2_000, clock.instructionsFrom(0));
    }

    @Test
    void withoutEventsThereIsNoLimit() {
        VirtualClock clock = new VirtualClock();
        clock.addSource(eventAt(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, clock.instructionsFrom(0));
    }

    @Test
    void aSliceRunsAtLeastOneInstructionEvenWhenAnEventIsDue() {
        VirtualClock clock = new VirtualClock();
        clock.addSource(eventAt(0));
        assertEquals(1, clock.instructionsUntilNextEvent());
    }
}
