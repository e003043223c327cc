package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.SS;

/**
 * Far transfers of control, whose meaning depends on the mode: protected mode goes through
 * descriptors, call gates and privilege checks ({@link ProtectedModeTransfers}); real mode loads
 * CS as {@code selector << 4}; virtual-8086 mode does that too and leaves through IRET only at
 * IOPL 3. A transfer to a TSS or a task gate is a {@link TaskSwitch}.
 */
interface ControlTransfer {
    /** JMP ptr16:16/32 and JMP m16:16/32; {@code size} is the operand size in bytes. */
    void farJump(int selector, int offset, int size);

    /** CALL ptr16:16/32 and CALL m16:16/32; the return address pushed is {@code returnEip}. */
    void farCall(int selector, int offset, int size, int returnEip);

    /** RETF [imm16]: {@code popBytes} of parameters are released from the stack. */
    void farReturn(int size, int popBytes);

    /** IRET/IRETD. */
    void iret(int size);

    /**
     * Pushes the far return address, CS then {@code returnEip}, as two {@code size}-byte items, SP
     * alone moving and wrapping when SS.B=0. Both slots pass the segment checks before either is
     * written, so a fault on the second leaves no trace (as the real-mode 8086 frame always did).
     */
    static void pushReturnAddress(Cpu c, int size, int returnEip) {
        int sp = c.sp();
        int a1 = sp - size, a2 = sp - 2 * size;
        if (!c.stack32()) { a1 &= 0xFFFF; a2 &= 0xFFFF; }
        c.linWrite(SS, a1, size);
        c.linWrite(SS, a2, size);
        c.writeSized(SS, a1, size, c.segSel[CS]);
        c.writeSized(SS, a2, size, returnEip);
        c.setSp(a2);
    }
}
