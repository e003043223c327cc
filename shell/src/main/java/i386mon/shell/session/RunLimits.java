package i386mon.shell.session;

import i386mon.machine.debug.StopReason;

/**
 * Limits on a whole run, so that a batch job ends on its own (#18): {@code --max-instructions}
 * of guest time (checked by every run and step) and {@code --timeout} of wall time (a timer
 * asks the guest to stop). The first limit reached names the stop and decides the exit status.
 */
public final class RunLimits {
    private long maxInstructions = Long.MAX_VALUE;
    private volatile String cause;
    private volatile int status;

    /** At most {@code n} guest instructions since boot, for the whole run. */
    public void maxInstructions(long n) { maxInstructions = n; }

    /** How many of {@code wanted} instructions may still run, the guest having retired {@code retired}. */
    long allowed(long retired, long wanted) {
        if (maxInstructions == Long.MAX_VALUE) return wanted;
        return Math.max(0, Math.min(wanted, maxInstructions - retired));
    }

    /** The stop when a run ended at the instruction limit. */
    StopReason instructionLimitReached() {
        reach(ExitStatus.INSTRUCTION_LIMIT, "instruction limit reached: " + maxInstructions + " instructions (--max-instructions)");
        return StopReason.of(StopReason.Kind.BUDGET, cause);
    }

    /** The wall-time limit elapsed; safe from any thread. */
    public void timedOut(long seconds) {
        reach(ExitStatus.TIMEOUT, "timeout: " + seconds + " s of wall time elapsed (--timeout)");
    }

    private synchronized void reach(int exitStatus, String why) {
        if (cause != null) return;
        status = exitStatus;
        cause = why;
    }

    /** True once a limit was reached: the run should end. */
    public boolean reached() { return cause != null; }

    /** What was reached, one line; null if nothing was. */
    public String cause() { return cause; }

    /** The exit status of the limit reached, 0 if none was. */
    public int status() { return status; }

    /** A stop request that came from the timeout, named for it. */
    StopReason explain(StopReason s) {
        if (s.kind() == StopReason.Kind.STOP_REQUEST && status == ExitStatus.TIMEOUT) return StopReason.of(s.kind(), cause);
        return s;
    }
}
