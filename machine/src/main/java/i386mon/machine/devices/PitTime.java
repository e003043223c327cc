package i386mon.machine.devices;

/**
 * Exact conversion between virtual nanoseconds and a clock of {@code hz} ticks per second: tick n
 * happens at the first nanosecond t with floor(t * hz / 1e9) >= n. Integer arithmetic split at
 * whole seconds so neither direction overflows or drifts.
 */
final class PitTime {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private PitTime() { }

    /** Ticks of a {@code hz} clock completed by virtual time {@code nanos} (>= 0). */
    static long ticksAt(long nanos, long hz) {
        return (nanos / NANOS_PER_SECOND) * hz + (nanos % NANOS_PER_SECOND) * hz / NANOS_PER_SECOND;
    }

    /** The first virtual nanosecond at which tick {@code tick} (>= 0) has happened. */
    static long nanosAtTick(long tick, long hz) {
        long q = tick / hz;
        long r = tick % hz;
        return q * NANOS_PER_SECOND + (r * NANOS_PER_SECOND + hz - 1) / hz;
    }
}
