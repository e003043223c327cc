package i386mon.machine.debug;

/**
 * The breakpoints of one target and the front end's say on them. The addresses live in the CPU
 * (its run loop checks them); when the guest reaches one, {@link RunControl} asks the
 * {@link Decision} whether to report the stop (a front end evaluates its conditions and counts its
 * hits there) or to run on.
 */
public final class Breakpoints {
    /** What to report when the guest reaches a breakpoint. */
    @FunctionalInterface
    public interface Decision {
        /** The stop to report at {@code eip}, or null to run on (every condition there is false). */
        StopReason atBreakpoint(int eip);
    }

    /** Without a front end's decision every breakpoint stops. */
    public static final Decision ALWAYS = eip -> StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");

    private final DebugTarget target;
    private Decision decision = ALWAYS;
    private Decision probe = ALWAYS;

    Breakpoints(DebugTarget target) {
        this.target = target;
    }

    /** Stops before the instruction at linear {@code linear}; adding one twice keeps one. */
    public void add(int linear) { target.addBreakpoint(linear); }

    public void remove(int linear) { target.removeBreakpoint(linear); }

    public boolean contains(int linear) { return target.hasBreakpoint(linear); }

    /** Who decides whether a breakpoint reached stops ({@link #ALWAYS} when null). */
    public void decideWith(Decision d) { this.decision = d == null ? ALWAYS : d; }

    /**
     * How reverse execution asks what a breakpoint passed in the past would report, without the
     * decision's side effects (hit counts, deleting a temporary breakpoint); {@link #ALWAYS} when null.
     */
    public void probeWith(Decision d) { this.probe = d == null ? ALWAYS : d; }

    /** What the breakpoint at the current instruction would report now, or null; changes nothing. */
    StopReason probe() { return probe.atBreakpoint(target.eip()); }

    /** True when the next instruction sits on a breakpoint (so a run or step must step off it first). */
    boolean atCurrentInstruction() {
        return contains(target.segBase(DebugTarget.SEG_CS) + target.eip());
    }

    StopReason decide() { return decision.atBreakpoint(target.eip()); }
}
