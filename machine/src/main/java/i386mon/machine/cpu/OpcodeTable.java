package i386mon.machine.cpu;

/**
 * Every opcode the CPU knows, in one place: mnemonic, operands (SDM appendix A notation), the
 * handler that executes it and a sub-code (ALU operation, condition, register, segment). The
 * decoder, the disassembler and the table-driven tests all read this table; nothing else lists
 * opcodes.
 *
 * <p>Operand notation: E = ModRM r/m, G = ModRM reg, S = segment register (reg), C/D = control/
 * debug register (reg), R = ModRM r/m register only, M = memory only; sizes b w d v (16/32 by
 * operand size) p (far pointer) q (64-bit); I = immediate (Ibs: byte sign-extended), J = relative,
 * A = far pointer immediate, O = moffs, X/Y = DS:eSI / ES:eDI string operands, Z = register in the
 * opcode's low 3 bits; AL, CL, DX, eAX, 1, and segment names are fixed operands.
 */
public final class OpcodeTable {
    private OpcodeTable() { }

    /** Entry flags. */
    static final int LOCKABLE = 1, PREFIX = 2, GROUP = 4, NEEDS_MEM = 8, REP_OK = 16;

    /** One row of the table. {@code operands} are comma-separated in Intel order (dest first). */
    public static final class Entry {
        public final String mnemonic;
        public final String[] operands;
        final int op;
        final int sub;
        final int flags;
        /** For group rows: the eight entries chosen by ModRM.reg. */
        Entry[] group;
        // derived by the decoder's needs
        final boolean modrm;
        final int immKind1, immKind2;

        Entry(String mnemonic, String operands, int op, int sub, int flags) {
            this.mnemonic = mnemonic;
            this.operands = operands.isEmpty() ? new String[0] : operands.split(",");
            this.op = op;
            this.sub = sub;
            int f = flags;
            boolean m = false;
            int k1 = IMM_NONE, k2 = IMM_NONE;
            for (String o : this.operands) {
                char c = o.charAt(0);
                if (o.equals("M") || o.length() > 1 && Character.isLowerCase(o.charAt(1)) && "EGSCDRM".indexOf(c) >= 0) m = true;
                if (c == 'M' && o.length() <= 2) f |= NEEDS_MEM;
                int k = immKind(o);
                if (k != IMM_NONE) {
                    if (k1 == IMM_NONE) k1 = k; else k2 = k;
                }
            }
            this.flags = f;
            this.modrm = m;
            this.immKind1 = k1;
            this.immKind2 = k2;
        }

        public boolean isGroup() { return group != null; }

        @Override
        public String toString() { return mnemonic + " " + String.join(",", operands); }
    }

    static final int IMM_NONE = 0, IMM_B = 1, IMM_BS = 2, IMM_W = 3, IMM_Z = 4, IMM_AP = 5, IMM_MOFFS = 6;

    private static int immKind(String o) {
        switch (o) {
            case "Ib": return IMM_B;
            case "Ibs": case "Jb": return IMM_BS;
            case "Iw": return IMM_W;
            case "Iz": case "Jz": return IMM_Z;
            case "Ap": return IMM_AP;
            case "Ob": case "Ov": return IMM_MOFFS;
            default: return IMM_NONE;
        }
    }

    /** One-byte map (index = opcode) and two-byte map (index = byte after 0x0F). */
    static final Entry[] ONE = new Entry[256];
    static final Entry[] TWO = new Entry[256];

