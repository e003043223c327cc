package i386mon.machine.cpu;

/**
 * Rewrites the handler of a decoded instruction to a specialised one when its operands allow: 32-bit
 * register-register and register-immediate ALU forms, INC/DEC, MOV, shifts by an immediate,
 * PUSH/POP of a register. The table row (and so the disassembly) is unchanged; only the handler
 * that executes it is more direct. Semantics are identical to the general handlers.
 */
final class Specializer {
    private Specializer() { }

    /** Indexed by ALU sub-code (ADD OR ADC SBB AND SUB XOR CMP); -1 keeps the general handler. */
    private static final int[] RR = {Op.ADD32_RR, Op.OR32_RR, -1, -1, Op.AND32_RR, Op.SUB32_RR, Op.XOR32_RR, Op.CMP32_RR};
    private static final int[] RI = {Op.ADD32_RI, Op.OR32_RI, -1, -1, Op.AND32_RI, Op.SUB32_RI, Op.XOR32_RI, Op.CMP32_RI};

    static void specialize(Insn i) {
        if (!i.o32 || i.lock) return;
        boolean reg = i.mod == 3;
        switch (i.op) {
            case Op.ALU_EV_GV: if (reg) rr(i, RR[i.sub], i.rm, i.reg); return;
            case Op.ALU_GV_EV: if (reg) rr(i, RR[i.sub], i.reg, i.rm); return;
            case Op.ALU_EV_IZ: case Op.ALU_EV_IBS: if (reg) rr(i, RI[i.sub], i.rm, 0); return;
            case Op.ALU_EAX_IZ: rr(i, RI[i.sub], Cpu.EAX, 0); return;
            case Op.TEST_EV_GV: if (reg) rr(i, Op.TEST32_RR, i.rm, i.reg); return;
            case Op.INC_R: rr(i, Op.INC32_R, i.sub, 0); return;
            case Op.DEC_R: rr(i, Op.DEC32_R, i.sub, 0); return;
            case Op.MOV_EV_GV: rr(i, reg ? Op.MOV32_RR : Op.MOV32_MR, i.rm, i.reg); return;
            case Op.MOV_GV_EV: rr(i, reg ? Op.MOV32_RR : Op.MOV32_RM, i.reg, i.rm); return;
            case Op.MOV_R_IZ: rr(i, Op.MOV32_RI, i.sub, 0); return;
            case Op.SHIFT_EV_IB:
                if (reg) {
                    int[] byKind = {Op.ROL32_RI, -1, -1, -1, Op.SHL32_RI, Op.SHR32_RI, Op.SHL32_RI, Op.SAR32_RI};
                    rr(i, byKind[i.sub], i.rm, 0);
                }
                return;
            case Op.PUSH_R: rr(i, Op.PUSH32_R, i.sub, 0); return;
            case Op.POP_R: rr(i, Op.POP32_R, i.sub, 0); return;
            default: return;
        }
    }

    private static void rr(Insn i, int op, int dst, int src) {
        if (op < 0) return;
        i.op = op;
        i.dst = dst;
        i.src = src;
    }
}
