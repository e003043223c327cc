package i386mon.machine.pci;

import i386mon.machine.memory.PhysicalMemory;

/**
 * 00:00.0, the i440FX host bridge as QEMU's {@code pc} machine has it (8086:1237, revision 2,
 * class 0600): its PAM registers 0x59-0x5F decide whether 0xC0000-0xFFFFF reads ROM or shadow
 * DRAM ({@link ShadowRam}); 0x59's low nibble is reserved. The SMRAM register 0x72 holds what is
 * written (this machine has no SMM).
 */
public final class I440fx extends PciFunction {
    public static final int PAM0 = 0x59, SMRAM = 0x72;
    private final ShadowRam shadow;

    public I440fx(PhysicalMemory memory) {
        super(0, 0, 0x8086, 0x1237, 0x060000, 0x02);
        shadow = new ShadowRam(memory);
        writable(PAM0, 1, 0xF0);
        writable(PAM0 + 1, 6, 0xFFFF_FFFF);
        writable(PAM0 + 1 + 4, 2, 0xFFFF);
        writable(SMRAM, 1, 0x78);
    }

    /** The read/write mode of PAM segment {@code s} as the registers say. */
    static int pamMode(int[] regs, int s) { return s == 0 ? regs[0] >>> 4 & 3 : regs[1 + (s - 1) / 2] >>> ((s - 1) % 2 * 4) & 3; }

    @Override
    protected void written(int offset, int size) {
        if (offset + size <= PAM0 || offset > PAM0 + 6) return;
        int[] regs = new int[7];
        for (int i = 0; i < 7; i++) regs[i] = get8(PAM0 + i);
        for (int s = 0; s < ShadowRam.SEGMENTS; s++) shadow.set(s, pamMode(regs, s));
    }

    /** PAM back to 0 (every segment reads ROM) and the shadow DRAM cleared: a power-on. */
    @Override
    public void reset() {
        super.reset();
        shadow.powerOn();
    }

    @Override
    void saveMore(i386mon.machine.state.StateWriter out) { shadow.saveCopy(out); }

    @Override
    void restoreMore(i386mon.machine.state.StateReader in) { shadow.restoreCopy(in); }

    @Override
    protected void restored() { shadow.restored(); }
}
