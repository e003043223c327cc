package i386mon.machine.cpu;

/**
 * A CPU after a power-on reset, moved to real-mode code at 0000:7C00 with SS:SP 0000:7000, on the
 * memory of a {@link CpuHarness} (whose GDT serves the protected-mode excursions: 0x08 flat 32-bit
 * code, 0x10 flat data; this adds 0x30, 16-bit code of base 0 and limit 0xFFFF, and 0x38, 16-bit
 * data alike). Every interrupt vector points to a stub that stores the vector as a word at
 * {@link #VECTOR_SLOT} and halts. Snippets are GNU as in {@code .code16}.
 */
final class RealModeHarness {
    static final int CODE = 0x7C00, STACK = 0x7000, STUBS = 0x600, VECTOR_SLOT = 0x500;
    static final int CODE16 = 0x30, DATA16 = 0x38;

    final CpuHarness pm = new CpuHarness();
    final Cpu cpu = pm.cpu;
    private String source = "";

    RealModeHarness() {
        pm.gdt(6, CpuHarness.descriptor(0, 0xFFFF, 0x9A, 0));
        pm.gdt(7, CpuHarness.descriptor(0, 0xFFFF, 0x92, 0));
        int gdtLimit = cpu.gdtrLimit();
        cpu.powerOnReset();
        cpu.setGdtr(CpuHarness.GDT, gdtLimit);
        for (int v = 0; v < 256; v++) {
            int stub = STUBS + v * 8;
            // mov word %cs:VECTOR_SLOT, v ; hlt
            int[] b = {0x2E, 0xC7, 0x06, VECTOR_SLOT & 0xFF, VECTOR_SLOT >>> 8, v, 0, 0xF4};
            for (int k = 0; k < b.length; k++) pm.mem.write8(stub + k, b[k]);
            ivt(v, 0, stub);
        }
        cpu.setRealModeSegment(Cpu.CS, 0);
        cpu.setEip(CODE);
        cpu.setReg(Cpu.ESP, STACK);
        pm.mem.write16(VECTOR_SLOT, 0xFFFF);
    }

    /** Points interrupt vector {@code v} at {@code segment:offset}. */
    RealModeHarness ivt(int v, int segment, int offset) {
        pm.mem.write16(4L * v, offset);
        pm.mem.write16(4L * v + 2, segment);
        return this;
    }

    /** Loads 16-bit code assembled from {@code source} at 0x7C00, followed by HLT. */
    RealModeHarness code(String source) {
        this.source = ".code16\n" + source + "\nhlt";
        byte[] b = Asm.assemble(this.source, CODE);
        pm.mem.load(CODE, b, 0, b.length);
        return this;
    }

    /** The address (= offset in segment 0) of {@code label} in the code last loaded. */
    int label(String name) { return Asm.symbol(source, CODE, name); }

    RealModeHarness run() {
        pm.run();
        return this;
    }

    /** The vector a stub recorded, or -1. */
    int vector() {
        int v = pm.mem.read16(VECTOR_SLOT) & 0xFFFF;
        return v == 0xFFFF ? -1 : v;
    }

    int reg(int r) { return cpu.reg(r); }

    /** Word {@code k} of the stack, counting up from SS:SP. */
    int stackWord(int k) {
        return pm.mem.read16(cpu.segBase(Cpu.SS) + ((cpu.reg(Cpu.ESP) + 2 * k) & 0xFFFF)) & 0xFFFF;
    }
}
