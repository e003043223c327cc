package i386mon.machine.cpu;

import java.util.Arrays;

/**
 * Linear addresses where the CPU stops before executing. An open-addressing int set: the run loop
 * asks {@link #count()} first, so an empty set costs one field read per instruction.
 */
public final class BreakpointAddresses {
    private int[] slots = new int[16];
    private boolean[] used = new boolean[16];
    private int count;
    /** Changes whenever the set changes, so per-block answers to {@link #anyIn} can be cached. */
    private int generation;

    public int count() { return count; }

    public int generation() { return generation; }

    /** True if a breakpoint lies in the linear range [{@code from}, {@code from + length}). */
    public boolean anyIn(int from, int length) {
        for (int i = 0; i < slots.length; i++) {
            if (used[i] && Integer.compareUnsigned(slots[i] - from, length) < 0) return true;
        }
        return false;
    }

    public boolean contains(int linear) {
        int m = slots.length - 1;
        for (int i = hash(linear) & m; used[i]; i = (i + 1) & m) if (slots[i] == linear) return true;
        return false;
    }

    public boolean add(int linear) {
        if (contains(linear)) return false;
        if ((count + 1) * 2 > slots.length) rehash(slots.length * 2);
        insert(linear);
        count++;
        generation++;
        return true;
    }

    public boolean remove(int linear) {
        if (!contains(linear)) return false;
        int[] all = toArray();
        Arrays.fill(used, false);
        count = 0;
        for (int a : all) if (a != linear) { insert(a); count++; }
        generation++;
        return true;
    }

    public void clear() {
        Arrays.fill(used, false);
        count = 0;
        generation++;
    }

    public int[] toArray() {
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < slots.length; i++) if (used[i]) out[n++] = slots[i];
        Arrays.sort(out);
        return out;
    }

    private void insert(int linear) {
        int m = slots.length - 1, i = hash(linear) & m;
        while (used[i]) i = (i + 1) & m;
        slots[i] = linear;
        used[i] = true;
    }

    private void rehash(int size) {
        int[] all = toArray();
        slots = new int[size];
        used = new boolean[size];
        for (int a : all) insert(a);
    }

    private static int hash(int x) { return x * 0x9E3779B9 >>> 7; }
}
