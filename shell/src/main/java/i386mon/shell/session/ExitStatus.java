package i386mon.shell.session;

import i386mon.machine.debug.StopReason;

/**
 * The status a batch run exits with. Our own statuses are even so that they never collide with
 * the odd {@code (v << 1) | 1} of a guest exit through port 0xF4 (QEMU's isa-debug-exit).
 * Failures decide first (an expect failure over a failing command), then how the guest ended.
 */
public final class ExitStatus {
    public static final int SUCCESS = 0;
    public static final int USAGE_OR_COMMAND_FAILED = 2;
    public static final int EXPECT_FAILED = 4;
    public static final int TRIPLE_FAULT = 6;
    /** The run's --timeout of wall time elapsed. */
    public static final int TIMEOUT = 8;
    /** The run's --max-instructions of guest time were used up. */
    public static final int INSTRUCTION_LIMIT = 10;

    private boolean commandFailed;
    private boolean expectFailed;
    private StopReason lastStop;
    private boolean tripleFaultExpected;
    private RunLimits limits;

    /** The run limits whose reaching decides the status first. */
    public void setLimits(RunLimits limits) { this.limits = limits; }

    public void commandFailed() {
        commandFailed = true;
    }

    public void expectFailed() {
        expectFailed = true;
    }

    /** Records how the guest last stopped; a later stop replaces it. */
    public void guestStopped(StopReason stop) {
        lastStop = stop;
        tripleFaultExpected = false;
    }

    /** An {@code expect stop triplefault} accepted the triple fault: it is then the expected outcome. */
    public void tripleFaultExpected() {
        tripleFaultExpected = true;
    }

    /** Forgets the guest's outcome, as after a reset or a fresh boot. */
    public void guestReset() {
        lastStop = null;
        tripleFaultExpected = false;
    }

    public int value() {
        if (limits != null && limits.reached()) return limits.status(); // whatever failed after it failed for it
        if (expectFailed) return EXPECT_FAILED;
        if (commandFailed) return USAGE_OR_COMMAND_FAILED;
        if (lastStop != null && lastStop.kind() == StopReason.Kind.EXIT) return lastStop.exitStatus();
        if (lastStop != null && lastStop.kind() == StopReason.Kind.TRIPLE_FAULT && !tripleFaultExpected) return TRIPLE_FAULT;
        return SUCCESS;
    }
}
