package i386mon.machine.mmu;

/**
 * The host TLB's hit paths alone, for a caller that handles a miss itself (compiled code records
 * where it is before the checked path runs, see the block compiler). They do exactly what
 * {@link Mmu#read32} and its siblings do on a hit, so a hit has no side effect but the access and
 * can neither fault nor ask for attention; anything else ({@link #MISS}, false) is for the checked
 * path: a device, a write into code, a watched page, a page not yet in the host TLB or a straddle.
 */
public final class HostAccess {
    /** What a read answers on a miss: no zero-extended value of 32 bits or less is negative. */
    public static final long MISS = -1L;

    private HostAccess() { }

    /** The zero-extended {@code size}-byte (1, 2 or 4) value at linear {@code lin} if its read entry is there, else {@link #MISS}. */
    public static long read(Mmu m, int lin, int size) {
        int i = HostTlb.slot(lin);
        if (m.readTag[i] != ((lin + size - 1) & ~0xFFF)) return MISS;
        return get(m.readStore[i], m.readAdd[i] + lin, size);
    }

    /** As {@link #read} through the write entry: a read-modify-write's read (the write back then hits too). */
    public static long readForWrite(Mmu m, int lin, int size) {
        int i = HostTlb.slot(lin);
        if (m.writeTag[i] != ((lin + size - 1) & ~0xFFF)) return MISS;
        return get(m.writeStore[i], m.writeAdd[i] + lin, size);
    }

    /** Stores {@code v} ({@code size} bytes) at linear {@code lin} if its write entry is there; false (nothing done) if not. */
    public static boolean write(Mmu m, int lin, int size, int v) {
        int i = HostTlb.slot(lin);
        if (m.writeTag[i] != ((lin + size - 1) & ~0xFFF)) return false;
        byte[] store = m.writeStore[i];
        int at = m.writeAdd[i] + lin;
        if (size == 4) RawArrays.put32(store, at, v);
        else if (size == 2) RawArrays.put16(store, at, v);
        else RawArrays.put8(store, at, v);
        return true;
    }

    private static long get(byte[] store, int at, int size) {
        if (size == 4) return RawArrays.get32(store, at) & 0xFFFF_FFFFL;
        if (size == 2) return RawArrays.get16(store, at);
        return RawArrays.get8(store, at);
    }
}
