package i386mon.machine;

/**
 * Why {@link Machine#run} returned: one line for the user ({@link #description()}) and, for a
 * guest exit through port 0xF4, the process exit status (v << 1) | 1.
 */
public record StopReason(Kind kind, String description, int exitStatus) {
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
        /** {@link Machine#requestStop()} (Ctrl-C, the monitor's stop). */
        STOP_REQUEST,
        /** A catchpoint: an exception is about to be delivered. */
        EXCEPTION_CAUGHT,
        /** The guest asked for a machine reset (keyboard controller 0xFE, port 0x92, 0xCF9). */
        RESET,
        /** A watchpoint caught an access; the instruction has completed ({@link Machine#lastWatchHit()}). */
        WATCHPOINT
    }

    static StopReason of(Kind kind, String description) { return new StopReason(kind, description, 0); }
}
