package i386mon.machine.cpu;

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
}
