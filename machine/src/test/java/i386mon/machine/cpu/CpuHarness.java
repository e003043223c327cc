package i386mon.machine.cpu;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.Mmu;

/**
 * A bare CPU on 16 MiB of RAM with a flat GDT (0x08 ring-0 code, 0x10 ring-0 data, 0x1b ring-3
 * code, 0x23 ring-3 data, 0x28 TSS) and an IDT whose every vector points to a handler stub that
 * records the vector and halts. Code runs from {@link #CODE}.
 */
final class CpuHarness {
    static final int GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, STUBS = 0x4000, CODE = 0x10000, DATA = 0x80000;
    static final int STACK_TOP = 0x90000, RING0_STACK_TOP = 0xA0000 - 0x100;
    /** Handler stubs store the vector here (as a dword) before halting. */
    static final int VECTOR_SLOT = 0x500;

    final PhysicalMemory mem = new PhysicalMemory(16 << 20);
    final Mmu mmu = new Mmu(mem);
    final IoBus io = new IoBus();
    final VirtualClock clock = new VirtualClock();
    final Cpu cpu = new Cpu(mem, mmu, io, clock);

    CpuHarness() {
        long code0 = 0x00CF9A000000FFFFL, data0 = 0x00CF92000000FFFFL, code3 = 0x00CFFA000000FFFFL, data3 = 0x00CFF2000000FFFFL;
        long tss = 0x0000890000000067L | (long) (TSS & 0xFFFF) << 16 | (long) ((TSS >>> 16) & 0xFF) << 32;
        long[] gdt = {0, code0, data0, code3, data3, tss};
        for (int k = 0; k < gdt.length; k++) mem.write64(GDT + 8L * k, gdt[k]);
        cpu.setGdtr(GDT, gdt.length * 8 - 1);
        mem.write32(TSS + 4, RING0_STACK_TOP); // ESP0
        mem.write32(TSS + 8, 0x10); // SS0
        mem.write16(TSS + 0x66, 0x68); // I/O bitmap base beyond the limit: no ports allowed at CPL 3
        // Each stub: mov $v, VECTOR_SLOT ; hlt   (10 + 1 bytes, padded to 16)
        for (int v = 0; v < 256; v++) {
            int stub = STUBS + v * 16;
            mem.write8(stub, 0xC7);
            mem.write8(stub + 1, 0x05);
            mem.write32(stub + 2, VECTOR_SLOT);
            mem.write32(stub + 6, v);
            mem.write8(stub + 10, 0xF4);
            long gate = (stub & 0xFFFFL) | 0x08L << 16 | 0x8E00L << 32 | (long) (stub & 0xFFFF0000) << 32;
            mem.write64(IDT + 8L * v, gate);
        }
        cpu.setIdtr(IDT, 256 * 8 - 1);
        cpu.loadFlatSegment(Cpu.CS, 0x08, code0);
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.SS, Cpu.FS, Cpu.GS}) cpu.loadFlatSegment(s, 0x10, data0);
        cpu.setReg(Cpu.ESP, STACK_TOP);
        cpu.setEip(CODE);
        mem.write32(VECTOR_SLOT, -1);
    }

    /** Loads code assembled from {@code source} at CODE, followed by HLT. */
    CpuHarness code(String source) {
        byte[] b = Asm.assemble(source + "\nhlt", CODE);
        mem.load(CODE, b, 0, b.length);
        return this;
    }

    /** Runs until the CPU halts (or 1e6 instructions); returns the harness. */
    CpuHarness run() {
        for (int k = 0; k < 1000 && !cpu.halted() && !cpu.shutdown(); k++) {
            cpu.run(1_000_000);
            if (cpu.stopReason() == Cpu.Stop.HALTED || cpu.stopReason() == Cpu.Stop.SHUTDOWN) break;
        }
        return this;
    }

    int reg(int r) { return cpu.reg(r); }

    int flags() { return cpu.eflags(); }

    boolean flag(int bit) { return (cpu.eflags() & bit) != 0; }

    /** The vector recorded by the IDT stub, or -1 if no exception/interrupt was delivered. */
    int vector() { return mem.read32(VECTOR_SLOT); }
}
