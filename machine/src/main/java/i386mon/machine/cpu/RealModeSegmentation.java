package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/**
 * Segment loads in real-address mode (SDM vol. 3, 20.1.1): the selector and a base of
 * {@code selector << 4}; the limit and attributes of the hidden cache are kept as the last
 * protected-mode load left them, which is what makes "unreal" mode work (a 4 GiB DS limit loaded in
 * protected mode survives the return to real mode; SDM vol. 3, 9.9.2). The descriptor-table
 * instructions SLDT, STR, LLDT, LTR, LAR, LSL, VERR and VERW are #UD here.
 */
final class RealModeSegmentation implements Segmentation {
    private final Cpu c;

    RealModeSegmentation(Cpu c) { this.c = c; }

    @Override
    public void load(int s, int sel) {
        sel &= 0xFFFF;
        c.setSegmentCache(s, sel, sel << 4, c.segLimit[s], c.segAttr[s]);
    }

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
