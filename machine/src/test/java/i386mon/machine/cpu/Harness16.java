package i386mon.machine.cpu;

/**
 * 16-bit protected mode on top of {@link CpuHarness}: ring-0 code in a 16-bit code segment
 * (D=0, base {@link CpuHarness#CODE}, limit 0xFFFF, selector {@link #CODE16}), a 16-bit stack
 * segment (B=0, base {@link #SS_BASE}) and 16-bit data segments (base {@link #DS_BASE}) in
 * DS/ES/FS/GS. Snippets are assembled with {@code .code16} at offset 0, so labels are IPs.
 * Exceptions go to the harness's 32-bit stubs, which record the vector and halt.
 */
final class Harness16 {
    static final int CODE16 = 0x30, DATA16 = 0x38, STACK16 = 0x40;
    /** Ring-3 selectors (RPL 3) of a 16-bit code segment and a 16-bit data/stack segment with the same bases. */
    static final int CODE16_RING3 = 0x4B, DATA16_RING3 = 0x53;
    static final int DS_BASE = 0x20000, SS_BASE = 0x30000, SP_TOP = 0xFFF0;

    final CpuHarness h = new CpuHarness();
    final Cpu cpu = h.cpu;
    private String source = "";

    Harness16() {
        h.addDescriptor(CODE16 / 8, CpuHarness.descriptor(CpuHarness.CODE, 0xFFFF, 0x9A, 0x0));
        h.addDescriptor(DATA16 / 8, CpuHarness.descriptor(DS_BASE, 0xFFFF, 0x92, 0x0));
        h.addDescriptor(STACK16 / 8, CpuHarness.descriptor(SS_BASE, 0xFFFF, 0x92, 0x0));
        h.addDescriptor(CODE16_RING3 / 8, CpuHarness.descriptor(CpuHarness.CODE, 0xFFFF, 0xFA, 0x0));
        h.addDescriptor(DATA16_RING3 / 8, CpuHarness.descriptor(SS_BASE, 0xFFFF, 0xF2, 0x0));
        enter();
    }

    /** Loads CS/SS/DS/ES/FS/GS with the 16-bit segments, IP 0, SP {@link #SP_TOP}. */
    Harness16 enter() {
        cpu.loadFlatSegment(Cpu.CS, CODE16, h.mem.read64(CpuHarness.GDT + CODE16));
        cpu.loadFlatSegment(Cpu.SS, STACK16, h.mem.read64(CpuHarness.GDT + STACK16));
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.FS, Cpu.GS}) cpu.loadFlatSegment(s, DATA16, h.mem.read64(CpuHarness.GDT + DATA16));
        cpu.setEip(0);
        cpu.setReg(Cpu.ESP, SP_TOP);
        return this;
    }

    /** As {@link #enter()} at CPL 3: CS {@link #CODE16_RING3}, SS/DS/ES/FS/GS {@link #DATA16_RING3} (base {@link #SS_BASE}). */
    Harness16 enterRing3() {
        cpu.loadFlatSegment(Cpu.CS, CODE16_RING3, h.mem.read64(CpuHarness.GDT + (CODE16_RING3 & ~7)));
        for (int s : new int[] {Cpu.SS, Cpu.DS, Cpu.ES, Cpu.FS, Cpu.GS}) {
            cpu.loadFlatSegment(s, DATA16_RING3, h.mem.read64(CpuHarness.GDT + (DATA16_RING3 & ~7)));
        }
        cpu.setEip(0);
        cpu.setReg(Cpu.ESP, SP_TOP);
        return this;
    }

    /** Loads {@code .code16} code assembled from {@code src} at CS:0, followed by HLT. */
    Harness16 code(String src) {
        source = ".code16\n" + src + "\nhlt";
        byte[] b = Asm.assemble(source, 0);
        h.mem.load(CpuHarness.CODE, b, 0, b.length);
        return this;
    }

    /** The IP of {@code label} in the code last loaded. */
    int label(String name) { return Asm.symbol(source, 0, name); }

    Harness16 set(int r, int v) {
        cpu.setReg(r, v);
        return this;
    }

    Harness16 eflags(int v) {
        cpu.setEflags(v);
        return this;
    }

    Harness16 run() {
        h.run();
        return this;
    }

    int reg(int r) { return cpu.reg(r); }

    /** The low 16 bits of general register {@code r}. */
    int reg16(int r) { return cpu.reg(r) & 0xFFFF; }

    boolean flag(int bit) { return (cpu.eflags() & bit) != 0; }

    /** The vector an exception stub recorded, or -1. */
    int vector() { return h.vector(); }

    int dataWord(int off) { return h.mem.read16(DS_BASE + off) & 0xFFFF; }

    int stackWord(int off) { return h.mem.read16(SS_BASE + off) & 0xFFFF; }

    int stackDword(int off) { return h.mem.read32(SS_BASE + off); }

    void setDataWord(int off, int v) { h.mem.write16(DS_BASE + off, v); }

    void setStackWord(int off, int v) { h.mem.write16(SS_BASE + off, v); }
}
