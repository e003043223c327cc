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
    static final int STACK_TOP = 0x90000, RING0_STACK_TOP = 0xA0000 - 0x100, RING3_STACK_TOP = 0x88000;
    /** Page directory and the page table mapping the low 4 MiB, used by {@link #paging()}. */
    static final int PAGE_DIR = 0x5000, PAGE_TABLE = 0x6000;
    /** A software-interrupt vector whose gate has DPL 3, so ring-3 code can end with {@code int $0x80}. */
    static final int USER_VECTOR = 0x80;
    /**
     * Enters ring 3 at the next instruction by IRET (CS 0x1b, SS 0x23, ESP {@link #RING3_STACK_TOP}),
     * with DS/ES/FS/GS loaded with 0x23 first so they stay usable.
     */
    static final String RING3 = "mov $0x23,%ax\n mov %ax,%ds\n mov %ax,%es\n mov %ax,%fs\n mov %ax,%gs\n"
            + " push $0x23\n push $" + 0x88000 + "\n pushf\n push $0x1b\n push $ring3_entry\n iret\nring3_entry:\n";
    /** Handler stubs store the vector here (as a dword) before halting. */
    static final int VECTOR_SLOT = 0x500;

    final PhysicalMemory mem = new PhysicalMemory(16 << 20);
    final Mmu mmu = new Mmu(mem);
    final IoBus io = new IoBus();
    final VirtualClock clock = new VirtualClock();
    final Cpu cpu = new Cpu(mem, mmu, io, clock);
    private String source = "";

    CpuHarness() {
        long code0 = 0x00CF9A000000FFFFL, data0 = 0x00CF92000000FFFFL, code3 = 0x00CFFA000000FFFFL, data3 = 0x00CFF2000000FFFFL;
        long tss = 0x0000890000000067L | (long) (TSS & 0xFFFF) << 16 | (long) ((TSS >>> 16) & 0xFF) << 32;
        long[] gdt = {0, code0, data0, code3, data3, tss};
        for (int k = 0; k < gdt.length; k++) mem.write64(GDT + 8L * k, gdt[k]);
        mem.write32(TSS + 4, RING0_STACK_TOP); // ESP0
        mem.write32(TSS + 8, 0x10); // SS0
        mem.write16(TSS + 0x66, 0x68); // I/O bitmap base beyond the limit: no ports allowed at CPL 3
        // Each stub: push %ds ; push $0x10 ; pop %ds ; movl $v, VECTOR_SLOT ; pop %ds ; hlt (16 bytes).
        // It goes through the flat ring-0 data segment whatever DS/SS the handler inherits, and
        // leaves every register and the frame at SS:ESP as delivery left them.
        for (int v = 0; v < 256; v++) {
            int stub = STUBS + v * 16;
            byte[] b = {0x1E, 0x6A, 0x10, 0x1F, (byte) 0xC7, 0x05};
            for (int k = 0; k < b.length; k++) mem.write8(stub + k, b[k]);
            mem.write32(stub + 6, VECTOR_SLOT);
            mem.write32(stub + 10, v);
            mem.write8(stub + 14, 0x1F);
            mem.write8(stub + 15, 0xF4);
            long gate = (stub & 0xFFFFL) | 0x08L << 16 | 0x8E00L << 32 | (long) (stub & 0xFFFF0000) << 32;
            mem.write64(IDT + 8L * v, gate);
        }
        setGateDpl(USER_VECTOR, 3);
        startState();
    }

    /**
     * Puts the CPU in the harness's start state (ring 0, flat segments from the GDT, TR loaded,
     * paging off, EIP at {@link #CODE}) after a {@link Cpu#reset()}; the tables in memory must be intact.
     */
    CpuHarness startState() {
        cpu.reset();
        long code0 = mem.read64(GDT + 8), data0 = mem.read64(GDT + 16);
        cpu.setGdtr(GDT, 6 * 8 - 1);
        cpu.setIdtr(IDT, 256 * 8 - 1);
        cpu.loadFlatSegment(Cpu.CS, 0x08, code0);
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.SS, Cpu.FS, Cpu.GS}) cpu.loadFlatSegment(s, 0x10, data0);
        cpu.setReg(Cpu.ESP, STACK_TOP);
        cpu.setEip(CODE);
        mem.write32(VECTOR_SLOT, -1);
        mem.write32(GDT + 0x28 + 4, mem.read32(GDT + 0x28 + 4) & ~0x200); // TSS not busy, so LTR accepts it
        cpu.segments.ltr(0x28);
        return this;
    }

    /** Sets the DPL of IDT gate {@code vector}. */
    CpuHarness setGateDpl(int vector, int dpl) {
        int a = IDT + 8 * vector + 4;
        mem.write32(a, (mem.read32(a) & ~0x6000) | dpl << 13);
        return this;
    }

    /** Points IDT gate {@code vector} at {@code offset} in ring-0 code as a 32-bit interrupt gate of DPL {@code dpl}. */
    CpuHarness setGate(int vector, int offset, int dpl) {
        long gate = (offset & 0xFFFFL) | 0x08L << 16 | (0x8E00L | dpl << 13) << 32 | (long) (offset & 0xFFFF0000) << 32;
        mem.write64(IDT + 8L * vector, gate);
        return this;
    }

    /** Changes the code selector of IDT gate {@code vector}. */
    CpuHarness setGateSelector(int vector, int selector) {
        int a = IDT + 8 * vector;
        mem.write32(a, (mem.read32(a) & 0xFFFF) | selector << 16);
        return this;
    }

    /** Clears the present bit of IDT gate {@code vector}. */
    CpuHarness setGateNotPresent(int vector) {
        int a = IDT + 8 * vector + 4;
        mem.write32(a, mem.read32(a) & ~0x8000);
        return this;
    }

    /** A 32-bit call gate image to {@code selector:offset}, DPL {@code dpl}, copying {@code params} dwords. */
    static long callGate(int selector, int offset, int dpl, int params) {
        return (offset & 0xFFFFL) | (long) (selector & 0xFFFF) << 16
                | (long) ((offset & 0xFFFF0000) | 0x8000 | dpl << 13 | 0xC << 8 | (params & 0x1F)) << 32;
    }

    /** Writes GDT entry {@code index} (selector index*8), growing the GDT limit if needed. */
    CpuHarness gdt(int index, long descriptor) {
        mem.write64(GDT + 8L * index, descriptor);
        if (index * 8 + 7 > cpu.gdtrLimit()) cpu.setGdtr(GDT, index * 8 + 7);
        return this;
    }

    /** A segment descriptor image: {@code access} is the access byte (e.g. 0x92), {@code flags} the G/D nibble (e.g. 0xC). */
    static long descriptor(int base, int limit, int access, int flags) {
        return (limit & 0xFFFFL) | (base & 0xFFFFFFL) << 16 | (long) (access & 0xFF) << 40
                | (long) ((limit >>> 16) & 0xF) << 48 | (long) (flags & 0xF) << 52 | (long) (base >>> 24 & 0xFF) << 56;
    }

    /** Turns on paging with the low 4 MiB identity-mapped by one page table (user, writable pages). */
    CpuHarness paging() {
        for (int k = 0; k < 1024; k++) mem.write32(PAGE_TABLE + 4L * k, k << 12 | 7);
        mem.write32(PAGE_DIR, PAGE_TABLE | 7);
        cpu.setControlRegisters(cpu.cr0() | Cpu.CR0_PG, PAGE_DIR, cpu.cr4(), cpu.efer());
        return this;
    }

    /** Marks the page holding {@code linear} not present (paging must be on). */
    CpuHarness unmap(int linear) {
        mem.write32(PAGE_TABLE + 4L * (linear >>> 12), 0);
        mmu.flushAll();
        return this;
    }

    /** Maps the page holding {@code linear} back (identity, user, writable). */
    CpuHarness map(int linear) {
        mem.write32(PAGE_TABLE + 4L * (linear >>> 12), (linear & 0xFFFFF000) | 7);
        mmu.flushAll();
        return this;
    }

    /** Dword {@code k} of the stack, counting up from SS:ESP (the exception frame after a delivery). */
    int stack(int k) { return mem.read32((cpu.segBase(Cpu.SS) + reg(Cpu.ESP) + 4L * k) & 0xFFFFFFFFL); }

    /** The address of {@code label} in the code last loaded by {@link #code}. */
    int label(String name) { return Asm.symbol(source, CODE, name); }

    /** Loads code assembled from {@code source} at CODE, followed by HLT. */
    CpuHarness code(String source) {
        this.source = source + "\nhlt";
        byte[] b = Asm.assemble(this.source, CODE);
        mem.load(CODE, b, 0, b.length);
        return this;
    }

    /** Loads raw instruction bytes at CODE, followed by HLT. */
    CpuHarness bytes(int... code) {
        for (int k = 0; k < code.length; k++) mem.write8(CODE + k, code[k]);
        mem.write8(CODE + code.length, 0xF4);
        return this;
    }

    /** Makes the loaded code runnable again: EIP at CODE, fresh stack, not halted, no vector recorded. */
    CpuHarness restart() {
        cpu.halted = false;
        cpu.setEip(CODE);
        cpu.setReg(Cpu.ESP, STACK_TOP);
        mem.write32(VECTOR_SLOT, -1);
        return this;
    }

    /** Sets general register {@code r} (Cpu.EAX...) before a run. */
    CpuHarness set(int r, int v) {
        cpu.setReg(r, v);
        return this;
    }

    /** Sets EFLAGS before a run. */
    CpuHarness eflags(int v) {
        cpu.setEflags(v);
        return this;
    }

    /** Adds a GDT descriptor at {@code index} (the GDT limit grows to cover it); returns the ring-0 selector. */
    int addDescriptor(int index, long descriptor) {
        mem.write64(GDT + 8L * index, descriptor);
        if (cpu.gdtrLimit() < index * 8 + 7) cpu.setGdtr(GDT, index * 8 + 7);
        return index * 8;
    }

    /** Points IDT vector {@code v} at {@code handler} through a ring-0 interrupt gate. */
    void setGate(int v, int handler) {
        setGate(v, handler, 0);
    }


    /** Runs until the CPU halts, shuts down or stops at a catchpoint (or 1e9 instructions); returns the harness. */
    CpuHarness run() {
        for (int k = 0; k < 1000; k++) { // a halted CPU runs too: an interrupt may wake it
            clock.retire(cpu.run(1_000_000)); // as Machine does: retired instructions are guest time
            Cpu.Stop why = cpu.stopReason();
            if (why == Cpu.Stop.HALTED || why == Cpu.Stop.SHUTDOWN || why == Cpu.Stop.EXCEPTION) break;
        }
        return this;
    }

    int reg(int r) { return cpu.reg(r); }

    int flags() { return cpu.eflags(); }

    boolean flag(int bit) { return (cpu.eflags() & bit) != 0; }


    /** The vector recorded by the IDT stub, or -1 if no exception/interrupt was delivered. */
    int vector() { return mem.read32(VECTOR_SLOT); }
}
