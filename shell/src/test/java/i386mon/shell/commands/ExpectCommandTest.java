package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.session.Outcome;
import org.junit.jupiter.api.Test;

class ExpectCommandTest {
    private final Harness h = new Harness();

    @Test
    void expectSerialRunsUntilTheTextAppears() {
        h.ok("expect serial \"Hi\"");
        assertEquals(0x100008, h.target().eip); // stopped right after the out that sent 'i'
    }

    @Test
    void expectSerialFailsWithinTheBudget() {
        Outcome o = h.dispatcher.execute("expect serial \"Hi\" --within 2");
        assertEquals(Outcome.Kind.EXPECT_FAILED, o.kind());
        assertEquals("expect serial failed: expected \"Hi\", found \"H\"; the guest stopped: instruction budget reached at 0x00100004 (kernel_main+0x4)", o.message());
        assertEquals(4, h.session.exitStatus().value());
    }

    @Test
    void expectSerialLooksOnlyAfterEarlierMatches() {
        h.ok("expect serial H");
        Outcome o = h.dispatcher.execute("expect serial H");
        assertEquals(Outcome.Kind.EXPECT_FAILED, o.kind());
    }

    @Test
    void expectExpressionPassesWhenNonZero() {
        h.ok("expect [kernel_main] & 0xff == 0xb0");
    }

    @Test
    void expectExpressionShowsBothSidesWhenItFails() {
        Outcome o = h.dispatcher.execute("expect $eip == helper");
        assertEquals("expect failed: $eip == helper: expected $eip == helper, found $eip = 0x100000 and helper = 0x100020", o.message());
    }

    @Test
    void expectStopRunsTheGuestAndChecksHowItStopped() {
        String out = h.ok("expect stop exit");
        assertTrue(out.startsWith("Stopped: guest exit with status 3"), out);
    }

    @Test
    void expectStopFailureSaysWhatWasFound() {
        h.ok("cont");
        Outcome o = h.dispatcher.execute("expect stop triplefault");
        assertEquals("expect stop failed: expected triplefault, found guest exit with status 3 at 0x00100015 (kernel_main+0x15)", o.message());
    }

    @Test
    void expectedTripleFaultDoesNotFailTheRun() {
        h.target().poke(0x100000, 0x0f, 0x0b);
        h.ok("cont");
        assertEquals(6, h.session.exitStatus().value());
        h.ok("expect stop triplefault");
        assertEquals(0, h.session.exitStatus().value());
    }

    @Test
    void expectStopWatchFollowsAConditionThatBecameTrue() {
        h.ok("cont --until \"($eax & 0xff) == 'i'\"");
        h.ok("expect stop watch");
        assertEquals(0x100006, h.target().eip);
    }

    @Test
    void unknownStopKindIsAnError() {
        assertEquals("unknown stop kind: nap (pagefault, exit, triplefault, break, halt, watch)", h.fails("expect stop nap"));
    }
}
