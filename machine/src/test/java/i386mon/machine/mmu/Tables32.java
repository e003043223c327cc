package i386mon.machine.mmu;

import i386mon.machine.memory.PhysicalMemory;

/** Builds 32-bit page tables by hand in a PhysicalMemory: one page directory, tables allocated upward. */
final class Tables32 {
    static final int PD = 0x10000;
    static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;
    static final int ON = Mmu.CR0_PE | Mmu.CR0_PG | Mmu.CR0_WP;

    final PhysicalMemory mem;
    private int nextTable = 0x11000;

    Tables32(int ramSize) { this.mem = new PhysicalMemory(ramSize); }

    Tables32() { this(4 << 20); }

    /** Maps one 4 KiB page, creating its page table (flags P|RW|US) if needed. */
    Tables32 map(int lin, int phys, int flags) {
        int pdeAddr = PD + (lin >>> 22) * 4;
        int pde = mem.read32(pdeAddr);
        if ((pde & P) == 0) {
            pde = nextTable | P | RW | US;
            nextTable += 0x1000;
            mem.write32(pdeAddr, pde);
        }
        mem.write32(pteAddr(lin), phys | flags);
        return this;
    }

    int pteAddr(int lin) {
        return (mem.read32(PD + (lin >>> 22) * 4) & 0xFFFFF000) + ((lin >>> 12) & 0x3FF) * 4;
    }

    int pte(int lin) { return mem.read32(pteAddr(lin)); }

    void setPte(int lin, int value) { mem.write32(pteAddr(lin), value); }

    int pde(int lin) { return mem.read32(PD + (lin >>> 22) * 4); }

    void setPde(int lin, int value) { mem.write32(PD + (lin >>> 22) * 4, value); }

    Mmu mmu(int cr4) {
        Mmu m = new Mmu(mem);
        m.setControl(ON, PD, cr4, 0);
        return m;
    }
}
