package i386mon.machine.debug;

/**
 * Why a run or step returned, for every front end: the kind, one line for the user
 * ({@link #description()}), for a guest exit through port 0xF4 the process exit status
 * (v << 1) | 1 as QEMU's isa-debug-exit reports it ({@link #exitValue()} is v), and the index of
 * the CPU that stopped ({@link #cpu()}: 0 on a one-CPU machine; with several, the CPU that hit
 * the breakpoint, caught the exception, wrote the exit port, or ran when the stop came).
 */
public record StopReason(Kind kind, String description, int exitStatus, int cpu) {
    public StopReason(Kind kind, String description, int exitStatus) { this(kind, description, exitStatus, 0); }

    public enum Kind {
        /** A breakpoint address was reached (the instruction has not run). */
        BREAKPOINT,
        /** The guest wrote to the isa-debug-exit port. */
        EXIT,
        /** An exception could not be delivered even as a double fault; state is kept. */
        TRIPLE_FAULT,
        /** HLT with nothing able to wake the CPU. */
        HALTED,
        /** The instruction budget ran out. */
        BUDGET,
        /** A stop request (Ctrl-C, the monitor's stop). */
        STOP_REQUEST,
        /** A catchpoint: an exception is about to be delivered. */
        EXCEPTION_CAUGHT,
        /** The guest asked for a machine reset (keyboard controller 0xFE, port 0x92, 0xCF9). */
        RESET,
        /** A watchpoint caught an access, or a watched condition became true; the instruction has completed. */
        WATCHPOINT,
        /** A single step completed with nothing else to report. */
        STEP
    }

    /** The plain step: one instruction ran and nothing stopped it. */
    public static final StopReason STEPPED = of(Kind.STEP, "step");

    public static StopReason of(Kind kind, String description) { return new StopReason(kind, description, 0); }

    /** This stop, reported for CPU {@code index}. */
    public StopReason onCpu(int index) { return index == cpu ? this : new StopReason(kind, description, exitStatus, index); }

    /** The value v the guest wrote to the debug-exit port (the exit status is (v << 1) | 1); 0 for other stops. */
    public int exitValue() { return kind == Kind.EXIT ? exitStatus >>> 1 : 0; }
}
