package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/**
 * Segment loads in virtual-8086 mode (SDM vol. 3, 20.1.1): no descriptor is read, the base is
 * {@code selector << 4}, the limit 64 KiB, and every segment (CS too) is a present, writable,
 * accessed data segment of DPL 3 with a 16-bit default size; selector 0 is an ordinary segment.
 * The descriptor-table instructions SLDT, STR, LLDT, LTR, LAR, LSL, VERR and VERW are #UD here
 * (SDM vol. 2: "not recognized in virtual-8086 mode").
 */
final class Virtual8086Segmentation implements Segmentation {
    /** The segment cache attributes of a V86 segment: P, DPL 3, S, type 3 (read/write, accessed), D/B 0. */
    static final int ATTR = 0xF300;

    private final Cpu c;

    Virtual8086Segmentation(Cpu c) { this.c = c; }

    /** Loads segment register {@code s} as virtual-8086 mode does (also IRET to V86 and a task switch to a V86 task). */
    static void loadSegment(Cpu c, int s, int selector) {
        selector &= 0xFFFF;
        c.setSegmentCache(s, selector, selector << 4, 0xFFFF, ATTR);
    }

    @Override
    public void load(int s, int selector) { loadSegment(c, s, selector); }

    @Override
    public int sldt() { throw CpuException.ud(); }

    @Override
    public int str() { throw CpuException.ud(); }

    @Override
    public void lldt(int selector) { throw CpuException.ud(); }

    @Override
    public void ltr(int selector) { throw CpuException.ud(); }

    @Override
    public long lar(int selector) { throw CpuException.ud(); }

    @Override
    public long lsl(int selector) { throw CpuException.ud(); }

    @Override
    public boolean verify(int selector, boolean write) { throw CpuException.ud(); }
}
