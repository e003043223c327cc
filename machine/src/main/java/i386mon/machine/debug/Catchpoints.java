package i386mon.machine.debug;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exception vectors the guest stops before taking, each with an optional condition the front end
 * supplies (the shell keeps its text and evaluates it). The CPU holds the mask and stops before
 * delivery; whether that stop is reported is decided here: an unconditional catch always stops, a
 * conditional one only when its condition holds; one whose condition cannot be evaluated stops
 * and says why. A catch that does not stop lets the exception be delivered as the run goes on.
 * A catchpoint applies to every CPU or to one ({@link #add(int, int, Condition)}): only that
 * CPU's mask holds it, so the others take the exception without stopping.
 */
public final class Catchpoints {
    /** A catchpoint's condition, asked when its exception is about to be delivered. */
    @FunctionalInterface
    public interface Condition {
        /** True to stop. A RuntimeException means the condition failed: the stop is reported with its message. */
        boolean holds(int vector);
    }

    /** The CPU of a catchpoint that applies to every CPU. */
    public static final int ANY_CPU = -1;

    private final DebugTarget target;
    private final SortedMap<Integer, Condition> catches = new TreeMap<>();

    Catchpoints(DebugTarget target) {
        this.target = target;
    }

    /** Catches exception {@code vector} (0-31), with {@code condition} or (null) always. */
    public void add(int vector, Condition condition) {
        add(vector, ANY_CPU, condition);
    }

    /** Catches exception {@code vector} on CPU {@code cpu} only ({@link #ANY_CPU}: on every CPU); replaces a catch on the vector. */
    public void add(int vector, int cpu, Condition condition) {
        target.setCatch(vector, ANY_CPU, false);
        target.setCatch(vector, cpu, true);
        catches.put(vector, condition);
    }

    public void remove(int vector) {
        target.setCatch(vector, ANY_CPU, false);
        catches.remove(vector);
    }

    public SortedSet<Integer> vectors() { return Collections.unmodifiableSortedSet(new TreeSet<>(catches.keySet())); }

    /**
     * The stop to report for a catchpoint stop {@code s} before exception {@code vector}, or null
     * when its condition is false.
     */
    StopReason screen(StopReason s, int vector) {
        Condition c = catches.get(vector);
        if (c == null) return s;
        try {
            return c.holds(vector) ? s : null;
        } catch (RuntimeException e) {
            return StopReason.of(s.kind(), s.description() + " (its condition failed: " + e.getMessage() + ")");
        }
    }
}
