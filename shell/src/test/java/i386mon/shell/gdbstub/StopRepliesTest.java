package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.debug.StopReason;
import org.junit.jupiter.api.Test;

/** Stops as gdb hears them: gdb's own signal numbers, a watch address, the exit status. */
class StopRepliesTest {
    private static String reply(StopReason.Kind kind, int vector) {
        return StopReplies.reply(StopReason.of(kind, "x"), vector, null, 1);
    }

    @Test
    void breakpointsStepsAndWatchpointsAreSigtrap() {
        assertEquals("T05thread:1;", reply(StopReason.Kind.BREAKPOINT, -1));
        assertEquals("T05thread:1;", reply(StopReason.Kind.STEP, -1));
        assertEquals("T05thread:1;", reply(StopReason.Kind.WATCHPOINT, -1));
    }

    @Test
    void aStopRequestIsSigint() {
        assertEquals("T02thread:1;", reply(StopReason.Kind.STOP_REQUEST, -1));
    }

    @Test
    void aTripleFaultIsSigabrt() {
        assertEquals("T06thread:1;", reply(StopReason.Kind.TRIPLE_FAULT, -1));
    }

    @Test
    void caughtExceptionsBecomeTheSignalsAUnixKernelSends() {
        assertEquals("T0bthread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 14), "#PF: SIGSEGV");
        assertEquals("T0bthread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 13), "#GP: SIGSEGV");
        assertEquals("T08thread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 0), "#DE: SIGFPE");
        assertEquals("T04thread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 6), "#UD: SIGILL");
        assertEquals("T0athread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 17), "#AC: gdb's SIGBUS is 10");
        assertEquals("T05thread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 3), "#BP: SIGTRAP");
        assertEquals("T05thread:1;", reply(StopReason.Kind.EXCEPTION_CAUGHT, 31), "a reserved vector: SIGTRAP");
    }

    @Test
    void aGuestExitIsTheProcessExitWithQemusStatus() {
        assertEquals("W21", StopReplies.reply(new StopReason(StopReason.Kind.EXIT, "exit", 0x21), -1, null, 1));
    }

    @Test
    void theThreadIsTheCpusNumber() {
        assertEquals("T05thread:2;", StopReplies.reply(StopReason.STEPPED, -1, null, 2));
    }
}
