package i386mon.machine.debug;

import java.util.ArrayList;
import java.util.List;

/**
 * A ring of the last executed instructions and the marks between them. Each entry is one long
 * (bits 63:60 the kind, bits 55:48 the CPU that recorded it, then the kind's fields), so
 * recording an instruction is one array store.
 */
public final class History {
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final int SHIFT = 60;
    private static final long HAS_ERROR = 1L << 59;
    private static final int CPU_SHIFT = 48;
    /** Disk marks keep their IDE position in bits 59:58 (deliveries use bit 59 for HAS_ERROR). */
    private static final int DISK_POSITION_SHIFT = 58;

    private final long[] ring;
    private int next;
    private boolean wrapped;

    public History(int capacity) {
        if (capacity < 1 || capacity > 100_000_000) {
            throw new IllegalArgumentException("history capacity must be between 1 and 100000000 entries, not " + capacity);
        }
        ring = new long[capacity];
    }

    public int capacity() { return ring.length; }

    /** Number of entries held (at most the capacity). */
    public int size() { return wrapped ? ring.length : next; }

    public void clear() {
        next = 0;
        wrapped = false;
    }

    void instruction(int cpu, int cs, int linearEip) {
        put((long) (cpu & 0xFF) << CPU_SHIFT | (long) (cs & 0xFFFF) << 32 | (linearEip & 0xFFFF_FFFFL));
    }

    void delivery(int cpu, HistoryEntry.Kind kind, int vector, int errorCode, boolean hasErrorCode) {
        put((long) kind.ordinal() << SHIFT | (long) (cpu & 0xFF) << CPU_SHIFT | (hasErrorCode ? HAS_ERROR : 0)
                | (long) (vector & 0xFF) << 32 | (errorCode & 0xFFFF_FFFFL));
    }

    void cr3Load(int cpu, int cr3) {
        put((long) HistoryEntry.Kind.CR3_LOAD.ordinal() << SHIFT | (long) (cpu & 0xFF) << CPU_SHIFT | (cr3 & 0xFFFF_FFFFL));
    }

    /** A disk transfer by the device at IDE {@code position}: {@code count} sectors (1-65536) from {@code lba}. */
    void disk(int cpu, boolean write, int position, long lba, int count) {
        HistoryEntry.Kind k = write ? HistoryEntry.Kind.DISK_WRITE : HistoryEntry.Kind.DISK_READ;
        put((long) k.ordinal() << SHIFT | (long) (position & 3) << DISK_POSITION_SHIFT | (long) (cpu & 0xFF) << CPU_SHIFT
                | (long) (count & 0xFFFF) << 32 | (lba & 0xFFFF_FFFFL));
    }

    /** A system reset the guest asked for by writing {@code value} to {@code port}. */
    void reset(int cpu, int port, int value) {
        put((long) HistoryEntry.Kind.RESET.ordinal() << SHIFT | (long) (cpu & 0xFF) << CPU_SHIFT | (long) (value & 0xFF) << 32 | (port & 0xFFFF));
    }

    private void put(long e) {
        ring[next] = e;
        if (++next == ring.length) {
            next = 0;
            wrapped = true;
        }
    }

    /** The last {@code n} entries (fewer if fewer are held), oldest first. */
    public List<HistoryEntry> last(int n) {
        if (n < 0) throw new IllegalArgumentException("entry count must not be negative: " + n);
        int count = Math.min(n, size());
        List<HistoryEntry> out = new ArrayList<>(count);
        for (int k = count; k > 0; k--) {
            int i = next - k;
            if (i < 0) i += ring.length;
            out.add(decode(ring[i]));
        }
        return out;
    }

    private static HistoryEntry decode(long e) {
        HistoryEntry.Kind kind = HistoryEntry.Kind.values()[(int) (e >>> SHIFT)];
        int low = (int) e;
        int cpu = (int) (e >>> CPU_SHIFT) & 0xFF;
        switch (kind) {
            case INSTRUCTION: return new HistoryEntry(kind, (int) (e >>> 32) & 0xFFFF, low, -1, 0, false, 0, cpu);
            case CR3_LOAD: return new HistoryEntry(kind, 0, 0, -1, 0, false, low, cpu);
            case RESET: return new HistoryEntry(kind, 0, 0, -1, (int) (e >>> 32) & 0xFF, false, low, cpu);
            case DISK_READ, DISK_WRITE: {
                int count = (int) (e >>> 32) & 0xFFFF;
                return new HistoryEntry(kind, 0, 0, (int) (e >>> DISK_POSITION_SHIFT) & 3, count == 0 ? 65536 : count, false, low, cpu);
            }
            default: return new HistoryEntry(kind, 0, 0, (int) (e >>> 32) & 0xFF, low, (e & HAS_ERROR) != 0, 0, cpu);
        }
    }
}
