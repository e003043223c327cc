package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.LDTR;

import i386mon.machine.fault.CpuException;

/**
 * The GDT and the current LDT as a selector sees them (SDM vol. 3, 3.5.1): where a selector's
 * descriptor is, reading it, setting its Accessed bit, and loading a segment cache from it. Every
 * protected-mode job (segment loads, far transfers, interrupt gates, task switches) reads
 * descriptors through this one place.
 */
final class DescriptorTables {
    private final Cpu c;

    DescriptorTables(Cpu c) { this.c = c; }

    private int tableBase(int sel) { return (sel & 4) != 0 ? c.segBase[LDTR] : c.gdtBase; }

    private int tableLimit(int sel) {
        if ((sel & 4) != 0) return (c.segSel[LDTR] & 0xFFFC) == 0 ? -1 : c.segLimit[LDTR];
        return c.gdtLimit;
    }

    /** Descriptor address for {@code sel}, or -1 if outside its table. */
    int address(int sel) {
        int lim = tableLimit(sel), off = sel & 0xFFF8;
        if (lim == -1 && (sel & 4) != 0) return -1;
        if (Integer.compareUnsigned(off + 7, lim) > 0) return -1;
        return tableBase(sel) + off;
    }

    /** The two descriptor dwords (lo in the low half), or #GP(sel + EXT) when out of the table. */
    long read(int sel, int ext) {
        int a = address(sel);
        if (a == -1) throw CpuException.gp((sel & 0xFFFC) | ext);
        return (c.mmu.readSystem32(a) & 0xFFFF_FFFFL) | (long) c.mmu.readSystem32(a + 4) << 32;
    }

    /** The high dword of the descriptor at {@code address} (an {@link #address} result). */
    int high(int address) { return c.mmu.readSystem32(address + 4); }

    /** The low dword of the descriptor at {@code address}. */
    int low(int address) { return c.mmu.readSystem32(address); }

    /** Rewrites the high dword of {@code sel}'s descriptor (the busy bit of a TSS). */
    void writeHigh(int sel, int hi) { c.mmu.writeSystem32(address(sel) + 4, hi); }

    /** Sets the Accessed bit of a code/data descriptor in memory, as the CPU does on a load. */
    void setAccessed(int sel, int hi) {
        if ((hi & 0x100) == 0) writeHigh(sel, hi | 0x100);
    }

    /** Loads segment register {@code s}'s cache from a code/data descriptor, Accessed included. */
    void loadCache(int s, int sel, int lo, int hi) {
        c.setSegmentCache(s, sel, Descriptor.base(lo, hi), Descriptor.limit(hi, lo), Descriptor.attr(hi) | 0x100);
    }
}
