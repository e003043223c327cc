package i386mon.machine.debug;

import java.util.function.BooleanSupplier;

/**
 * Run control for a front end, decided here and nowhere else: continue, step and run-until-true
 * over a {@link DebugTarget}'s primitive run and step. A run or step that starts on a breakpoint
 * steps off it (the target skips it once); a breakpoint reached stops only when the front end's
 * {@link Breakpoints.Decision} says so; a catchpoint stops only when its {@link Catchpoints}
 * condition holds, else the exception is delivered and the run goes on. Everything else that
 * stops the target (exit, triple fault, dead halt, reset, watchpoint, budget, stop request) is
 * reported as the target gave it.
 */
public final class RunControl {
    private static final StopReason BUDGET = StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached");
    private static final StopReason BY_USER = StopReason.of(StopReason.Kind.STOP_REQUEST, "stopped by user");

    private final DebugTarget target;
    private final Breakpoints breakpoints;
    private final Catchpoints catchpoints;
    private volatile boolean stopRequested;
    private Runnable betweenSlices;
    private long sliceLength;
    private final ReverseExecution reverse;

    public RunControl(DebugTarget target) {
        this.target = target;
        this.breakpoints = new Breakpoints(target);
        this.catchpoints = new Catchpoints(target);
        this.reverse = new ReverseExecution(target, breakpoints, catchpoints);
    }

    public DebugTarget target() { return target; }

    public Breakpoints breakpoints() { return breakpoints; }

    public Catchpoints catchpoints() { return catchpoints; }

    /**
     * Runs free runs in slices of {@code length} instructions with {@code hook} called before each
     * (a console delivers typed keys there); a null hook runs them in one piece.
     */
    public void sliceWith(long length, Runnable hook) {
        this.sliceLength = length;
        this.betweenSlices = hook;
    }

    /** Asks a running guest to stop at the next instruction boundary; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        target.requestStop();
    }

    /**
     * Continues until a stop that concerns the user: a breakpoint the front end reports, a
     * catchpoint whose condition holds, the guest's exit, a triple fault, a dead halt, a reset, a
     * watchpoint, the budget of {@code maxInstructions} or a stop request.
     */
    public StopReason resume(long maxInstructions) {
        forgetStopRequest();
        long start = target.instructionsRetired();
        while (true) {
            stepOffBreakpoint();
            StopReason s = runSlices(maxInstructions - (target.instructionsRetired() - start));
            StopReason r = s.kind() == StopReason.Kind.BREAKPOINT ? breakpoints.decide() : screen(s);
            if (r != null) return r;
            if (maxInstructions - (target.instructionsRetired() - start) <= 0) return BUDGET;
            if (stopRequested) return BY_USER;
        }
    }

    /** Executes up to {@code n} instructions, stopping early at anything but a plain step (breakpoints do not stop steps). */
    public StopReason step(long n) {
        forgetStopRequest();
        StopReason result = StopReason.STEPPED; // or the step that delivered a caught exception, to say so
        for (long i = 0; i < n; i++) {
            StopReason s = stepOne();
            if (s.kind() != StopReason.Kind.STEP) {
                StopReason r = screen(s);
                if (r != null) return r;
            } else if (!s.equals(StopReason.STEPPED)) {
                result = s;
            }
            if (stopRequested) return BY_USER;
        }
        return result;
    }

    /**
     * Single-steps until {@code condition} holds after an instruction (a software watchpoint,
     * reported as {@link StopReason.Kind#WATCHPOINT} "condition TEXT became true"), stopping early
     * at anything else that stops the guest, at a breakpoint reached, or after {@code maxInstructions}.
     */
    public StopReason until(BooleanSupplier condition, String text, long maxInstructions) {
        forgetStopRequest();
        for (long i = 0; i < maxInstructions; i++) {
            StopReason s = stepOne();
            if (s.kind() != StopReason.Kind.STEP) {
                StopReason r = screen(s);
                if (r != null) return r;
                continue;
            }
            if (breakpoints.atCurrentInstruction()) {
                StopReason r = breakpoints.decide();
                if (r != null) return r;
            }
            if (condition.getAsBoolean()) return StopReason.of(StopReason.Kind.WATCHPOINT, "condition " + text + " became true");
            if (stopRequested) return BY_USER;
        }
        return BUDGET;
    }

    // ---- reverse execution (the target's Timeline must be on)

    /**
     * Goes back {@code n} instructions by replay from the checkpoint before; at the start of the
     * history stops there ("No more reverse-execution history"). Throws IllegalStateException when
     * reverse execution is off.
     */
    public StopReason reverseStep(long n) {
        forgetStopRequest();
        return reverse.stepBack(n);
    }

    /**
     * Goes back one source line, as gdb's reverse-step ({@code overCalls} false: into a callee
     * that returned meanwhile) or reverse-next ({@code overCalls} true); by one instruction where
     * the code has no line information ({@link #hasLineInformation()} says which) or the machine
     * has several CPUs.
     */
    public StopReason reverseStepLine(boolean overCalls) {
        forgetStopRequest();
        return reverse.lineBack(overCalls);
    }

    /** Whether the instruction about to run has a source line (reverse-step goes by line there, else by instruction). */
    public boolean hasLineInformation() {
        long pc = (target.segBase(DebugTarget.SEG_CS) + target.eip()) & 0xFFFF_FFFFL;
        return target.debugInfo().lineAt(pc) != null;
    }

    /**
     * Goes back to the last breakpoint (whose condition held), watchpoint or catchpoint hit before
     * now, or to the start of the history.
     */
    public StopReason reverseContinue() {
        forgetStopRequest();
        return reverse.continueBack();
    }

    /** The last write the history holds to what {@code w} watches, the machine stopped right after it; null when none. */
    public WatchHit reverseWatch(Watchpoint w) {
        forgetStopRequest();
        ReverseExecution.Hit h = reverse.lastWrite(w);
        return h == null ? null : h.watch();
    }

    /**
     * A stop request ends the run it interrupted, nothing more: one still pending from before
     * this run (it came as the last run ended, or between steps the target never saw) is dropped.
     */
    private void forgetStopRequest() {
        stopRequested = false;
        target.cancelStopRequest();
    }

    /** One instruction, even on a breakpoint; a target's exhausted budget of one is a plain step. */
    private StopReason stepOne() {
        stepOffBreakpoint();
        StopReason s = target.step();
        return s.kind() == StopReason.Kind.BUDGET ? StopReason.STEPPED : s;
    }

    /** A run that starts on a breakpoint would stop there at once: the first instruction skips it. */
    private void stepOffBreakpoint() {
        if (breakpoints.atCurrentInstruction()) target.skipBreakpointOnce();
    }

    /** The stop to report, or null when a catchpoint's condition is false (the run goes on). */
    private StopReason screen(StopReason s) {
        if (s.kind() == StopReason.Kind.EXCEPTION_CAUGHT) return catchpoints.screen(s, target.lastExceptionVector());
        return s;
    }

    private StopReason runSlices(long max) {
        Runnable hook = betweenSlices;
        if (hook == null) return target.run(max);
        long start = target.instructionsRetired();
        while (true) {
            hook.run();
            long left = max - (target.instructionsRetired() - start);
            long slice = Math.min(left, sliceLength);
            StopReason s = target.run(slice);
            if (s.kind() != StopReason.Kind.BUDGET || slice == left) return s;
        }
    }
}
