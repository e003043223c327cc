package i386mon.machine.apic;

/**
 * The local APIC timer's counter (SDM 10.5.4): counts down from the initial count at the bus
 * clock (1 GHz: one tick per virtual nanosecond, as in QEMU) divided by the divide configuration
 * register; one-shot stops at zero, periodic reloads. Computed from the time it was loaded rather
 * than stepped, so any virtual time reads in O(1).
 */
final class ApicTimer {
    private int initialCount;
    private int divideConfiguration;
    private int shift = 1;
    private boolean periodic;
    private long loadTime;
    /** Periods since {@link #loadTime} already expired. */
    private long expired;
    private boolean armed;

    void reset() {
        initialCount = divideConfiguration = 0;
        shift = 1;
        periodic = armed = false;
        loadTime = expired = 0;
    }

    int initialCount() { return initialCount; }

    int divideConfiguration() { return divideConfiguration; }

    boolean periodic() { return periodic; }

    /** The divisor the divide configuration selects: bits 3,1,0 = 111 divide by 1, else by 2^(value+1). */
    int divisor() { return 1 << shift; }

    /** Writing the initial count restarts the count (0 stops the timer). */
    void load(int count, long now) {
        initialCount = count;
        loadTime = now;
        expired = 0;
        armed = count != 0;
    }

    /** The divisor changes where the count stands: the count goes on at the new rate. */
    void setDivideConfiguration(int value, long now) {
        int ticks = ticksIntoPeriod(now);
        divideConfiguration = value & 0xB;
        int v = (value & 3) | (value >>> 1 & 4);
        shift = (v + 1) & 7;
        if (armed) {
            loadTime = now - ((long) ticks << shift);
            expired = 0;
        }
    }

    void setPeriodic(boolean on, long now) {
        if (on == periodic) return;
        periodic = on;
        if (on && !armed && initialCount != 0) {
            // A one-shot that already reached zero starts counting again in periodic mode (QEMU does too).
            load(initialCount, now);
        }
    }

    private long period() { return (initialCount & 0xFFFF_FFFFL) << shift; }

    private int ticksIntoPeriod(long now) {
        if (!armed) return 0;
        long ticks = (now - loadTime) >>> shift;
        long count = initialCount & 0xFFFF_FFFFL;
        return (int) (periodic ? ticks % count : Math.min(ticks, count));
    }

    int currentCount(long now) {
        if (!armed) return 0;
        long count = initialCount & 0xFFFF_FFFFL;
        return (int) (count - ticksIntoPeriod(now));
    }

    long nextExpiry() {
        return armed ? loadTime + (expired + 1) * period() : Long.MAX_VALUE;
    }

    /** Brings the timer to {@code now}: true if it reached zero since the last look (periods missed meanwhile count once). */
    boolean expire(long now) {
        if (!armed || now < nextExpiry()) return false;
        if (periodic) expired = (now - loadTime) / period();
        else armed = false;
        return true;
    }
}
