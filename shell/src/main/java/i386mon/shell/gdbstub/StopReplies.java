package i386mon.shell.gdbstub;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;

/**
 * A stop as gdb hears it. Signal numbers are gdb's own (target independent: GDB_SIGNAL_TRAP 5,
 * SEGV 11, BUS 10, unlike Linux's 7). Breakpoints, steps and watchpoints are SIGTRAP (a watchpoint
 * names its address and kind); a stop request is SIGINT; a caught exception becomes the signal a
 * Unix kernel would send for it (#PF and #GP SIGSEGV, #DE SIGFPE, #UD SIGILL, #AC SIGBUS ...); a
 * triple fault SIGABRT (the processor shut down); a guest exit through port 0xF4 ends the
 * process ({@code W}, with the exit status QEMU would have).
 */
final class StopReplies {
    static final int SIGINT = 2, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGFPE = 8, SIGBUS = 10, SIGSEGV = 11;

    private StopReplies() { }

    /** The reply for a stop of {@code t}'s guest: the exception vector and watchpoint hit as the target recorded them. */
    static String reply(StopReason s, DebugTarget t, int thread) {
        WatchHit hit = s.kind() == StopReason.Kind.WATCHPOINT && t.debugger() != null ? t.debugger().watchpoints().lastHit() : null;
        return reply(s, t.lastExceptionVector(), hit, thread);
    }

    /** A plain stop with {@code signal} on CPU {@code thread}. */
    static String signalled(int signal, int thread) {
        return String.format("T%02xthread:%x;", signal, thread);
    }

    /** The reply for {@code s} on CPU {@code thread}; {@code hit} is the watchpoint hit of a watchpoint stop, or null. */
    static String reply(StopReason s, int vector, WatchHit hit, int thread) {
        if (s.kind() == StopReason.Kind.EXIT) return String.format("W%02x", s.exitStatus() & 0xFF);
        String watch = "";
        if (s.kind() == StopReason.Kind.WATCHPOINT && hit != null) {
            WatchAccess a = hit.watchpoint().access();
            String kind = a == WatchAccess.WRITE ? "watch" : a == WatchAccess.READ ? "rwatch" : "awatch";
            watch = String.format("%s:%x;", kind, hit.address());
        }
        return signalled(signal(s, vector), thread) + watch;
    }

    /** The signal for a stop (vector: the exception a catchpoint stopped before, else unused). */
    static int signal(StopReason s, int vector) {
        switch (s.kind()) {
            case STOP_REQUEST: return SIGINT;
            case TRIPLE_FAULT: return SIGABRT;
            case EXCEPTION_CAUGHT: return signalOfException(vector);
            default: return SIGTRAP;
        }
    }

    /** The signal a Unix kernel delivers for x86 exception {@code vector}. */
    static int signalOfException(int vector) {
        switch (vector) {
            case 0: case 7: case 16: case 19: return SIGFPE;   // #DE, #NM, #MF, #XM
            case 6: return SIGILL;                             // #UD
            case 17: return SIGBUS;                            // #AC
            case 1: case 3: return SIGTRAP;                    // #DB, #BP
            case 5: case 8: case 10: case 11: case 12: case 13: case 14: return SIGSEGV; // #BR, #DF, #TS, #NP, #SS, #GP, #PF
            default: return SIGTRAP;
        }
    }
}
