package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;

import i386mon.machine.fault.CpuException;

/**
 * Far JMP, CALL, RETF and IRET in real-address mode (SDM vol. 2, each instruction's REAL-ADDRESS-MODE
 * operation): CS gets the selector and a base of {@code selector << 4}, its limit and attributes stay
 * (as {@link RealModeSegmentation} keeps them); the target offset is checked against that limit
 * (#GP(0)); there are no privilege checks. Frames are read before anything is committed, so a fault
 * leaves the stack and CS as they were.
 */
final class RealModeTransfers implements ControlTransfer {
    private final Cpu c;

    RealModeTransfers(Cpu c) { this.c = c; }

    @Override
    public void farJump(int selector, int offset, int size) {
        jumpTo(selector, size == 4 ? offset : offset & 0xFFFF);
    }

    @Override
    public void farCall(int selector, int offset, int size, int returnEip) {
        int target = size == 4 ? offset : offset & 0xFFFF;
        checkLimit(target);
        ControlTransfer.pushReturnAddress(c, size, returnEip);
        jumpTo(selector, target);
    }

    @Override
    public void farReturn(int size, int popBytes) {
        int eip = c.peekStack(0, size), sel = c.peekStack(size, size) & 0xFFFF;
        if (size == 2) eip &= 0xFFFF;
        checkLimit(eip);
        c.setSp(c.sp() + 2 * size + popBytes);
        jumpTo(sel, eip);
    }

    /** SDM vol. 2, IRET, REAL-ADDRESS-MODE: IRETD keeps VM (and VIF/VIP) and may change every other flag. */
    @Override
    public void iret(int size) {
        int eip = c.peekStack(0, size), sel = c.peekStack(size, size) & 0xFFFF, flags = c.peekStack(2 * size, size);
        if (size == 2) eip &= 0xFFFF;
        checkLimit(eip);
        c.setSp(c.sp() + 3 * size);
        jumpTo(sel, eip);
        c.writeFlags(flags, 0, size == 4 ? -1 : 0xFFFF, true);
    }

    /** The offset must lie within CS's (kept) limit: #GP(0), checked before anything changes. */
    private void checkLimit(int offset) {
        int limit = c.segLimit[CS];
        if (limit != -1 && Integer.compareUnsigned(offset, limit) > 0) throw CpuException.gp(0);
    }

    private void jumpTo(int selector, int offset) {
        checkLimit(offset);
        selector &= 0xFFFF;
        c.setSegmentCache(CS, selector, selector << 4, c.segLimit[CS], c.segAttr[CS]);
        c.eip = offset;
    }
}
