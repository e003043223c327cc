package i386mon.shell.guest;

/** Why the guest stopped running, with the exit value when it wrote to the debug-exit port. */
public record Stop(Kind kind, String description, int exitStatus) {
    /** The stop kinds, named as {@code expect stop} names them where they overlap. */
    public enum Kind { BREAKPOINT, EXIT, TRIPLE_FAULT, HALTED, BUDGET, STOP_REQUEST, EXCEPTION_CAUGHT, RESET, WATCH, STEP }
}
