package i386mon.machine.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One captured machine: each part's saved state by name ("cpu", "mmu", "clock", "machine",
 * "device 3 Uart16550"), RAM, and what identifies it: the kernel it runs (SHA-256 of the booted
 * ELF), the instruction count and virtual time when taken, and the host time it was taken at.
 */
public final class Snapshot {
    private final Map<String, byte[]> sections;
    private final MemoryImage memory;
    private final byte[] kernelIdentity;
    private final long instructions;
    private final long virtualNanos;
    private final long takenAtMillis;

    Snapshot(Map<String, byte[]> sections, MemoryImage memory, byte[] kernelIdentity, long instructions, long virtualNanos, long takenAtMillis) {
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        this.memory = memory;
        this.kernelIdentity = kernelIdentity.clone();
        this.instructions = instructions;
        this.virtualNanos = virtualNanos;
        this.takenAtMillis = takenAtMillis;
    }

    Map<String, byte[]> sections() { return sections; }

    MemoryImage memory() { return memory; }

    byte[] kernelIdentity() { return kernelIdentity.clone(); }

    /** Instructions retired when it was taken. */
    public long instructions() { return instructions; }

    /** Virtual time when it was taken, in nanoseconds since power-on. */
    public long virtualNanos() { return virtualNanos; }

    /** Host time it was taken at (milliseconds since the epoch). */
    public long takenAtMillis() { return takenAtMillis; }

    /** Bytes it takes in memory: the parts' state plus the deflated RAM pages. */
    public long storedBytes() {
        long n = memory.storedBytes();
        for (byte[] b : sections.values()) n += b.length;
        return n;
    }

    /** Bytes it holds on the heap, its tables included (what a bound on many snapshots counts). */
    public long heapBytes() {
        long n = memory.heapBytes();
        for (byte[] b : sections.values()) n += 16 + b.length;
        return n;
    }

    /** The state bytes of every part except RAM, for comparing two machines' states. */
    public Map<String, byte[]> partStates() { return sections; }
}
