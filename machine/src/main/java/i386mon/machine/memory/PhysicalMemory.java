package i386mon.machine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space of the PC: RAM from 0, the legacy hole 0xA0000-0xBFFFF (the VGA's
 * memory window, a device region: never a direct host TLB page), read-only ROM 0xC0000-0xFFFFF, and memory-mapped
 * device regions, and optionally a firmware ROM ending at 4 GiB ({@link #mapHighRom}), where the
 * CPU's reset vector lies. Reads of nothing return all ones, writes to nothing are dropped.
 *
 * <p>Pages that hold decoded instructions are flagged by the CPU's code cache; a write to such a
 * page notifies the {@link CodeWriteListener} so stale decodes are never executed.
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int VGA_HOLE_START = 0xA0000;
    public static final int ROM_START = 0xC0000;
    public static final int ROM_END = 0x100000;

    /** Page kinds, one byte per 4 KiB physical page below the end of RAM. */
    public static final byte RAM = 0, ROM = 1, NONE = 2;
    /**
     * Flag ORed into a page's kind while a physical watchpoint covers it: the fast paths test for
     * exactly RAM (or RAM/ROM), so watched pages fall to the slow path, which tells the
     * {@link AccessWatcher}. Unwatched pages pay nothing.
     */
    private static final byte WATCHED = 4, KIND_MASK = 3;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * RAM in 64 KiB chunks, each allocated at its first write: untouched RAM costs no host memory
     * and reads as zeros (through {@link #ZEROS}), so a 3 GiB guest that touches little stays small.
     * No access within a page crosses a chunk.
     */
    private static final int CHUNK_SHIFT = 16, CHUNK_SIZE = 1 << CHUNK_SHIFT, CHUNK_MASK = CHUNK_SIZE - 1;
    /** What an unallocated chunk reads as; never written. */
    private static final byte[] ZEROS = new byte[CHUNK_SIZE];
    private final byte[][] chunks;
    private final long ramSize;
    private final byte[] pageKind;
    /** Non-zero for pages holding cached decoded instructions. */
    private final byte[] codePage;
    private final List<MmioRegion> mmio = new ArrayList<>();
    /** The CPUs' host TLBs, which hold places in the banks (see {@link #readsDirect}). */
    private final List<DirectAccessListener> directListeners = new ArrayList<>();
    private CodeWriteListener codeListener = (paddr, size) -> false;
    private boolean codeListenerAdded;
    /** Told of guest accesses that take the slow path; null while no physical watchpoint is set. */
    private AccessWatcher watcher;
    private int[] watchedPages = new int[0];
    /** The read-only image mapped at {@code 4 GiB - highRom.length}, or null. */
    private byte[] highRom;
    private long highRomBase = 1L << 32;

    public PhysicalMemory(long ramSize) {
        if (ramSize < (2 << 20) || (ramSize & 0xFFF) != 0 || ramSize > MAX_RAM) {
            throw new IllegalArgumentException("RAM size must be a multiple of 4 KiB between 2 MiB and 3 GiB");
        }
        this.ramSize = ramSize;
        this.chunks = new byte[(int) (ramSize >>> CHUNK_SHIFT) + 1][];
        int pages = (int) (ramSize >>> PAGE_SHIFT);
        this.pageKind = new byte[pages];
        this.codePage = new byte[pages];
        for (int p = VGA_HOLE_START >>> PAGE_SHIFT; p < ROM_START >>> PAGE_SHIFT; p++) pageKind[p] = NONE;
        for (int p = ROM_START >>> PAGE_SHIFT; p < ROM_END >>> PAGE_SHIFT; p++) pageKind[p] = ROM;
    }

    /** Most RAM a machine can have: 3 GiB, below the PCI hole and the BIOS flash. */
    public static final long MAX_RAM = 0xC000_0000L;

    public long ramSize() { return ramSize; }

    /** The chunk holding {@code paddr} for reading ({@link #ZEROS} while unallocated). */
    private byte[] bank(long paddr) {
        byte[] c = chunks[(int) (paddr >>> CHUNK_SHIFT)];
        return c != null ? c : ZEROS;
    }

    /** The chunk holding {@code paddr} for writing, allocated now if it was not. */
    private byte[] writable(long paddr) {
        int i = (int) (paddr >>> CHUNK_SHIFT);
        byte[] c = chunks[i];
        return c != null ? c : allocate(i);
    }

    private byte[] allocate(int i) {
        byte[] c = new byte[CHUNK_SIZE];
        chunks[i] = c;
        revokeDirectAccess(); // host TLB read entries may point at ZEROS for this chunk
        return c;
    }

    private static int at(long paddr) { return (int) paddr & CHUNK_MASK; }

    /** Host memory held for RAM: the chunks written so far, in bytes. */
    public long allocatedBytes() {
        long n = 0;
        for (byte[] c : chunks) if (c != null) n += c.length;
        return n;
    }

    /**
     * Maps {@code image} read-only at the top of the 32-bit space, ending at 4 GiB, as the PC's BIOS
     * flash is (the reset vector, 0xFFFFFFF0, is then its 16th byte from the end). A later call
     * replaces it. Guest writes there are dropped; only instruction fetch, reads and the monitor see it.
     */
    public void mapHighRom(byte[] image) {
        if (image.length == 0 || (image.length & 0xFFF) != 0) {
            throw new IllegalArgumentException("a ROM image must be a non-empty multiple of 4 KiB, not " + image.length + " bytes");
        }
        if ((1L << 32) - image.length < ramSize) throw new IllegalArgumentException("the ROM would overlap RAM");
        highRom = image.clone();
        highRomBase = (1L << 32) - image.length;
        revokeDirectAccess(); // a host TLB may hold the image this one replaces
    }

    private boolean inHighRom(long paddr) { return paddr >= highRomBase && paddr < (1L << 32); }

    /**
     * Makes the pages of {@code start .. end-1} in the BIOS area 0xC0000-0xFFFFF RAM (writable) or
     * ROM (writes dropped), as the chipset's shadow RAM registers switch them (i440FX PAM); a
     * watched page stays watched. Not on any access path: the fast paths only read the kinds, and
     * the CPUs' host TLBs drop what they held (a page turned ROM must not keep a direct write entry).
     */
    public void setBiosAreaKind(long start, long end, byte kind) {
        if (start < ROM_START || end > ROM_END || start >= end || (start & 0xFFF) != 0 || (end & 0xFFF) != 0 || (kind != RAM && kind != ROM)) {
            throw new IllegalArgumentException(String.format("not a BIOS-area page range: 0x%x-0x%x", start, end));
        }
        for (int p = (int) (start >>> PAGE_SHIFT); p < end >>> PAGE_SHIFT; p++) pageKind[p] = (byte) (pageKind[p] & WATCHED | kind);
        revokeDirectAccess();
    }

    /** Kind of the page holding {@code paddr}: RAM, ROM or NONE (device regions are NONE too). */
    public byte pageKind(long paddr) {
        if (paddr < 0 || paddr >= ramSize) return inHighRom(paddr) ? ROM : NONE;
        return (byte) (pageKind[(int) (paddr >>> PAGE_SHIFT)] & KIND_MASK);
    }

    public void setCodeWriteListener(CodeWriteListener l) { this.codeListener = l; }

    /**
     * Adds a listener (one code cache per CPU): the first replaces the default, each later one is
     * told too, and a page stays flagged while any of them still holds code in it.
     */
    public void addCodeWriteListener(CodeWriteListener l) {
        if (!codeListenerAdded) {
            codeListenerAdded = true;
            codeListener = l;
            return;
        }
        CodeWriteListener before = codeListener;
        codeListener = (paddr, size) -> before.codeWritten(paddr, size) | l.codeWritten(paddr, size);
    }

    /** Marks a page as holding cached code; writes to it will be reported. */
    public void markCodePage(int paddr) {
        if ((paddr & 0xFFFF_FFFFL) >= ramSize || codePage[paddr >>> PAGE_SHIFT] != 0) return;
        codePage[paddr >>> PAGE_SHIFT] = 1;
        for (DirectAccessListener l : directListeners) l.directWritesRevoked();
    }

    public boolean isCodePage(int paddr) {
        return (paddr & 0xFFFF_FFFFL) < ramSize && codePage[paddr >>> PAGE_SHIFT] != 0;
    }

    /** A write of {@code size} bytes at {@code paddr} reached a page flagged as holding code. */
    private void codeWritten(int paddr, int size) {
        int p = paddr >>> PAGE_SHIFT;
        if (codePage[p] != 0 && !codeListener.codeWritten(paddr, size)) codePage[p] = 0;
    }

    /** Tells the code cache about a bulk write (loader, monitor) to {@code len} bytes at {@code paddr}. */
    private void invalidateCode(long paddr, int len) {
        if (len <= 0) return;
        for (long page = paddr & ~0xFFFL; page < paddr + len; page += 4096) {
            long from = Math.max(page, paddr), to = Math.min(page + 4096, paddr + len);
            codeWritten((int) from, (int) (to - from));
        }
    }

    /** Adds a memory-mapped device region (above RAM or in the legacy hole). */
    public void addMmio(long base, long size, MmioDevice device) {
        mmio.add(new MmioRegion(base, size, device));
    }

    /** Removes {@code device}'s region at {@code base} (a device that moved or switched off its window). */
    public void removeMmio(long base, MmioDevice device) {
        mmio.removeIf(r -> r.base == base && r.device == device);
    }

    private MmioRegion findMmio(long paddr) {
        for (MmioRegion r : mmio) if (paddr >= r.base && paddr - r.base < r.size) return r;
        return null;
    }

    /**
     * The device that alone takes every guest write of 1-4 bytes within {@code paddr .. paddr+len-1}
     * (one device region holds the range; no RAM, ROM or watched page and no watcher there), or null.
     * Such writes reach only that device, so it may store a bulk write itself, as the guest's would
     * (a video BIOS clearing its text buffer at start-up: thousands of slow device writes otherwise).
     */
    public MmioDevice soleDeviceAt(long paddr, int len) {
        if (watcher != null || len <= 0) return null;
        for (long page = paddr & ~0xFFFL; page < paddr + len; page += 4096) {
            long a = Math.max(page, paddr);
            if (isBacked(a) || a >= 0 && a < ramSize && pageKind[(int) (a >>> PAGE_SHIFT)] != NONE) return null;
        }
        for (MmioRegion r : mmio) {
            boolean overlaps = paddr < r.base + r.size && r.base < paddr + len;
            if (!overlaps) continue;
            // the first region holding an address decodes it: the first one met must hold the whole range
            return paddr >= r.base && paddr + len - r.base <= r.size ? r.device : null;
        }
        return null;
    }

    // ---- guest accesses (physical). Addresses are unsigned; values beyond 4 GiB (PAE) are longs.

    public int read8(long paddr) {
        if (paddr >= 0 && paddr < ramSize && pageKind[(int) (paddr >>> PAGE_SHIFT)] <= ROM) return bank(paddr)[at(paddr)] & 0xFF;
        return (int) slowRead(paddr, 1);
    }

    public int read16(long paddr) {
        if ((paddr & 0xFFF) <= 0xFFE && fastRead(paddr)) return (short) I16.get(bank(paddr), at(paddr)) & 0xFFFF;
        return (int) slowRead(paddr, 2);
    }

    public int read32(long paddr) {
        if ((paddr & 0xFFF) <= 0xFFC && fastRead(paddr)) return (int) I32.get(bank(paddr), at(paddr));
        return (int) slowRead(paddr, 4);
    }

    public long read64(long paddr) {
        if ((paddr & 0xFFF) <= 0xFF8 && fastRead(paddr)) return (long) I64.get(bank(paddr), at(paddr));
        return slowRead(paddr, 8);
    }

    private boolean fastRead(long paddr) {
        return paddr >= 0 && paddr < ramSize && pageKind[(int) (paddr >>> PAGE_SHIFT)] <= ROM;
    }

    /** Page-crossing, device, hole and watched reads: the watcher first, then byte by byte. */
    private long slowRead(long paddr, int size) {
        if (watcher != null) watcher.physicalAccess(paddr, size, false);
        MmioRegion whole = wholeMmio(paddr, size);
        if (whole != null) return whole.device.read(paddr - whole.base, size) & (0xFFFF_FFFFL >>> (32 - 8 * size));
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) readByte(paddr + i) << (8 * i);
        return v;
    }

    /**
     * The device region holding all of an access of up to 4 bytes, which it then sees as one
     * access (an APIC register has side effects per 32-bit access, not per byte); else null.
     */
    private MmioRegion wholeMmio(long paddr, int size) {
        if (size > 4 || mmio.isEmpty() || isBacked(paddr)) return null;
        MmioRegion r = findMmio(paddr);
        return r != null && paddr + size - r.base <= r.size ? r : null;
    }

    private int readByte(long paddr) {
        if (paddr >= 0 && paddr < ramSize && (pageKind[(int) (paddr >>> PAGE_SHIFT)] & KIND_MASK) != NONE) return bank(paddr)[at(paddr)] & 0xFF;
        if (inHighRom(paddr)) return highRom[(int) (paddr - highRomBase)] & 0xFF;
        MmioRegion r = findMmio(paddr);
        return r != null ? r.device.read(paddr - r.base, 1) & 0xFF : 0xFF;
    }

    public void write8(long paddr, int value) {
        if (paddr >= 0 && paddr < ramSize) {
            int p = (int) (paddr >>> PAGE_SHIFT);
            if (pageKind[p] == RAM) {
                if (codePage[p] != 0) codeWritten((int) paddr, 1);
                writable(paddr)[at(paddr)] = (byte) value;
                return;
            }
        }
        slowWrite(paddr, 1, value);
    }

    public void write16(long paddr, int value) {
        if ((paddr & 0xFFF) <= 0xFFE && fastWrite(paddr, 2)) { I16.set(writable(paddr), at(paddr), (short) value); return; }
        slowWrite(paddr, 2, value);
    }

    public void write32(long paddr, int value) {
        if ((paddr & 0xFFF) <= 0xFFC && fastWrite(paddr, 4)) { I32.set(writable(paddr), at(paddr), value); return; }
        slowWrite(paddr, 4, value);
    }

    public void write64(long paddr, long value) {
        if ((paddr & 0xFFF) <= 0xFF8 && fastWrite(paddr, 8)) { I64.set(writable(paddr), at(paddr), value); return; }
        slowWrite(paddr, 8, value);
    }

    /** Page-crossing, ROM, device, hole and watched writes: the watcher first (it sees the old value), then byte by byte. */
    private void slowWrite(long paddr, int size, long value) {
        if (watcher != null) watcher.physicalAccess(paddr, size, true);
        MmioRegion whole = wholeMmio(paddr, size);
        if (whole != null) {
            whole.device.write(paddr - whole.base, size, (int) value);
            return;
        }
        for (int i = 0; i < size; i++) writeByte(paddr + i, (int) (value >>> (8 * i)));
    }

    private void writeByte(long paddr, int value) {
        if (paddr >= 0 && paddr < ramSize) {
            int p = (int) (paddr >>> PAGE_SHIFT);
            int kind = pageKind[p] & KIND_MASK;
            if (kind == RAM) {
                if (codePage[p] != 0) codeWritten((int) paddr, 1);
                writable(paddr)[at(paddr)] = (byte) value;
                return;
            }
            if (kind == ROM) return;
        }
        MmioRegion r = findMmio(paddr);
        if (r != null) r.device.write(paddr - r.base, 1, value & 0xFF);
    }

    // ---- the hardware's own accesses (page walks, Accessed/Dirty updates, instruction fetch):
    // never seen by watchpoints, which are about what the guest's instructions read and write.

    /** A byte of RAM/ROM as the CPU's instruction fetch reads it; 0xFF outside them. */
    public int fetch8(long paddr) {
        if (paddr >= ramSize) return inHighRom(paddr) ? highRom[(int) (paddr - highRomBase)] & 0xFF : 0xFF;
        return isBacked(paddr) ? bank(paddr)[at(paddr)] & 0xFF : 0xFF;
    }

    /** A paging-structure entry: 4 bytes of RAM/ROM at {@code paddr}, all ones if any byte is outside them. */
    public long peek32(long paddr) {
        return inRam(paddr) && inRam(paddr + 3) ? (int) I32.get(bank(paddr), at(paddr)) & 0xFFFF_FFFFL : 0xFFFF_FFFFL;
    }

    /** A PAE paging-structure entry: 8 bytes of RAM/ROM, all ones if any byte is outside them. */
    public long peek64(long paddr) {
        return inRam(paddr) && inRam(paddr + 7) ? (long) I64.get(bank(paddr), at(paddr)) : -1L;
    }

    /**
     * Sets {@code bits} in the 4-byte entry at {@code paddr} (the MMU's Accessed/Dirty updates, SDM
     * vol. 3, 4.8): RAM only, within one page, code-page tracking told, watchpoints not.
     */
    public void setBits32(long paddr, int bits) {
        if (paddr < 0 || paddr > ramSize - 4 || (paddr & 0xFFF) > 0xFFC) return;
        int p = (int) (paddr >>> PAGE_SHIFT);
        if ((pageKind[p] & KIND_MASK) != RAM) return;
        if (codePage[p] != 0) codeWritten((int) paddr, 4);
        I32.set(writable(paddr), at(paddr), (int) I32.get(bank(paddr), at(paddr)) | bits);
    }

    // ---- physical watchpoints

    /**
     * Installs the watcher told of every guest access that touches one of {@code pages} (physical
     * page numbers) or otherwise takes the slow path (page-crossing, device, ROM, hole); null or
     * no pages removes it, and the fast paths are untouched again.
     */
    public void setWatchedPages(AccessWatcher w, int[] pages) {
        for (int p : watchedPages) if (p >= 0 && p < pageKind.length) pageKind[p] &= KIND_MASK;
        watchedPages = pages == null ? new int[0] : pages.clone();
        for (int p : watchedPages) if (p >= 0 && p < pageKind.length) pageKind[p] |= WATCHED;
        watcher = watchedPages.length == 0 ? null : w;
        revokeDirectAccess();
    }

    // ---- direct access: a CPU's host TLB reads and writes the banks itself, past this class

    /** Registers a holder of direct places (one host TLB per CPU). */
    public void addDirectAccessListener(DirectAccessListener l) { directListeners.add(l); }

    /**
     * Tells every holder of direct places to drop them: call whenever a page's kind changes (a
     * page-map change by the chipset) so no CPU keeps reading or writing it directly.
     */
    public void revokeDirectAccess() {
        for (DirectAccessListener l : directListeners) l.directAccessRevoked();
    }

    /**
     * The page at {@code frame} may be read straight from its bank: RAM or ROM, no watchpoint; or a
     * page of the ROM at the top of the 32-bit space while no watcher looks at physical accesses
     * (firmware copies itself from there to the BIOS area a byte at a time: SeaBIOS 186 KiB).
     */
    public boolean readsDirect(long frame) { return fastRead(frame) || watcher == null && inHighRom(frame); }

    /**
     * The page at {@code frame} may be written straight into its bank: RAM, no watchpoint, no
     * cached code (until {@link #markCodePage} revokes it).
     */
    public boolean writesDirect(long frame) {
        return frame >= 0 && frame < ramSize && pageKind[(int) (frame >>> PAGE_SHIFT)] == RAM && codePage[(int) (frame >>> PAGE_SHIFT)] == 0;
    }

    /**
     * The array holding {@code paddr} for reads (a page {@link #readsDirect} allows): until the
     * chunk is first written, a shared array of zeros, and every holder is told to drop it then.
     */
    public byte[] store(long paddr) { return inHighRom(paddr) ? highRom : bank(paddr); }

    /** The array holding {@code paddr} for writes (a page {@link #writesDirect} allows), allocated now if need be. */
    public byte[] writableStore(long paddr) { return writable(paddr); }

    /** The index of {@code paddr} in {@link #store}'s array. */
    public int storeIndex(long paddr) { return inHighRom(paddr) ? (int) (paddr - highRomBase) : at(paddr); }

    private boolean fastWrite(long paddr, int size) {
        if (paddr < 0 || paddr >= ramSize) return false;
        int p = (int) (paddr >>> PAGE_SHIFT);
        if (pageKind[p] != RAM) return false;
        if (codePage[p] != 0) codeWritten((int) paddr, size);
        return true;
    }

    // ---- loader and monitor access: ignores ROM protection, never touches devices.

    /** Copies bytes into RAM or ROM (as a loader or firmware would). Returns false if out of RAM. */
    public boolean load(long paddr, byte[] data, int off, int len) {
        if (paddr < 0 || paddr + len > ramSize) return false;
        invalidateCode(paddr, len);
        for (int done = 0; done < len; ) {
            long a = paddr + done;
            int n = Math.min(len - done, CHUNK_SIZE - at(a));
            // zeros into a chunk never written stay free (a snapshot restore of untouched RAM)
            if (chunks[(int) (a >>> CHUNK_SHIFT)] != null || !allZero(data, off + done, n)) {
                System.arraycopy(data, off + done, writable(a), at(a), n);
            }
            done += n;
        }
        return true;
    }

    /** Number of 4 KiB pages of RAM (the backing store, holes and ROM included). */
    public int pageCount() { return (int) (ramSize >>> PAGE_SHIFT); }

    /** Copies page {@code page}'s 4096 bytes of backing store, whatever its kind (a snapshot's view). */
    public void readPage(int page, byte[] out) {
        long a = (long) page << PAGE_SHIFT;
        System.arraycopy(bank(a), at(a), out, 0, 4096);
    }

    /** Replaces page {@code page}'s backing store (ROM too), telling the code cache (a snapshot restore). */
    public void writePage(int page, byte[] in) {
        load((long) page << PAGE_SHIFT, in, 0, 4096);
    }

    /** Zero-fills RAM (BSS). Returns false if out of RAM. */
    public boolean fill(long paddr, int len, byte value) {
        if (paddr < 0 || paddr + len > ramSize) return false;
        invalidateCode(paddr, len);
        for (int done = 0; done < len; ) {
            long a = paddr + done;
            int n = Math.min(len - done, CHUNK_SIZE - at(a));
            if (value != 0 || chunks[(int) (a >>> CHUNK_SHIFT)] != null) java.util.Arrays.fill(writable(a), at(a), at(a) + n, value);
            done += n;
        }
        return true;
    }

    /**
     * Reads for inspection: no device side effects (a device region answers through
     * {@link MmioDevice#peek}). Returns false (and leaves {@code out} partly filled) when a byte
     * lies outside RAM/ROM and every device that could answer for it.
     */
    public boolean peek(long paddr, byte[] out, int off, int len) {
        for (int i = 0; i < len; i++) {
            long a = paddr + i;
            if (inRam(a)) out[off + i] = bank(a)[at(a)];
            else if (inHighRom(a)) out[off + i] = highRom[(int) (a - highRomBase)];
            else {
                int b = devicePeek(a);
                if (b < 0) return false;
                out[off + i] = (byte) b;
            }
        }
        return true;
    }

    /** The inspection byte of the device region holding {@code paddr}, or -1. */
    private int devicePeek(long paddr) {
        MmioRegion r = findMmio(paddr);
        return r == null ? -1 : r.device.peek(paddr - r.base);
    }

    /**
     * True if the monitor can read and write the byte at {@code paddr}: RAM/ROM, or a device
     * region that answers {@link MmioDevice#peek} (the VGA window).
     */
    public boolean inspectable(long paddr) {
        return isBacked(paddr) || devicePeek(paddr) >= 0;
    }

    /**
     * The monitor's write: RAM and ROM as {@link #load} writes them, device regions through
     * {@link MmioDevice#poke} (no side effects). Returns false at the first byte neither takes.
     */
    public boolean poke(long paddr, byte[] data, int off, int len) {
        for (int i = 0; i < len; ) {
            long a = paddr + i;
            if (inRam(a)) { // the rest of the page in one load: pages are RAM/ROM or not as a whole
                int n = (int) Math.min(len - i, 4096 - (a & 0xFFF));
                load(a, data, off + i, n);
                i += n;
                continue;
            }
            MmioRegion r = findMmio(a);
            if (r == null || !r.device.poke(a - r.base, data[off + i] & 0xFF)) return false;
            i++;
        }
        return true;
    }

    private static boolean allZero(byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) if (data[off + i] != 0) return false;
        return true;
    }

    /** True if the byte at {@code paddr} is backed by RAM or ROM (inspectable). */
    public boolean isBacked(long paddr) {
        return inRam(paddr) || inHighRom(paddr);
    }

    /** RAM or the ROM below 1 MiB (the banks), not the high ROM. */
    private boolean inRam(long paddr) {
        return paddr >= 0 && paddr < ramSize && (pageKind[(int) (paddr >>> PAGE_SHIFT)] & KIND_MASK) != NONE;
    }

    private record MmioRegion(long base, long size, MmioDevice device) { }
}
