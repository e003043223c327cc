package i386mon.machine.clock;

import java.util.Arrays;

/**
 * Guest time, counted in retired instructions so that every run is reproducible. One instruction
 * lasts {@link #nanosPerInstruction()} virtual nanoseconds (default 1, a 1 GHz one-IPC CPU).
 * A halted CPU skips ahead to the next timer event instead of spinning ({@link #skipTo}).
 */
public final class VirtualClock implements i386mon.machine.state.Stateful {
    public static final long DEFAULT_NANOS_PER_INSTRUCTION = 1;

    private final long nanosPerInstruction;
    private long instructions;
    private long idleNanos;
    /** An array, not a list: the next event is asked for at every PM-timer read, without an iterator each time. */
    private TimerSource[] sources = new TimerSource[0];

    public VirtualClock() { this(DEFAULT_NANOS_PER_INSTRUCTION); }

    public VirtualClock(long nanosPerInstruction) {
        if (nanosPerInstruction < 1) throw new IllegalArgumentException("nanosPerInstruction < 1");
        this.nanosPerInstruction = nanosPerInstruction;
    }

    public long nanosPerInstruction() { return nanosPerInstruction; }

    /** Instructions retired so far. */
    public long instructions() { return instructions; }

    /** Called by the CPU's run loop after a slice of instructions. */
    public void retire(long n) { instructions += n; }

    /** Virtual time in nanoseconds since power-on. */
    public long nanos() { return instructions * nanosPerInstruction + idleNanos; }

    /** Jumps virtual time forward (while halted) to {@code nanos}, if that is in the future. */
    public void skipTo(long nanos) {
        long now = nanos();
        if (nanos > now) idleNanos += nanos - now;
    }

    /**
     * Moves virtual time on by {@code nanos} without retiring instructions: a device access that
     * takes that long. Counted with the halted time, so the instructions retired stay the count.
     */
    public void elapse(long nanos) {
        if (nanos > 0) idleNanos += nanos;
    }

    public void addSource(TimerSource s) {
        sources = Arrays.copyOf(sources, sources.length + 1);
        sources[sources.length - 1] = s;
    }

    /** Virtual time for a snapshot: instructions retired and time skipped while halted (the timers' own state is theirs). */
    @Override
    public void saveState(i386mon.machine.state.StateWriter out) { out.i64(instructions).i64(idleNanos); }

    @Override
    public void restoreState(i386mon.machine.state.StateReader in) {
        instructions = in.i64();
        idleNanos = in.i64();
        in.end();
    }

    /** The earliest time any source needs attention, or {@link Long#MAX_VALUE}. */
    public long nextEventNanos() {
        long next = Long.MAX_VALUE;
        for (TimerSource s : sources) next = Math.min(next, s.nextEventNanos());
        return next;
    }

    /** Brings every source up to the current time (raising the IRQs that fell due). */
    public void sync() {
        long now = nanos();
        for (TimerSource s : sources) s.advanceTo(now);
    }

    /** How many instructions may run before the next event is due (at least 1). */
    public long instructionsUntilNextEvent() {
        return Math.max(1, instructionsFrom(nanos()));
    }

    /**
     * How many instructions run from virtual time {@code at} until the next event is due: 0 if it
     * is due by then, {@link Long#MAX_VALUE} if there is none.
     */
    public long instructionsFrom(long at) {
        long next = nextEventNanos();
        if (next == Long.MAX_VALUE) return Long.MAX_VALUE;
        long delta = next - at;
        if (delta <= 0) return 0;
        return (delta + nanosPerInstruction - 1) / nanosPerInstruction;
    }
}