    static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
    static final String[] SREG = {"es", "cs", "ss", "ds", "fs", "gs"};
    static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};

    private static void one(int opc, String mn, String ops, int op, int sub, int flags) {
        ONE[opc] = new Entry(mn, ops, op, sub, flags);
    }

    private static void one(int opc, String mn, String ops, int op) { one(opc, mn, ops, op, 0, 0); }

    private static void two(int opc, String mn, String ops, int op, int sub, int flags) {
        TWO[opc] = new Entry(mn, ops, op, sub, flags);
    }

    private static void two(int opc, String mn, String ops, int op) { two(opc, mn, ops, op, 0, 0); }

    private static Entry e(String mn, String ops, int op, int sub, int flags) { return new Entry(mn, ops, op, sub, flags); }

    private static Entry e(String mn, String ops, int op) { return new Entry(mn, ops, op, 0, 0); }

    private static void group(Entry[] map, int opc, String ops, Entry... rows) {
        Entry g = new Entry("(group)", ops, Op.UD, 0, GROUP);
        g.group = rows;
        map[opc] = g;
    }

    private static final Entry UD_ROW = new Entry("(bad)", "", Op.UD, 0, 0);

    static {
        // ---- one-byte map
        for (int k = 0; k < 8; k++) {
            int b = k * 8, lock = k == 7 ? 0 : LOCKABLE;
            one(b, ALU[k], "Eb,Gb", Op.ALU_EB_GB, k, lock);
            one(b + 1, ALU[k], "Ev,Gv", Op.ALU_EV_GV, k, lock);
            one(b + 2, ALU[k], "Gb,Eb", Op.ALU_GB_EB, k, 0);
            one(b + 3, ALU[k], "Gv,Ev", Op.ALU_GV_EV, k, 0);
            one(b + 4, ALU[k], "AL,Ib", Op.ALU_AL_IB, k, 0);
            one(b + 5, ALU[k], "eAX,Iz", Op.ALU_EAX_IZ, k, 0);
        }
        one(0x06, "push", "ES", Op.PUSH_SREG, 0, 0);
        one(0x07, "pop", "ES", Op.POP_SREG, 0, 0);
        one(0x0E, "push", "CS", Op.PUSH_SREG, 1, 0);
        one(0x16, "push", "SS", Op.PUSH_SREG, 2, 0);
        one(0x17, "pop", "SS", Op.POP_SREG, 2, 0);
        one(0x1E, "push", "DS", Op.PUSH_SREG, 3, 0);
        one(0x1F, "pop", "DS", Op.POP_SREG, 3, 0);
        for (int p : new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3}) one(p, "(prefix)", "", Op.UD, 0, PREFIX);
        one(0x27, "daa", "", Op.DAA);
        one(0x2F, "das", "", Op.DAS);
        one(0x37, "aaa", "", Op.AAA);
        one(0x3F, "aas", "", Op.AAS);
        for (int r = 0; r < 8; r++) {
            one(0x40 + r, "inc", "Zv", Op.INC_R, r, 0);
            one(0x48 + r, "dec", "Zv", Op.DEC_R, r, 0);
            one(0x50 + r, "push", "Zv", Op.PUSH_R, r, 0);
            one(0x58 + r, "pop", "Zv", Op.POP_R, r, 0);
            one(0x90 + r, r == 0 ? "nop" : "xchg", r == 0 ? "" : "Zv,eAX", r == 0 ? Op.NOP : Op.XCHG_EAX_R, r, 0);
            one(0xB0 + r, "mov", "Zb,Ib", Op.MOV_R8_IB, r, 0);
            one(0xB8 + r, "mov", "Zv,Iz", Op.MOV_R_IZ, r, 0);
        }
        one(0x60, "pusha", "", Op.PUSHA);
        one(0x61, "popa", "", Op.POPA);
        one(0x62, "bound", "Gv,Ma", Op.BOUND);
        one(0x63, "arpl", "Ew,Gw", Op.ARPL);
        one(0x68, "push", "Iz", Op.PUSH_IMM);
        one(0x69, "imul", "Gv,Ev,Iz", Op.IMUL_GV_EV_IMM);
        one(0x6A, "push", "Ibs", Op.PUSH_IMM);
        one(0x6B, "imul", "Gv,Ev,Ibs", Op.IMUL_GV_EV_IMM);
        one(0x6C, "insb", "Yb,DX", Op.INS, 1, REP_OK);
        one(0x6D, "ins", "Yv,DX", Op.INS, 0, REP_OK);
        one(0x6E, "outsb", "DX,Xb", Op.OUTS, 1, REP_OK);
        one(0x6F, "outs", "DX,Xv", Op.OUTS, 0, REP_OK);
        for (int c = 0; c < 16; c++) one(0x70 + c, "j" + CC[c], "Jb", Op.JCC, c, 0);
        group(ONE, 0x80, "Eb,Ib", grp1("Eb,Ib", Op.ALU_EB_IB));
        group(ONE, 0x81, "Ev,Iz", grp1("Ev,Iz", Op.ALU_EV_IZ));
        group(ONE, 0x82, "Eb,Ib", grp1("Eb,Ib", Op.ALU_EB_IB));
        group(ONE, 0x83, "Ev,Ibs", grp1("Ev,Ibs", Op.ALU_EV_IBS));
        one(0x84, "test", "Eb,Gb", Op.TEST_EB_GB);
        one(0x85, "test", "Ev,Gv", Op.TEST_EV_GV);
        one(0x86, "xchg", "Eb,Gb", Op.XCHG_EB_GB, 0, LOCKABLE);
        one(0x87, "xchg", "Ev,Gv", Op.XCHG_EV_GV, 0, LOCKABLE);
        one(0x88, "mov", "Eb,Gb", Op.MOV_EB_GB);
        one(0x89, "mov", "Ev,Gv", Op.MOV_EV_GV);
        one(0x8A, "mov", "Gb,Eb", Op.MOV_GB_EB);
        one(0x8B, "mov", "Gv,Ev", Op.MOV_GV_EV);
        one(0x8C, "mov", "Ev,Sw", Op.MOV_EW_SREG);
        one(0x8D, "lea", "Gv,M", Op.LEA);
        one(0x8E, "mov", "Sw,Ew", Op.MOV_SREG_EW);
        group(ONE, 0x8F, "Ev", e("pop", "Ev", Op.POP_EV), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        one(0x98, "cwde", "", Op.CBW);
        one(0x99, "cdq", "", Op.CWD);
        one(0x9A, "lcall", "Ap", Op.CALLF_AP);
        one(0x9B, "fwait", "", Op.FWAIT);
        one(0x9C, "pushf", "", Op.PUSHF);
        one(0x9D, "popf", "", Op.POPF);
        one(0x9E, "sahf", "", Op.SAHF);
        one(0x9F, "lahf", "", Op.LAHF);
        one(0xA0, "mov", "AL,Ob", Op.MOV_AL_MOFFS);
        one(0xA1, "mov", "eAX,Ov", Op.MOV_EAX_MOFFS);
        one(0xA2, "mov", "Ob,AL", Op.MOV_MOFFS_AL);
        one(0xA3, "mov", "Ov,eAX", Op.MOV_MOFFS_EAX);
        one(0xA4, "movsb", "Yb,Xb", Op.MOVS, 1, REP_OK);
        one(0xA5, "movs", "Yv,Xv", Op.MOVS, 0, REP_OK);
        one(0xA6, "cmpsb", "Xb,Yb", Op.CMPS, 1, REP_OK);
        one(0xA7, "cmps", "Xv,Yv", Op.CMPS, 0, REP_OK);
        one(0xA8, "test", "AL,Ib", Op.TEST_AL_IB);
        one(0xA9, "test", "eAX,Iz", Op.TEST_EAX_IZ);
        one(0xAA, "stosb", "Yb,AL", Op.STOS, 1, REP_OK);
        one(0xAB, "stos", "Yv,eAX", Op.STOS, 0, REP_OK);
        one(0xAC, "lodsb", "AL,Xb", Op.LODS, 1, REP_OK);
        one(0xAD, "lods", "eAX,Xv", Op.LODS, 0, REP_OK);
        one(0xAE, "scasb", "AL,Yb", Op.SCAS, 1, REP_OK);
        one(0xAF, "scas", "eAX,Yv", Op.SCAS, 0, REP_OK);
        group(ONE, 0xC0, "Eb,Ib", grp2("Eb,Ib", Op.SHIFT_EB_IB));
        group(ONE, 0xC1, "Ev,Ib", grp2("Ev,Ib", Op.SHIFT_EV_IB));
        one(0xC2, "ret", "Iw", Op.RET_IW);
        one(0xC3, "ret", "", Op.RET);
        one(0xC4, "les", "Gv,Mp", Op.LES);
        one(0xC5, "lds", "Gv,Mp", Op.LDS);
        group(ONE, 0xC6, "Eb,Ib", e("mov", "Eb,Ib", Op.MOV_EB_IB), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        group(ONE, 0xC7, "Ev,Iz", e("mov", "Ev,Iz", Op.MOV_EV_IZ), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        one(0xC8, "enter", "Iw,Ib", Op.ENTER);
        one(0xC9, "leave", "", Op.LEAVE);
        one(0xCA, "lret", "Iw", Op.RETF_IW);
        one(0xCB, "lret", "", Op.RETF);
        one(0xCC, "int3", "", Op.INT3);
        one(0xCD, "int", "Ib", Op.INT_IB);
        one(0xCE, "into", "", Op.INTO);
        one(0xCF, "iret", "", Op.IRET);
        group(ONE, 0xD0, "Eb,1", grp2("Eb,1", Op.SHIFT_EB_1));
        group(ONE, 0xD1, "Ev,1", grp2("Ev,1", Op.SHIFT_EV_1));
        group(ONE, 0xD2, "Eb,CL", grp2("Eb,CL", Op.SHIFT_EB_CL));
        group(ONE, 0xD3, "Ev,CL", grp2("Ev,CL", Op.SHIFT_EV_CL));
        one(0xD4, "aam", "Ib", Op.AAM);
        one(0xD5, "aad", "Ib", Op.AAD);
        one(0xD6, "salc", "", Op.SALC);
        one(0xD7, "xlat", "", Op.XLAT);
        for (int x = 0xD8; x <= 0xDF; x++) one(x, "(x87)", "Ex", Op.ESC, x & 7, 0);
        one(0xE0, "loopne", "Jb", Op.LOOPNE);
        one(0xE1, "loope", "Jb", Op.LOOPE);
        one(0xE2, "loop", "Jb", Op.LOOP);
        one(0xE3, "jecxz", "Jb", Op.JECXZ);
        one(0xE4, "in", "AL,Ib", Op.IN_AL_IB);
        one(0xE5, "in", "eAX,Ib", Op.IN_EAX_IB);
        one(0xE6, "out", "Ib,AL", Op.OUT_IB_AL);
        one(0xE7, "out", "Ib,eAX", Op.OUT_IB_EAX);
        one(0xE8, "call", "Jz", Op.CALL_JZ);
        one(0xE9, "jmp", "Jz", Op.JMP_JZ);
        one(0xEA, "ljmp", "Ap", Op.JMPF_AP);
        one(0xEB, "jmp", "Jb", Op.JMP_JB);
        one(0xEC, "in", "AL,DX", Op.IN_AL_DX);
        one(0xED, "in", "eAX,DX", Op.IN_EAX_DX);
        one(0xEE, "out", "DX,AL", Op.OUT_DX_AL);
        one(0xEF, "out", "DX,eAX", Op.OUT_DX_EAX);
        one(0xF1, "int1", "", Op.INT1);
        one(0xF4, "hlt", "", Op.HLT);
        one(0xF5, "cmc", "", Op.CMC);
        group(ONE, 0xF6, "Eb", e("test", "Eb,Ib", Op.TEST_EB_IB), e("test", "Eb,Ib", Op.TEST_EB_IB),
                e("not", "Eb", Op.NOT_EB, 0, LOCKABLE), e("neg", "Eb", Op.NEG_EB, 0, LOCKABLE), e("mul", "Eb", Op.MUL_EB),
                e("imul", "Eb", Op.IMUL_EB), e("div", "Eb", Op.DIV_EB), e("idiv", "Eb", Op.IDIV_EB));
        group(ONE, 0xF7, "Ev", e("test", "Ev,Iz", Op.TEST_EV_IZ), e("test", "Ev,Iz", Op.TEST_EV_IZ),
                e("not", "Ev", Op.NOT_EV, 0, LOCKABLE), e("neg", "Ev", Op.NEG_EV, 0, LOCKABLE), e("mul", "Ev", Op.MUL_EV),
                e("imul", "Ev", Op.IMUL_EV), e("div", "Ev", Op.DIV_EV), e("idiv", "Ev", Op.IDIV_EV));
        one(0xF8, "clc", "", Op.CLC);
        one(0xF9, "stc", "", Op.STC);
        one(0xFA, "cli", "", Op.CLI);
        one(0xFB, "sti", "", Op.STI);
        one(0xFC, "cld", "", Op.CLD);
        one(0xFD, "std", "", Op.STD);
        group(ONE, 0xFE, "Eb", e("inc", "Eb", Op.INC_EB, 0, LOCKABLE), e("dec", "Eb", Op.DEC_EB, 0, LOCKABLE),
                UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        group(ONE, 0xFF, "Ev", e("inc", "Ev", Op.INC_EV, 0, LOCKABLE), e("dec", "Ev", Op.DEC_EV, 0, LOCKABLE),
                e("call", "Ev", Op.CALL_EV), e("lcall", "Mp", Op.CALLF_EP), e("jmp", "Ev", Op.JMP_EV),
                e("ljmp", "Mp", Op.JMPF_EP), e("push", "Ev", Op.PUSH_EV), UD_ROW);

        // ---- two-byte map (0x0F xx)
        group(TWO, 0x00, "Ew", e("sldt", "Ew", Op.SLDT), e("str", "Ew", Op.STR), e("lldt", "Ew", Op.LLDT),
                e("ltr", "Ew", Op.LTR), e("verr", "Ew", Op.VERR), e("verw", "Ew", Op.VERW), UD_ROW, UD_ROW);
        group(TWO, 0x01, "M", e("sgdt", "M", Op.SGDT), e("sidt", "M", Op.SIDT), e("lgdt", "M", Op.LGDT),
                e("lidt", "M", Op.LIDT), e("smsw", "Ew", Op.SMSW), UD_ROW, e("lmsw", "Ew", Op.LMSW), e("invlpg", "M", Op.INVLPG));
        two(0x02, "lar", "Gv,Ew", Op.LAR);
        two(0x03, "lsl", "Gv,Ew", Op.LSL);
        two(0x06, "clts", "", Op.CLTS);
        two(0x08, "invd", "", Op.INVD);
        two(0x09, "wbinvd", "", Op.WBINVD);
        two(0x0B, "ud2", "", Op.UD);
        for (int h = 0x18; h <= 0x1F; h++) two(h, "nop", "Ev", Op.NOP);
        two(0x20, "mov", "Rd,Cd", Op.MOV_R_CR);
        two(0x21, "mov", "Rd,Dd", Op.MOV_R_DR);
        two(0x22, "mov", "Cd,Rd", Op.MOV_CR_R);
        two(0x23, "mov", "Dd,Rd", Op.MOV_DR_R);
        two(0x30, "wrmsr", "", Op.WRMSR);
        two(0x31, "rdtsc", "", Op.RDTSC);
        two(0x32, "rdmsr", "", Op.RDMSR);
        two(0x33, "rdpmc", "", Op.RDPMC);
        for (int c = 0; c < 16; c++) {
            two(0x40 + c, "cmov" + CC[c], "Gv,Ev", Op.CMOV, c, 0);
            two(0x80 + c, "j" + CC[c], "Jz", Op.JCC, c, 0);
            two(0x90 + c, "set" + CC[c], "Eb", Op.SETCC, c, 0);
        }
        two(0xA0, "push", "FS", Op.PUSH_SREG, 4, 0);
        two(0xA1, "pop", "FS", Op.POP_SREG, 4, 0);
        two(0xA2, "cpuid", "", Op.CPUID);
        two(0xA3, "bt", "Ev,Gv", Op.BT_EV_GV);
        two(0xA4, "shld", "Ev,Gv,Ib", Op.SHLD_IB);
        two(0xA5, "shld", "Ev,Gv,CL", Op.SHLD_CL);
        two(0xA8, "push", "GS", Op.PUSH_SREG, 5, 0);
        two(0xA9, "pop", "GS", Op.POP_SREG, 5, 0);
        two(0xAB, "bts", "Ev,Gv", Op.BTS_EV_GV, 0, LOCKABLE);
        two(0xAC, "shrd", "Ev,Gv,Ib", Op.SHRD_IB);
        two(0xAD, "shrd", "Ev,Gv,CL", Op.SHRD_CL);
        two(0xAF, "imul", "Gv,Ev", Op.IMUL_GV_EV);
        two(0xB0, "cmpxchg", "Eb,Gb", Op.CMPXCHG_EB_GB, 0, LOCKABLE);
        two(0xB1, "cmpxchg", "Ev,Gv", Op.CMPXCHG_EV_GV, 0, LOCKABLE);
        two(0xB2, "lss", "Gv,Mp", Op.LSS);
        two(0xB3, "btr", "Ev,Gv", Op.BTR_EV_GV, 0, LOCKABLE);
        two(0xB4, "lfs", "Gv,Mp", Op.LFS);
        two(0xB5, "lgs", "Gv,Mp", Op.LGS);
        two(0xB6, "movzb", "Gv,Eb", Op.MOVZX_B);
        two(0xB7, "movzw", "Gv,Ew", Op.MOVZX_W);
        two(0xB9, "ud1", "Gv,Ev", Op.UD);
        group(TWO, 0xBA, "Ev,Ib", UD_ROW, UD_ROW, UD_ROW, UD_ROW, e("bt", "Ev,Ib", Op.BT_EV_IB),
                e("bts", "Ev,Ib", Op.BTS_EV_IB, 0, LOCKABLE), e("btr", "Ev,Ib", Op.BTR_EV_IB, 0, LOCKABLE),
                e("btc", "Ev,Ib", Op.BTC_EV_IB, 0, LOCKABLE));
        two(0xBB, "btc", "Ev,Gv", Op.BTC_EV_GV, 0, LOCKABLE);
        two(0xBC, "bsf", "Gv,Ev", Op.BSF);
        two(0xBD, "bsr", "Gv,Ev", Op.BSR);
        two(0xBE, "movsb", "Gv,Eb", Op.MOVSX_B);
        two(0xBF, "movsw", "Gv,Ew", Op.MOVSX_W);
        two(0xC0, "xadd", "Eb,Gb", Op.XADD_EB_GB, 0, LOCKABLE);
        two(0xC1, "xadd", "Ev,Gv", Op.XADD_EV_GV, 0, LOCKABLE);
        group(TWO, 0xC7, "Mq", UD_ROW, e("cmpxchg8b", "Mq", Op.CMPXCHG8B, 0, LOCKABLE), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        for (int r = 0; r < 8; r++) two(0xC8 + r, "bswap", "Zd", Op.BSWAP, r, 0);
        two(0xFF, "ud0", "Gv,Ev", Op.UD);

        for (int i = 0; i < 256; i++) {
            if (ONE[i] == null) ONE[i] = UD_ROW;
            if (TWO[i] == null) TWO[i] = UD_ROW;
        }
    }

    private static Entry[] grp1(String ops, int op) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) g[k] = e(ALU[k], ops, op, k, k == 7 ? 0 : LOCKABLE);
        return g;
    }

    private static Entry[] grp2(String ops, int op) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) g[k] = e(SHIFT[k], ops, op, k, 0);
        return g;
    }

    /** The row for a one-byte opcode (0x00-0xFF) or a two-byte one (0x100 | second byte). */
    public static Entry entry(int opcode) {
        return opcode >= 0x100 ? TWO[opcode & 0xFF] : ONE[opcode];
    }

    /** The row a group opcode selects with ModRM.reg. */
    public static Entry groupEntry(int opcode, int reg) {
        Entry e = entry(opcode);
        return e.group != null ? e.group[reg & 7] : e;
    }
}
