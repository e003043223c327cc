package i386mon.machine.cpu;

/**
 * One decoded instruction, cached by physical address and executed many times. Fields are set
 * once by the {@link Decoder}; executing never allocates.
 */
final class Insn {
    /** Handler ({@link OpcodeTable.Op}): the row's, a fast form, or UD; and the row's sub-code. */
    OpcodeTable.Op op;
    int sub;
    OpcodeTable.Entry entry;
    /** Opcode: 0x00-0xFF, or 0x100 | second byte for the 0x0F map. */
    int opcode;
    int len;
    /** Offset of this instruction from the start of its block. */
    int off;
    /** Operand size 32 (else 16) and address size 32 (else 16). */
    boolean o32, a32;
    /** ModRM fields; mod == 3 means a register operand in rm. */
    int mod, reg, rm;
    /** Memory operand: segment (after overrides), base and index register (-1 none), scale shift, displacement. */
    int seg, base, index, scale, disp;
    /** True if a segment override prefix was given (for the disassembler). */
    boolean segOverride;
    int imm, imm2;
    /** Register operands of the specialised forms (destination, source). */
    int dst, src;
    /** 0 none, 1 REP/REPE (F3), 2 REPNE (F2). */
    int rep;
    boolean lock;

    boolean isMem() { return mod != 3; }
}
