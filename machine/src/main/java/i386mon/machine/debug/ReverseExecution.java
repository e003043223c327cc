package i386mon.machine.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Going back in time by deterministic replay: the machine is put into the checkpoint before the
 * point wanted and run forward to it, exactly (the {@link Timeline} delivers the recorded input on
 * the way). To find the previous stop, each checkpoint interval is replayed from the latest back,
 * noting the breakpoint, watchpoint and catchpoint hits it passes (conditions asked through the
 * front end's side-effect free probe), and the machine is replayed to the last one before now.
 */
final class ReverseExecution {
    /** A stop passed while replaying: where (the instruction count), what it would report, and a watchpoint's hit. */
    record Hit(long count, StopReason stop, WatchHit watch) { }

    static final StopReason NO_HISTORY = StopReason.of(StopReason.Kind.BUDGET, "No more reverse-execution history");

    private final DebugTarget target;
    private final Breakpoints breakpoints;
    private final Catchpoints catchpoints;

    ReverseExecution(DebugTarget target, Breakpoints breakpoints, Catchpoints catchpoints) {
        this.target = target;
        this.breakpoints = breakpoints;
        this.catchpoints = catchpoints;
    }

    private Timeline timeline() {
        Timeline t = target.timeline();
        if (t == null || !t.on()) throw new IllegalStateException("reverse execution is off: turn it on with reverse on, then run forward");
        return t;
    }

    /** Runs a reverse operation with the guest's output muted (it was printed when the past happened). */
    private <T> T quietly(java.util.function.Supplier<T> op) {
        Timeline t = timeline();
        t.setReplaying(true);
        try {
            return op.get();
        } finally {
            t.setReplaying(false);
        }
    }

    /** Back {@code n} instructions, or to the start of the history. */
    StopReason stepBack(long n) {
        return quietly(() -> stepBackNow(n));
    }

    private StopReason stepBackNow(long n) {
        Timeline t = timeline();
        long now = target.instructionsRetired();
        long to = Math.max(t.start(), now - n);
        t.rewindTo(to);
        StopReason r = replay(to, null);
        if (r != null) return r;
        return to == now - n ? StopReason.STEPPED : NO_HISTORY;
    }

    /**
     * Back one source line ({@code overCalls}: over calls, as reverse-next), or one instruction
     * where the code has no line information or the machine has several CPUs.
     */
    StopReason lineBack(boolean overCalls) {
        return quietly(() -> {
            LineStepBack lines = new LineStepBack(target, timeline(), this);
            // several CPUs interleave: one CPU's lines are not followed through the others' instructions yet
            if (!lines.hasLineHere() || target.cpuCount() > 1) return stepBackNow(1);
            StopReason r = lines.back(overCalls);
            return r != null ? r : StopReason.STEPPED;
        });
    }

    /** Back to the last breakpoint, watchpoint or catchpoint hit before now, or to the start of the history. */
    StopReason continueBack() {
        Hit h = quietly(() -> lastHit(hit -> true));
        if (h == null) return NO_HISTORY;
        return h.stop();
    }

    /**
     * Back to the last hit of watchpoint {@code w} that wrote, or null (the machine back where it
     * was) when there is none in the history.
     */
    Hit lastWrite(Watchpoint w) {
        return quietly(() -> lastHit(hit -> hit.watch() != null && hit.watch().watchpoint().id() == w.id() && hit.watch().write()));
    }

    /**
     * Replays the history interval by interval from the latest back until one holds a hit that
     * {@code wanted} accepts before now, and leaves the machine at the last such hit. Without one,
     * leaves it at the start of the history ({@code wanted} accepting everything) or where it was.
     */
    private Hit lastHit(Predicate<Hit> wanted) {
        Timeline t = timeline();
        long now = target.instructionsRetired();
        long end = now;
        for (long cp : t.checkpointsBefore(now)) {
            List<Hit> hits = new ArrayList<>();
            t.rewindTo(cp);
            StopReason r = replay(end, h -> {
                if (h.count() < now && wanted.test(h)) hits.add(h);
            });
            if (r != null && r.kind() == StopReason.Kind.STOP_REQUEST) return new Hit(target.instructionsRetired(), r, null);
            if (!hits.isEmpty()) {
                Hit last = hits.get(hits.size() - 1);
                t.rewindTo(cp);
                replay(last.count(), null);
                if (last.stop().kind() == StopReason.Kind.EXCEPTION_CAUGHT) target.run(1); // stop before delivery, as the catch did
                return last;
            }
            end = cp;
        }
        // nothing before now: a plain reverse-continue ends at the start of the history, a search where it began
        long to = t.start();
        if (wanted.test(new Hit(to, NO_HISTORY, null))) {
            t.rewindTo(to);
            replay(to, null);
        } else {
            t.rewindTo(now);
            replay(now, null);
        }
        return null;
    }

    /**
     * Runs forward to exactly instruction {@code to}, through every breakpoint, watchpoint and
     * catchpoint (telling {@code seen}, when given, what each would have reported). Returns null
     * when there, else the stop that kept the machine from getting there (a dead halt, a stop request).
     */
    StopReason replay(long to, java.util.function.Consumer<Hit> seen) {
        while (target.instructionsRetired() < to) {
            long before = target.instructionsRetired();
            StopReason r = target.run(to - before);
            long now = target.instructionsRetired();
            switch (r.kind()) {
                case BUDGET: break;
                case BREAKPOINT: {
                    if (seen != null) {
                        StopReason s = breakpoints.probe();
                        if (s != null) seen.accept(new Hit(now, s, null));
                    }
                    target.skipBreakpointOnce();
                    break;
                }
                case WATCHPOINT: {
                    if (seen != null) seen.accept(new Hit(now, r, target.debugger() == null ? null : target.debugger().watchpoints().lastHit()));
                    break;
                }
                case EXCEPTION_CAUGHT: {
                    if (seen != null) {
                        StopReason s = catchpoints.screen(r, target.lastExceptionVector());
                        if (s != null) seen.accept(new Hit(now, s, null));
                    }
                    break;
                }
                case STOP_REQUEST: return r;
                case EXIT:
                    // the guest's exit asked the CPU to stop; the past went on after it (the user continued)
                    target.cancelStopRequest();
                    if (now == before) return r;
                    break;
                default:
                    if (now == before) return r; // a dead halt or a shutdown: the past went no further either
                    break;
            }
        }
        return null;
    }
}
