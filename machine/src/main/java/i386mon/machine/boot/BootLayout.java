package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Where things go in guest physical memory, checked before anything is written: the kernel's
 * segments where it asks, extra blobs (symbol tables, modules) page-aligned after the kernel and at or
 * above 1 MiB, and the boot information in low memory from {@link #INFO_BASE} (below the EBDA), or
 * after the blobs when a kernel segment wants that low memory. A request that leaves RAM, passes
 * 3 GiB, or covers the interrupt vector table, the EBDA, the VGA window or the option ROMs is
 * refused. A segment in the BIOS area 0xF0000-0xFFFFF (the ELF header page {@code ld -Ttext 0x100000}
 * makes) is loaded: under QEMU the kernel reads its bytes there.
 */
final class BootLayout {
    /** The information structures start here, as in QEMU's multiboot loader. */
    static final long INFO_BASE = 0x9000;
    /** ESP at entry: where QEMU 7.2's multiboot option ROM leaves it (SeaBIOS's stack), below the information. */
    static final int ENTRY_STACK = 0x6F08;
    static final long INFO_LIMIT = BiosMemoryMap.EBDA;
    /** The real-mode interrupt vector table and BIOS data area the machine's firmware state keeps. */
    static final long BDA_END = 0x500;
    static final long MAX_RAM = 0xC000_0000L;
    static final long PAGE = 4096;

    private final PhysicalMemory memory;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Blob> blobs = new ArrayList<>();
    private final List<MemoryRange> ranges = new ArrayList<>();
    private long kernelEnd;
    private long cursor = -1;

    /** Kernel bytes to copy to {@code paddr}, followed by zeros up to {@code memSize} (BSS). */
    private record Segment(long paddr, byte[] source, int offset, int fileSize, long memSize) { }

    private record Blob(long paddr, byte[] data) { }

    BootLayout(PhysicalMemory memory) {
        this.memory = memory;
    }

    /** Plans a kernel segment; checks it against RAM and the BIOS areas (the info area is checked at {@link #commit}). */
    void addKernelSegment(String what, long paddr, byte[] source, long offset, long fileSize, long memSize) {
        if (memSize == 0) return;
        checkPlacement(what, paddr, memSize);
        segments.add(new Segment(paddr, source, (int) offset, (int) fileSize, memSize));
        ranges.add(new MemoryRange(what, paddr, paddr + memSize));
        kernelEnd = Math.max(kernelEnd, paddr + memSize);
    }

    /** Places {@code data} page-aligned after the kernel (and everything placed so far); returns its address. */
    long place(String what, byte[] data) {
        if (cursor < 0) cursor = alignUp(Math.max(kernelEnd, BiosMemoryMap.HIGH_MEMORY), PAGE);
        long at = cursor;
        checkPlacement(what, at, Math.max(data.length, 1));
        blobs.add(new Blob(at, data));
        ranges.add(new MemoryRange(what, at, at + data.length));
        cursor = alignUp(at + Math.max(data.length, 1), PAGE);
        return at;
    }

    private void checkPlacement(String what, long start, long size) {
        long end = start + size;
        String problem = placementProblem(start, end);
        // the text only for an error: a boot need not start java.util.Formatter (some 12 ms, #15)
        if (problem != null) throw BootException.format("%s at 0x%08X-0x%08X %s", what, start, end - 1, problem);
    }

    /** What is wrong with memory [start, end) for a blob, or null when it may go there. */
    private String placementProblem(long start, long end) {
        if (end > MAX_RAM) return "lies beyond 3 GiB, the most RAM the machine can have";
        if (end > BiosMemoryMap.usableEnd(memory.ramSize())) {
            return String.format("lies outside usable RAM (it ends at 0x%08X; give the machine more memory)",
                    BiosMemoryMap.usableEnd(memory.ramSize()));
        }
        if (start < BDA_END) {
            return String.format("overlaps the BIOS interrupt vector table and data area (0x00000000-0x%08X)", BDA_END - 1);
        }
        if (start < BiosMemoryMap.BIOS_ROM && end > BiosMemoryMap.EBDA) {
            return String.format("overlaps the BIOS/VGA area 0x%08X-0x%08X, which is not usable RAM",
                    BiosMemoryMap.EBDA, BiosMemoryMap.BIOS_ROM - 1);
        }
        return null;
    }

    /** {@code v} as eight upper-case hex digits, as {@code %08X} prints it, without java.util.Formatter. */
    static String hex8(long v) {
        String s = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return s.length() >= 8 ? s : "0".repeat(8 - s.length()) + s;
    }

    /** The ranges planned so far, in order. */
    List<MemoryRange> ranges() { return ranges; }

    /**
     * Builds the boot information with {@code build} (given the guest address it starts at) at
     * {@link #INFO_BASE}, or, when a kernel segment wants that memory, again page-aligned after
     * everything placed so far.
     */
    InfoBuffer buildInfo(LongFunction<InfoBuffer> build) {
        InfoBuffer info = build.apply(INFO_BASE);
        for (MemoryRange r : ranges) {
            if (r.overlaps(INFO_BASE, INFO_BASE + info.length())) {
                if (cursor < 0) cursor = alignUp(Math.max(kernelEnd, BiosMemoryMap.HIGH_MEMORY), PAGE);
                checkPlacement("the boot information", cursor, info.length());
                return build.apply(cursor);
            }
        }
        return info;
    }

    /**
     * Checks the boot information and writes everything: segments (BSS zeroed), blobs, then the
     * information.
     */
    void commit(InfoBuffer info, String infoName) {
        long infoEnd = info.base() + info.length();
        if (info.base() == INFO_BASE && infoEnd > INFO_LIMIT) {
            throw BootException.format("the %s (0x%X bytes) does not fit in low memory 0x%08X-0x%08X",
                    infoName, info.length(), INFO_BASE, INFO_LIMIT - 1);
        }
        for (MemoryRange r : ranges) {
            if (r.overlaps(info.base(), infoEnd)) {
                throw BootException.format("%s overlaps the loader's %s at 0x%08X-0x%08X",
                        r, infoName, info.base(), infoEnd - 1);
            }
        }
        for (Segment s : segments) {
            memory.load(s.paddr, s.source, s.offset, s.fileSize);
            long bss = s.memSize - s.fileSize;
            if (bss > 0) memory.fill(s.paddr + s.fileSize, (int) bss, (byte) 0);
        }
        for (Blob b : blobs) memory.load(b.paddr, b.data, 0, b.data.length);
        byte[] bytes = info.bytes();
        memory.load(info.base(), bytes, 0, bytes.length);
        ranges.add(new MemoryRange(infoName, info.base(), infoEnd));
    }

    static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }
}
