package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;

import i386mon.machine.fault.CpuException;

/**
 * Far transfers in virtual-8086 mode (SDM vol. 3, 20.1 and 20.2.7): JMP, CALL and RETF load CS as
 * the 8086 does ({@code selector << 4}, no descriptor); IRET is IOPL-sensitive: at IOPL 3 it pops
 * IP, CS and FLAGS leaving IOPL (and VM) alone, below that it is #GP(0) for the monitor to emulate.
 */
final class Virtual8086Transfers implements ControlTransfer {
    private final Cpu c;

    Virtual8086Transfers(Cpu c) { this.c = c; }

    /** A target beyond the 64 KiB CS limit faults before anything changes (SDM vol. 2, JMP: #GP(0)). */
    private void jumpTo(int selector, int offset) {
        if (Integer.compareUnsigned(offset, 0xFFFF) > 0) throw CpuException.gp(0);
        Virtual8086Segmentation.loadSegment(c, CS, selector);
        c.eip = offset;
    }

    @Override
    public void farJump(int selector, int offset, int size) {
        jumpTo(selector, size == 4 ? offset : offset & 0xFFFF);
    }

    @Override
    public void farCall(int selector, int offset, int size, int returnEip) {
        int target = size == 4 ? offset : offset & 0xFFFF;
        if (Integer.compareUnsigned(target, 0xFFFF) > 0) throw CpuException.gp(0);
        ControlTransfer.pushReturnAddress(c, size, returnEip); // SP wraps: V86 stacks have B=0 (Virtual8086Segmentation.ATTR)
        jumpTo(selector, target);
    }

    @Override
    public void farReturn(int size, int popBytes) {
        int ip = c.peekStack(0, size), cs = c.peekStack(size, size);
        jumpTo(cs, size == 4 ? ip : ip & 0xFFFF);
        c.setSp(c.sp() + 2 * size + popBytes);
    }

    @Override
    public void iret(int size) {
        if ((c.materialize() & Cpu.IOPL) != Cpu.IOPL) throw CpuException.gp(0);
        int ip = c.peekStack(0, size), cs = c.peekStack(size, size), flags = c.peekStack(2 * size, size);
        jumpTo(cs, size == 4 ? ip : ip & 0xFFFF);
        c.setSp(c.sp() + 3 * size);
        // At CPL 3 = IOPL: IF and the arithmetic flags load, IOPL and VM never (writeFlags keeps them).
        c.writeFlags(flags, 3, size == 4 ? -1 : 0xFFFF, true);
    }
}
