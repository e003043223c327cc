package i386mon.machine.mmu;

import i386mon.machine.memory.DirectAccessListener;
import i386mon.machine.memory.PhysicalMemory;

/**
 * The inline fast path of one CPU's translations (as QEMU's softmmu TLB): separate read and write
 * entries, direct-mapped by linear page, each a tag (the page's linear address) and a place in the
 * host's RAM store (the backing array and the offset to add to the linear address). A hit is one
 * compare and one array access: the tag is compared with the page of the access's last byte, so
 * an access that crosses into the next page misses (no separate straddle check).
 *
 * <p>Entries are derived from {@link Tlb} entries already checked for the current privilege, and
 * dropped whenever one of those is (every flush, INVLPG, refill, watch mark) or the privilege
 * changes. A read entry exists only for unwatched RAM/ROM; a write entry only for an unwatched RAM
 * page holding no cached code, translated with write permission, hence with Dirty set (SDM vol. 3,
 * 4.8): every access it serves needs no side effect but the store itself.
 */
final class HostTlb implements DirectAccessListener {
    static final int SLOTS = 1024, MASK = SLOTS - 1;
    /** A tag no access matches: linear page addresses have their low 12 bits clear. */
    private static final int NONE = 1;

    final int[] readTag = new int[SLOTS], writeTag = new int[SLOTS];
    final byte[][] readStore = new byte[SLOTS][], writeStore = new byte[SLOTS][];
    /** Added to the linear address, the index of its byte in the store. */
    final int[] readAdd = new int[SLOTS], writeAdd = new int[SLOTS];
    private final PhysicalMemory mem;

    HostTlb(PhysicalMemory mem) {
        this.mem = mem;
        flush();
        mem.addDirectAccessListener(this);
    }

    static int slot(int lin) { return (lin >>> 12) & MASK; }

    /**
     * Records the translation of the page holding {@code lin} to {@code paddr}, which the caller
     * checked for the current privilege (with write permission when {@code write}).
     */
    void fill(int lin, long paddr, boolean write) {
        int i = slot(lin), page = lin & ~0xFFF;
        long frame = paddr & ~0xFFFL;
        // the write entry's array first: allocating it makes the memory drop every entry
        byte[] writable = write && mem.writesDirect(frame) ? mem.writableStore(frame) : null;
        if (mem.readsDirect(frame)) {
            readTag[i] = page;
            readStore[i] = writable != null ? writable : mem.store(frame);
            readAdd[i] = mem.storeIndex(frame) - page;
        }
        if (writable != null) {
            writeTag[i] = page;
            writeStore[i] = writable;
            writeAdd[i] = mem.storeIndex(frame) - page;
        }
    }

    /** Drops the entries of linear page {@code page} (a page number). */
    void invalidatePage(int page) {
        int i = page & MASK;
        readTag[i] = NONE;
        writeTag[i] = NONE;
    }

    void flush() {
        java.util.Arrays.fill(readTag, NONE);
        java.util.Arrays.fill(writeTag, NONE);
    }

    @Override
    public void directWritesRevoked() { java.util.Arrays.fill(writeTag, NONE); }

    @Override
    public void directAccessRevoked() { flush(); }
}
