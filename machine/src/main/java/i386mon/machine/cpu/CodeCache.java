package i386mon.machine.cpu;

import i386mon.machine.memory.CodeWriteListener;
import i386mon.machine.memory.PhysicalMemory;

/**
 * Decoded instructions cached by the physical address of their first byte, one array per 4 KiB
 * page. A write to a page drops that page's decodes (self-modifying code, a loader overwriting a
 * kernel). Instructions that straddle a page boundary are decoded afresh each time.
 */
final class CodeCache implements CodeWriteListener, Decoder.Bytes {
    private final Cpu cpu;
    private final PhysicalMemory mem;
    private final Insn[][] pages;
    private final Insn scratch = new Insn();
    // the instruction being decoded
    private int fLin;
    private long fPhys;

    CodeCache(Cpu cpu) {
        this.cpu = cpu;
        this.mem = cpu.mem;
        this.pages = new Insn[mem.ramSize() >>> PhysicalMemory.PAGE_SHIFT][];
        mem.setCodeWriteListener(this);
    }

    @Override
    public void codePageWritten(int pageAddress) {
        pages[pageAddress >>> PhysicalMemory.PAGE_SHIFT] = null;
    }

    /** Drops every cached decode. */
    void clear() {
        java.util.Arrays.fill(pages, null);
    }

    /** The decoded instruction at CS:eip (fetch access: #PF, CS limit #GP(0)). */
    Insn fetch(int eip) {
        boolean csD = (cpu.segAttr[Cpu.CS] & 0x400000) != 0;
        int lin = cpu.segBase[Cpu.CS] + eip;
        long phys = cpu.mmu.fetchPhysical(lin);
        int p = (int) (phys >>> PhysicalMemory.PAGE_SHIFT);
        if (phys >= 0 && p < pages.length) {
            Insn[] page = pages[p];
            if (page != null) {
                Insn i = page[(int) phys & 0xFFF];
                if (i != null && i.csD == csD) return checkLimit(eip, i);
            }
        }
        fLin = lin;
        fPhys = phys;
        Insn i = new Insn();
        Decoder.decode(this, csD, i);
        int off = (int) phys & 0xFFF;
        if (phys >= 0 && p < pages.length && off + i.len <= 0x1000 && mem.isBacked(phys)) {
            Insn[] page = pages[p];
            if (page == null) {
                page = new Insn[0x1000];
                pages[p] = page;
            }
            page[off] = i;
            mem.markCodePage((int) phys);
        }
        return checkLimit(eip, i);
    }

    private Insn checkLimit(int eip, Insn i) {
        int limit = cpu.segLimit[Cpu.CS];
        if (limit != -1 && Integer.compareUnsigned(eip + i.len - 1, limit) > 0) throw CpuException.gp(0);
        return i;
    }

    @Override
    public int at(int i) {
        int lin = fLin + i;
        // fetch8: instruction fetch is not a data access, so data watchpoints do not see it
        if (((fLin ^ lin) & ~0xFFF) == 0) return fPhys < 0 ? 0xFF : mem.fetch8(fPhys + i);
        long phys = cpu.mmu.fetchPhysical(lin);
        return phys < 0 ? 0xFF : mem.fetch8(phys);
    }
}
