package i386mon.machine.cpu;

/**
 * Every opcode the CPU knows, and every fact about it, in one place. Two parts:
 *
 * <ul>
 *   <li>{@link Op}, the handlers: what the interpreter's dispatch switch runs, one line each with the
 *   facts that belong to the handler: whether it ends a decoded block, whether it may raise an
 *   exception, which flags it reads and writes, whether it is a specialised fast form, whether the
 *   block compiler emits it itself.
 *   <li>The opcode maps {@code ONE} and {@code TWO} (index = opcode byte), one {@link Entry} row per
 *   encoding: mnemonic and operands, handler and sub-code, lockable, rep-able, memory only,
 *   operand/address size rules, the CPU modes it is valid in, its fast forms, its disassembly
 *   names (by operand or address size, AT&T and Intel), and the exact flags this row reads and writes.
 *   Prefix bytes and the 0x0F escape are rows too; the decoder reads their kind from here.
 * </ul>
 *
 * <p>The decoder, {@link Specializer}, {@link CodeCache}, {@link BlockCompiler}, the {@link
 * Disassembler} and the tests all read these columns; nothing else lists opcode facts.
 *
 * <p>Operand notation: E = ModRM r/m, G = ModRM reg, S = segment register (reg), C/D = control/
 * debug register (reg), R = ModRM r/m register only, M = memory only; sizes b w d v (16/32 by
 * operand size) p (far pointer) q (64-bit) x (x87); I = immediate (Ibs: byte sign-extended), J =
 * relative, A = far pointer immediate, O = moffs, X/Y = DS:eSI / ES:eDI string operands, Z = register
 * in the opcode's low 3 bits; AL, CL, DX, eAX, 1, and segment names are fixed operands.
 *
 * <p>Flag columns are strings of the letters O D I T S Z A P C ({@code *}: all of them). "Writes"
 * lists every flag the instruction may change, defined or left undefined by the SDM.
 */
public final class OpcodeTable {
    private OpcodeTable() { }

    // ---- handler facts (Op columns)
    /** The decoded block ends after it: a control transfer, or a change to fetch, translation or interrupt delivery. */
    static final int END = 1;
    /** May raise a guest exception (memory access, privilege, #UD, #DE, a branch beyond the CS limit ...). */
    static final int FAULT = 2;
    /** A specialised 32-bit register form, executed by {@link FastOps}; never a row of the maps. */
    static final int FAST = 4;
    /** The block compiler has a case of its own for it (otherwise it calls the handler and may leave the block). */
    static final int COMPILED = 8;

    private static final String ARITH = "OSZAPC", INCDEC = "OSZAP", COND = "OSZPC";

    /**
     * Handlers: what the interpreter runs. The interpreter switches on these (the ordinal is the
     * switch index); nothing depends on their order.
     */
    enum Op {
        UD(END | FAULT, "", ""),
        NOP(0, "", ""),
        ALU_EB_GB(FAULT, "C", ARITH), ALU_EV_GV(FAULT, "C", ARITH), ALU_GB_EB(FAULT, "C", ARITH), ALU_GV_EV(FAULT, "C", ARITH),
        ALU_AL_IB(0, "C", ARITH), ALU_EAX_IZ(0, "C", ARITH),
        ALU_EB_IB(FAULT, "C", ARITH), ALU_EV_IZ(FAULT, "C", ARITH), ALU_EV_IBS(FAULT, "C", ARITH),
        INC_R(0, "", INCDEC), DEC_R(0, "", INCDEC),
        PUSH_R(FAULT, "", ""), POP_R(FAULT, "", ""),
        PUSH_SREG(FAULT, "", ""), POP_SREG(END | FAULT, "", ""),
        PUSHA(FAULT, "", ""), POPA(FAULT, "", ""),
        BOUND(END | FAULT, "", ""),
        ARPL(FAULT, "", "Z"),
        PUSH_IMM(FAULT, "", ""),
        IMUL_GV_EV_IMM(FAULT, "", ARITH),
        INS(FAULT, "D", ""), OUTS(FAULT, "D", ""),
        JCC(END | FAULT | COMPILED, COND, ""),
        TEST_EB_GB(FAULT, "", ARITH), TEST_EV_GV(FAULT, "", ARITH),
        XCHG_EB_GB(FAULT, "", ""), XCHG_EV_GV(FAULT, "", ""),
        MOV_EB_GB(FAULT, "", ""), MOV_EV_GV(FAULT, "", ""), MOV_GB_EB(FAULT, "", ""), MOV_GV_EV(FAULT, "", ""),
        MOV_EW_SREG(FAULT, "", ""),
        LEA(0, "", ""),
        MOV_SREG_EW(END | FAULT, "", ""),
        POP_EV(FAULT, "", ""),
        XCHG_EAX_R(0, "", ""),
        CBW(0, "", ""), CWD(0, "", ""),
        CALLF_AP(END | FAULT, "", ""),
        FWAIT(FAULT, "", ""),
        PUSHF(FAULT, "*", ""), POPF(END | FAULT, "", "*"),
        SAHF(0, "", "SZAPC"), LAHF(0, "SZAPC", ""),
        MOV_AL_MOFFS(FAULT, "", ""), MOV_EAX_MOFFS(FAULT, "", ""), MOV_MOFFS_AL(FAULT, "", ""), MOV_MOFFS_EAX(FAULT, "", ""),
        MOVS(FAULT, "D", ""), CMPS(FAULT, "D", ARITH),
        TEST_AL_IB(0, "", ARITH), TEST_EAX_IZ(0, "", ARITH),
        STOS(FAULT, "D", ""), LODS(FAULT, "D", ""), SCAS(FAULT, "D", ARITH),
        MOV_R8_IB(0, "", ""), MOV_R_IZ(0, "", ""),
        SHIFT_EB_IB(FAULT, "C", ARITH), SHIFT_EV_IB(FAULT, "C", ARITH),
        RET_IW(END | FAULT, "", ""), RET(END | FAULT, "", ""),
        LES(FAULT, "", ""), LDS(FAULT, "", ""),
        MOV_EB_IB(FAULT, "", ""), MOV_EV_IZ(FAULT, "", ""),
        ENTER(FAULT, "", ""), LEAVE(FAULT, "", ""),
        RETF_IW(END | FAULT, "", ""), RETF(END | FAULT, "", ""),
        INT3(END | FAULT, "", "IT"), INT_IB(END | FAULT, "", "IT"), INTO(END | FAULT, "O", "IT"),
        IRET(END | FAULT, "", "*"),
        SHIFT_EB_1(FAULT, "C", ARITH), SHIFT_EV_1(FAULT, "C", ARITH), SHIFT_EB_CL(FAULT, "C", ARITH), SHIFT_EV_CL(FAULT, "C", ARITH),
        AAM(FAULT, "", ARITH), AAD(0, "", ARITH),
        SALC(0, "C", ""),
        XLAT(FAULT, "", ""),
        ESC(FAULT, "", ""),
        LOOPNE(END | FAULT, "Z", ""), LOOPE(END | FAULT, "Z", ""), LOOP(END | FAULT, "", ""), JECXZ(END | FAULT, "", ""),
        IN_AL_IB(FAULT, "", ""), IN_EAX_IB(FAULT, "", ""), OUT_IB_AL(FAULT, "", ""), OUT_IB_EAX(FAULT, "", ""),
        CALL_JZ(END | FAULT, "", ""), JMP_JZ(END | FAULT | COMPILED, "", ""),
        JMPF_AP(END | FAULT, "", ""), JMP_JB(END | FAULT | COMPILED, "", ""),
        IN_AL_DX(FAULT, "", ""), IN_EAX_DX(FAULT, "", ""), OUT_DX_AL(FAULT, "", ""), OUT_DX_EAX(FAULT, "", ""),
        INT1(END | FAULT, "", "IT"),
        HLT(END | FAULT, "", ""),
        CMC(0, "C", "C"),
        TEST_EB_IB(FAULT, "", ARITH), TEST_EV_IZ(FAULT, "", ARITH),
        NOT_EB(FAULT, "", ""), NOT_EV(FAULT, "", ""), NEG_EB(FAULT, "", ARITH), NEG_EV(FAULT, "", ARITH),
        MUL_EB(FAULT, "", ARITH), MUL_EV(FAULT, "", ARITH), IMUL_EB(FAULT, "", ARITH), IMUL_EV(FAULT, "", ARITH),
        DIV_EB(END | FAULT, "", ARITH), DIV_EV(END | FAULT, "", ARITH), IDIV_EB(END | FAULT, "", ARITH), IDIV_EV(END | FAULT, "", ARITH),
        CLC(0, "", "C"), STC(0, "", "C"),
        CLI(FAULT, "", "I"), STI(END | FAULT, "", "I"),
        CLD(0, "", "D"), STD(0, "", "D"),
        INC_EB(FAULT, "", INCDEC), DEC_EB(FAULT, "", INCDEC), INC_EV(FAULT, "", INCDEC), DEC_EV(FAULT, "", INCDEC),
        CALL_EV(END | FAULT, "", ""), CALLF_EP(END | FAULT, "", ""), JMP_EV(END | FAULT, "", ""), JMPF_EP(END | FAULT, "", ""),
        PUSH_EV(FAULT, "", ""),
        DAA(0, "AC", ARITH), DAS(0, "AC", ARITH), AAA(0, "AC", ARITH), AAS(0, "AC", ARITH),
        SLDT(FAULT, "", ""), STR(FAULT, "", ""), LLDT(END | FAULT, "", ""), LTR(END | FAULT, "", ""),
        VERR(FAULT, "", "Z"), VERW(FAULT, "", "Z"),
        SGDT(FAULT, "", ""), SIDT(FAULT, "", ""), LGDT(END | FAULT, "", ""), LIDT(END | FAULT, "", ""),
        SMSW(FAULT, "", ""), LMSW(END | FAULT, "", ""),
        INVLPG(END | FAULT, "", ""),
        LAR(FAULT, "", "Z"), LSL(FAULT, "", "Z"),
        CLTS(END | FAULT, "", ""), INVD(FAULT, "", ""), WBINVD(FAULT, "", ""),
        MOV_R_CR(FAULT, "", ""), MOV_R_DR(FAULT, "", ""), MOV_CR_R(END | FAULT, "", ""), MOV_DR_R(FAULT, "", ""),
        WRMSR(END | FAULT, "", ""), RDTSC(FAULT, "", ""), RDMSR(FAULT, "", ""), RDPMC(FAULT, "", ""),
        CMOV(FAULT, COND, ""), SETCC(FAULT, COND, ""),
        CPUID(0, "", ""),
        BT_EV_GV(FAULT, "", "OSAPC"), BTS_EV_GV(FAULT, "", "OSAPC"), BTR_EV_GV(FAULT, "", "OSAPC"), BTC_EV_GV(FAULT, "", "OSAPC"),
        BT_EV_IB(FAULT, "", "OSAPC"), BTS_EV_IB(FAULT, "", "OSAPC"), BTR_EV_IB(FAULT, "", "OSAPC"), BTC_EV_IB(FAULT, "", "OSAPC"),
        SHLD_IB(FAULT, "", ARITH), SHLD_CL(FAULT, "", ARITH), SHRD_IB(FAULT, "", ARITH), SHRD_CL(FAULT, "", ARITH),
        IMUL_GV_EV(FAULT, "", ARITH),
        CMPXCHG_EB_GB(FAULT, "", ARITH), CMPXCHG_EV_GV(FAULT, "", ARITH), CMPXCHG8B(FAULT, "", "Z"),
        LSS(END | FAULT, "", ""), LFS(FAULT, "", ""), LGS(FAULT, "", ""),
        MOVZX_B(FAULT, "", ""), MOVZX_W(FAULT, "", ""), MOVSX_B(FAULT, "", ""), MOVSX_W(FAULT, "", ""),
        BSF(FAULT, "", ARITH), BSR(FAULT, "", ARITH),
        XADD_EB_GB(FAULT, "", ARITH), XADD_EV_GV(FAULT, "", ARITH),
        BSWAP(0, "", ""),

        // Fast forms: what Specializer substitutes for 32-bit register operands of the rows that name them.
        ADD32_RR(FAST | COMPILED, "", ARITH), OR32_RR(FAST | COMPILED, "", ARITH), AND32_RR(FAST | COMPILED, "", ARITH),
        SUB32_RR(FAST | COMPILED, "", ARITH), XOR32_RR(FAST | COMPILED, "", ARITH), CMP32_RR(FAST | COMPILED, "", ARITH),
        TEST32_RR(FAST | COMPILED, "", ARITH),
        ADD32_RI(FAST | COMPILED, "", ARITH), OR32_RI(FAST | COMPILED, "", ARITH), AND32_RI(FAST | COMPILED, "", ARITH),
        SUB32_RI(FAST | COMPILED, "", ARITH), XOR32_RI(FAST | COMPILED, "", ARITH), CMP32_RI(FAST | COMPILED, "", ARITH),
        INC32_R(FAST | COMPILED, "", INCDEC), DEC32_R(FAST | COMPILED, "", INCDEC),
        MOV32_RR(FAST | COMPILED, "", ""), MOV32_RI(FAST | COMPILED, "", ""),
        MOV32_RM(FAST | COMPILED | FAULT, "", ""), MOV32_MR(FAST | COMPILED | FAULT, "", ""),
        ROL32_RI(FAST | COMPILED, "", "OC"),
        SHL32_RI(FAST | COMPILED, "", ARITH), SHR32_RI(FAST | COMPILED, "", ARITH), SAR32_RI(FAST | COMPILED, "", ARITH),
        PUSH32_R(FAST | COMPILED | FAULT, "", ""), POP32_R(FAST | COMPILED | FAULT, "", "");

        final int facts;
        /** Flags (EFLAGS bits) this handler may read / write, over all its rows. */
        final int reads, writes;
        /** Cached {@link #FAST} bit: the run loop tests it per instruction. */
        final boolean fast;
        final boolean endsBlock;

        Op(int facts, String reads, String writes) {
            this.facts = facts;
            this.reads = flagMask(reads);
            this.writes = flagMask(writes);
            this.fast = (facts & FAST) != 0;
            this.endsBlock = (facts & END) != 0;
        }

        boolean mayFault() { return (facts & FAULT) != 0; }

        boolean compiled() { return (facts & COMPILED) != 0; }

        /**
         * EFLAGS bits named by letters O D I T S Z A P C, or every one of them for "*". Here, not in
         * OpcodeTable: the enum must initialise without initialising the table, whose rows need it.
         */
        static int flagMask(String letters) {
            int m = 0;
            for (char ch : letters.toCharArray()) {
                switch (ch) {
                    case 'O': m |= Cpu.OF; break;
                    case 'D': m |= Cpu.DF; break;
                    case 'I': m |= Cpu.IF; break;
                    case 'T': m |= Cpu.TF; break;
                    case 'S': m |= Cpu.SF; break;
                    case 'Z': m |= Cpu.ZF; break;
                    case 'A': m |= Cpu.AF; break;
                    case 'P': m |= Cpu.PF; break;
                    case 'C': m |= Cpu.CF; break;
                    case '*': m |= Cpu.OF | Cpu.DF | Cpu.IF | Cpu.TF | Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF | Cpu.CF; break;
                    default: throw new IllegalArgumentException("flag letter " + ch);
                }
            }
            return m;
        }
    }

    // ---- row attributes (Entry columns)
    static final int LOCKABLE = 1, PREFIX = 2, GROUP = 4, NEEDS_MEM = 8, REP_OK = 16;
    /** Recognised only in protected mode: #UD in real-address and virtual-8086 mode (SDM vol. 2, each instruction's exceptions). */
    static final int PM_ONLY = 32;
    /** Needs CPL 0: #GP(0) elsewhere (and so always in virtual-8086 mode). */
    static final int PRIV = 64;
    /** The operand-size attribute (0x66) changes what it does, beyond any v/z/p-sized operand (SLDT/STR/SMSW: a 32-bit register gets all 32 bits). */
    static final int OSIZE = 128;
    /** The address-size attribute (0x67) changes what it does, beyond a ModRM memory operand: counter or pointer registers. */
    static final int ASIZE = 256;
    /** An indirect near branch: AT&T writes its operand with '*'. */
    static final int INDIRECT = 512;
    /** AT&T spells no size suffix from the memory operand (the name carries the size already). */
    static final int NO_SUFFIX = 1024;

    /** CPU modes (a row's {@link Entry#modes}). */
    static final int MODE_REAL = 1, MODE_V86 = 2, MODE_PROTECTED = 4, ALL_MODES = 7;

    /** What a prefix row does to the decoder. */
    enum Prefix { NONE, SEGMENT, OPERAND_SIZE, ADDRESS_SIZE, LOCK, REPEAT, ESCAPE }

    /** One row of the table. {@code operands} are comma-separated in Intel order (dest first). */
    public static final class Entry {
        public final String mnemonic;
        public final String[] operands;
        final Op op;
        final int sub;
        final int flags;
        /** For group rows: the eight entries chosen by ModRM.reg. */
        Entry[] group;
        // derived by the decoder's needs
        final boolean modrm;
        /** Only ModRM.rm as a register (R operands): ModRM.mod is ignored. */
        final boolean registerOnly;
        final int immKind1, immKind2;
        /** Prefix rows: what the byte does; {@link #sub} is the segment register or the repeat kind. */
        Prefix prefix = Prefix.NONE;
        /** Fast forms for a 32-bit operand size without LOCK: register (ModRM.mod 3 or no ModRM) and memory form. */
        Op fastReg, fastMem;
        /** Exact flags this row reads and writes (EFLAGS bits): its handler's, narrowed by the sub-code. */
        int reads, writes;
        /** Disassembly names with a 32-bit and a 16-bit size attribute (operand size, or address size if {@link #namesByAddressSize}). */
        String att, att16, intel, intel16;
        boolean namesByAddressSize;
        /** Modes it is valid in (MODE_ bits); elsewhere #UD. */
        final int modes;

        Entry(String mnemonic, String operands, Op op, int sub, int flags) {
            this.mnemonic = mnemonic;
            this.operands = operands.isEmpty() ? new String[0] : operands.split(",");
            this.op = op;
            this.sub = sub;
            int f = flags;
            boolean m = false, regOnly = false;
            int k1 = IMM_NONE, k2 = IMM_NONE;
            for (String o : this.operands) {
                char c = o.charAt(0);
                if (o.equals("M") || o.length() > 1 && Character.isLowerCase(o.charAt(1)) && "EGSCDRM".indexOf(c) >= 0) m = true;
                if (c == 'M' && o.length() <= 2) f |= NEEDS_MEM;
                if (c == 'R') regOnly = true;
                int k = immKind(o);
                if (k != IMM_NONE) {
                    if (k1 == IMM_NONE) k1 = k; else k2 = k;
                }
            }
            this.flags = f;
            this.modrm = m;
            this.registerOnly = regOnly;
            this.immKind1 = k1;
            this.immKind2 = k2;
            this.reads = op.reads;
            this.writes = op.writes;
            this.att = this.att16 = this.intel = this.intel16 = mnemonic;
            this.modes = (f & PM_ONLY) != 0 ? MODE_PROTECTED : ALL_MODES;
        }

        public boolean isGroup() { return group != null; }

        boolean is(int attribute) { return (flags & attribute) != 0; }

        /** A string instruction (X/Y operands): the only rows REP may repeat. */
        boolean isString() { return is(REP_OK); }

        /** A string row whose REP also stops on ZF (REPE/REPNE): the compares, i.e. the rows that write ZF. */
        boolean repeatTestsZf() { return isString() && (writes & Cpu.ZF) != 0; }

        /** Whether the operand-size attribute matters: a v/z/p-sized operand or an implicit use. */
        boolean usesOperandSize() {
            if (is(OSIZE)) return true;
            for (String o : operands) if (o.length() > 1 && "vzp".indexOf(o.charAt(o.length() - 1)) >= 0 || o.equals("eAX")) return true;
            return false;
        }

        /** Whether the address-size attribute matters: a memory operand, moffs, string operands or an implicit counter. */
        boolean usesAddressSize() {
            if (is(ASIZE)) return true;
            for (String o : operands) if ("EMOXY".indexOf(o.charAt(0)) >= 0) return true;
            return false;
        }

        boolean endsBlock() { return op.endsBlock; }

        boolean mayFault() { return op.mayFault(); }

        boolean validIn(int mode) { return (modes & mode) != 0; }

        /** The disassembly name for this size attribute (operand size, or address size for counter-named rows). */
        String name(boolean intelSyntax, boolean o32, boolean a32) {
            boolean wide = namesByAddressSize ? a32 : o32;
            return intelSyntax ? (wide ? intel : intel16) : (wide ? att : att16);
        }

        // -- column setters used while the table is built
        private Entry fast(Op reg, Op mem) { fastReg = reg; fastMem = mem; return this; }

        private Entry flagsUsed(String r, String w) { reads = Op.flagMask(r); writes = Op.flagMask(w); return this; }

        private Entry names(String att32, String attNarrow, String intel32, String intelNarrow) {
            att = att32;
            att16 = attNarrow;
            intel = intel32;
            intel16 = intelNarrow;
            return this;
        }

        private Entry intelName(String name) { intel = intel16 = name; return this; }

        private Entry prefix(Prefix kind) { prefix = kind; return this; }

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

    /** Flags each condition code reads (SDM vol. 1, appendix B). */
    private static final String[] CC_READS = {"O", "O", "C", "C", "Z", "Z", "CZ", "CZ", "S", "S", "P", "P", "SO", "SO", "ZSO", "ZSO"};
    /** Fast forms by ALU sub-code (ADD OR ADC SBB AND SUB XOR CMP): register-register and register-immediate; ADC/SBB have none. */
    private static final Op[] ALU_RR = {Op.ADD32_RR, Op.OR32_RR, null, null, Op.AND32_RR, Op.SUB32_RR, Op.XOR32_RR, Op.CMP32_RR};
    private static final Op[] ALU_RI = {Op.ADD32_RI, Op.OR32_RI, null, null, Op.AND32_RI, Op.SUB32_RI, Op.XOR32_RI, Op.CMP32_RI};
    /** Fast forms of shifts by an immediate, by sub-code (ROL ROR RCL RCR SHL SHR SAL SAR). */
    private static final Op[] SHIFT_RI = {Op.ROL32_RI, null, null, null, Op.SHL32_RI, Op.SHR32_RI, Op.SHL32_RI, Op.SAR32_RI};

    private static Entry one(int opc, String mn, String ops, Op op, int sub, int flags) {
        return ONE[opc] = new Entry(mn, ops, op, sub, flags);
    }

    private static Entry one(int opc, String mn, String ops, Op op) { return one(opc, mn, ops, op, 0, 0); }

    private static Entry two(int opc, String mn, String ops, Op op, int sub, int flags) {
        return TWO[opc] = new Entry(mn, ops, op, sub, flags);
    }

    private static Entry two(int opc, String mn, String ops, Op op) { return two(opc, mn, ops, op, 0, 0); }

    private static Entry e(String mn, String ops, Op op, int sub, int flags) { return new Entry(mn, ops, op, sub, flags); }

    private static Entry e(String mn, String ops, Op op) { return new Entry(mn, ops, op, 0, 0); }

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
            String reads = k == 2 || k == 3 ? "C" : ""; // ADC, SBB
            one(b, ALU[k], "Eb,Gb", Op.ALU_EB_GB, k, lock).flagsUsed(reads, ARITH);
            one(b + 1, ALU[k], "Ev,Gv", Op.ALU_EV_GV, k, lock).flagsUsed(reads, ARITH).fast(ALU_RR[k], null);
            one(b + 2, ALU[k], "Gb,Eb", Op.ALU_GB_EB, k, 0).flagsUsed(reads, ARITH);
            one(b + 3, ALU[k], "Gv,Ev", Op.ALU_GV_EV, k, 0).flagsUsed(reads, ARITH).fast(ALU_RR[k], null);
            one(b + 4, ALU[k], "AL,Ib", Op.ALU_AL_IB, k, 0).flagsUsed(reads, ARITH);
            one(b + 5, ALU[k], "eAX,Iz", Op.ALU_EAX_IZ, k, 0).flagsUsed(reads, ARITH).fast(ALU_RI[k], null);
        }
        one(0x06, "push", "ES", Op.PUSH_SREG, Cpu.ES, OSIZE);
        one(0x07, "pop", "ES", Op.POP_SREG, Cpu.ES, OSIZE);
        one(0x0E, "push", "CS", Op.PUSH_SREG, Cpu.CS, OSIZE);
        one(0x0F, "(escape)", "", Op.UD, 0, PREFIX).prefix(Prefix.ESCAPE);
        one(0x16, "push", "SS", Op.PUSH_SREG, Cpu.SS, OSIZE);
        one(0x17, "pop", "SS", Op.POP_SREG, Cpu.SS, OSIZE);
        one(0x1E, "push", "DS", Op.PUSH_SREG, Cpu.DS, OSIZE);
        one(0x1F, "pop", "DS", Op.POP_SREG, Cpu.DS, OSIZE);
        one(0x26, "es", "", Op.UD, Cpu.ES, PREFIX).prefix(Prefix.SEGMENT);
        one(0x2E, "cs", "", Op.UD, Cpu.CS, PREFIX).prefix(Prefix.SEGMENT);
        one(0x36, "ss", "", Op.UD, Cpu.SS, PREFIX).prefix(Prefix.SEGMENT);
        one(0x3E, "ds", "", Op.UD, Cpu.DS, PREFIX).prefix(Prefix.SEGMENT);
        one(0x64, "fs", "", Op.UD, Cpu.FS, PREFIX).prefix(Prefix.SEGMENT);
        one(0x65, "gs", "", Op.UD, Cpu.GS, PREFIX).prefix(Prefix.SEGMENT);
        one(0x66, "data16", "", Op.UD, 0, PREFIX).prefix(Prefix.OPERAND_SIZE);
        one(0x67, "addr16", "", Op.UD, 0, PREFIX).prefix(Prefix.ADDRESS_SIZE);
        one(0xF0, "lock", "", Op.UD, 0, PREFIX).prefix(Prefix.LOCK);
        one(0xF2, "repnz", "", Op.UD, 2, PREFIX).prefix(Prefix.REPEAT);
        one(0xF3, "rep", "", Op.UD, 1, PREFIX).prefix(Prefix.REPEAT);
        one(0x27, "daa", "", Op.DAA);
        one(0x2F, "das", "", Op.DAS);
        one(0x37, "aaa", "", Op.AAA);
        one(0x3F, "aas", "", Op.AAS);
        for (int r = 0; r < 8; r++) {
            one(0x40 + r, "inc", "Zv", Op.INC_R, r, 0).fast(Op.INC32_R, null);
            one(0x48 + r, "dec", "Zv", Op.DEC_R, r, 0).fast(Op.DEC32_R, null);
            one(0x50 + r, "push", "Zv", Op.PUSH_R, r, 0).fast(Op.PUSH32_R, null);
            one(0x58 + r, "pop", "Zv", Op.POP_R, r, 0).fast(Op.POP32_R, null);
            if (r == 0) one(0x90, "nop", "", Op.NOP, 0, 0);
            else one(0x90 + r, "xchg", "Zv,eAX", Op.XCHG_EAX_R, r, 0);
            one(0xB0 + r, "mov", "Zb,Ib", Op.MOV_R8_IB, r, 0);
            one(0xB8 + r, "mov", "Zv,Iz", Op.MOV_R_IZ, r, 0).fast(Op.MOV32_RI, null);
        }
        one(0x60, "pusha", "", Op.PUSHA, 0, OSIZE);
        one(0x61, "popa", "", Op.POPA, 0, OSIZE);
        one(0x62, "bound", "Gv,Ma", Op.BOUND);
        one(0x63, "arpl", "Ew,Gw", Op.ARPL, 0, PM_ONLY);
        one(0x68, "push", "Iz", Op.PUSH_IMM);
        one(0x69, "imul", "Gv,Ev,Iz", Op.IMUL_GV_EV_IMM);
        one(0x6A, "push", "Ibs", Op.PUSH_IMM, 0, OSIZE);
        one(0x6B, "imul", "Gv,Ev,Ibs", Op.IMUL_GV_EV_IMM);
        one(0x6C, "insb", "Yb,DX", Op.INS, 1, REP_OK);
        one(0x6D, "ins", "Yv,DX", Op.INS, 0, REP_OK).names("insl", "insw", "insd", "insw");
        one(0x6E, "outsb", "DX,Xb", Op.OUTS, 1, REP_OK);
        one(0x6F, "outs", "DX,Xv", Op.OUTS, 0, REP_OK).names("outsl", "outsw", "outsd", "outsw");
        for (int c = 0; c < 16; c++) one(0x70 + c, "j" + CC[c], "Jb", Op.JCC, c, OSIZE).flagsUsed(CC_READS[c], "");
        group(ONE, 0x80, "Eb,Ib", grp1("Eb,Ib", Op.ALU_EB_IB, false));
        group(ONE, 0x81, "Ev,Iz", grp1("Ev,Iz", Op.ALU_EV_IZ, true));
        group(ONE, 0x82, "Eb,Ib", grp1("Eb,Ib", Op.ALU_EB_IB, false));
        group(ONE, 0x83, "Ev,Ibs", grp1("Ev,Ibs", Op.ALU_EV_IBS, true));
        one(0x84, "test", "Eb,Gb", Op.TEST_EB_GB);
        one(0x85, "test", "Ev,Gv", Op.TEST_EV_GV).fast(Op.TEST32_RR, null);
        one(0x86, "xchg", "Eb,Gb", Op.XCHG_EB_GB, 0, LOCKABLE);
        one(0x87, "xchg", "Ev,Gv", Op.XCHG_EV_GV, 0, LOCKABLE);
        one(0x88, "mov", "Eb,Gb", Op.MOV_EB_GB);
        one(0x89, "mov", "Ev,Gv", Op.MOV_EV_GV).fast(Op.MOV32_RR, Op.MOV32_MR);
        one(0x8A, "mov", "Gb,Eb", Op.MOV_GB_EB);
        one(0x8B, "mov", "Gv,Ev", Op.MOV_GV_EV).fast(Op.MOV32_RR, Op.MOV32_RM);
        one(0x8C, "mov", "Ev,Sw", Op.MOV_EW_SREG);
        one(0x8D, "lea", "Gv,M", Op.LEA);
        one(0x8E, "mov", "Sw,Ew", Op.MOV_SREG_EW);
        group(ONE, 0x8F, "Ev", e("pop", "Ev", Op.POP_EV), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        one(0x98, "cwde", "", Op.CBW, 0, OSIZE).names("cwtl", "cbtw", "cwde", "cbw");
        one(0x99, "cdq", "", Op.CWD, 0, OSIZE).names("cltd", "cwtd", "cdq", "cwd");
        one(0x9A, "lcall", "Ap", Op.CALLF_AP).intelName("call far");
        one(0x9B, "fwait", "", Op.FWAIT);
        one(0x9C, "pushf", "", Op.PUSHF, 0, OSIZE);
        one(0x9D, "popf", "", Op.POPF, 0, OSIZE);
        one(0x9E, "sahf", "", Op.SAHF);
        one(0x9F, "lahf", "", Op.LAHF);
        one(0xA0, "mov", "AL,Ob", Op.MOV_AL_MOFFS);
        one(0xA1, "mov", "eAX,Ov", Op.MOV_EAX_MOFFS);
        one(0xA2, "mov", "Ob,AL", Op.MOV_MOFFS_AL);
        one(0xA3, "mov", "Ov,eAX", Op.MOV_MOFFS_EAX);
        one(0xA4, "movsb", "Yb,Xb", Op.MOVS, 1, REP_OK);
        one(0xA5, "movs", "Yv,Xv", Op.MOVS, 0, REP_OK).names("movsl", "movsw", "movsd", "movsw");
        one(0xA6, "cmpsb", "Xb,Yb", Op.CMPS, 1, REP_OK);
        one(0xA7, "cmps", "Xv,Yv", Op.CMPS, 0, REP_OK).names("cmpsl", "cmpsw", "cmpsd", "cmpsw");
        one(0xA8, "test", "AL,Ib", Op.TEST_AL_IB);
        one(0xA9, "test", "eAX,Iz", Op.TEST_EAX_IZ);
        one(0xAA, "stosb", "Yb,AL", Op.STOS, 1, REP_OK);
        one(0xAB, "stos", "Yv,eAX", Op.STOS, 0, REP_OK).names("stosl", "stosw", "stosd", "stosw");
        one(0xAC, "lodsb", "AL,Xb", Op.LODS, 1, REP_OK);
        one(0xAD, "lods", "eAX,Xv", Op.LODS, 0, REP_OK).names("lodsl", "lodsw", "lodsd", "lodsw");
        one(0xAE, "scasb", "AL,Yb", Op.SCAS, 1, REP_OK);
        one(0xAF, "scas", "eAX,Yv", Op.SCAS, 0, REP_OK).names("scasl", "scasw", "scasd", "scasw");
        group(ONE, 0xC0, "Eb,Ib", grp2("Eb,Ib", Op.SHIFT_EB_IB, false));
        group(ONE, 0xC1, "Ev,Ib", grp2("Ev,Ib", Op.SHIFT_EV_IB, true));
        one(0xC2, "ret", "Iw", Op.RET_IW, 0, OSIZE);
        one(0xC3, "ret", "", Op.RET, 0, OSIZE);
        one(0xC4, "les", "Gv,Mp", Op.LES);
        one(0xC5, "lds", "Gv,Mp", Op.LDS);
        group(ONE, 0xC6, "Eb,Ib", e("mov", "Eb,Ib", Op.MOV_EB_IB), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        group(ONE, 0xC7, "Ev,Iz", e("mov", "Ev,Iz", Op.MOV_EV_IZ), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        one(0xC8, "enter", "Iw,Ib", Op.ENTER, 0, OSIZE);
        one(0xC9, "leave", "", Op.LEAVE, 0, OSIZE);
        one(0xCA, "lret", "Iw", Op.RETF_IW, 0, OSIZE).intelName("retf");
        one(0xCB, "lret", "", Op.RETF, 0, OSIZE).intelName("retf");
        one(0xCC, "int3", "", Op.INT3);
        one(0xCD, "int", "Ib", Op.INT_IB);
        one(0xCE, "into", "", Op.INTO);
        one(0xCF, "iret", "", Op.IRET, 0, OSIZE);
        group(ONE, 0xD0, "Eb,1", grp2("Eb,1", Op.SHIFT_EB_1, false));
        group(ONE, 0xD1, "Ev,1", grp2("Ev,1", Op.SHIFT_EV_1, false));
        group(ONE, 0xD2, "Eb,CL", grp2("Eb,CL", Op.SHIFT_EB_CL, false));
        group(ONE, 0xD3, "Ev,CL", grp2("Ev,CL", Op.SHIFT_EV_CL, false));
        one(0xD4, "aam", "Ib", Op.AAM);
        one(0xD5, "aad", "Ib", Op.AAD);
        one(0xD6, "salc", "", Op.SALC);
        one(0xD7, "xlat", "", Op.XLAT, 0, ASIZE);
        for (int x = 0xD8; x <= 0xDF; x++) one(x, "(x87)", "Ex", Op.ESC, x & 7, 0);
        one(0xE0, "loopne", "Jb", Op.LOOPNE, 0, OSIZE | ASIZE);
        one(0xE1, "loope", "Jb", Op.LOOPE, 0, OSIZE | ASIZE);
        one(0xE2, "loop", "Jb", Op.LOOP, 0, OSIZE | ASIZE);
        one(0xE3, "jecxz", "Jb", Op.JECXZ, 0, OSIZE | ASIZE).names("jecxz", "jcxz", "jecxz", "jcxz").namesByAddressSize = true;
        one(0xE4, "in", "AL,Ib", Op.IN_AL_IB);
        one(0xE5, "in", "eAX,Ib", Op.IN_EAX_IB);
        one(0xE6, "out", "Ib,AL", Op.OUT_IB_AL);
        one(0xE7, "out", "Ib,eAX", Op.OUT_IB_EAX);
        one(0xE8, "call", "Jz", Op.CALL_JZ);
        one(0xE9, "jmp", "Jz", Op.JMP_JZ);
        one(0xEA, "ljmp", "Ap", Op.JMPF_AP).intelName("jmp far");
        one(0xEB, "jmp", "Jb", Op.JMP_JB, 0, OSIZE);
        one(0xEC, "in", "AL,DX", Op.IN_AL_DX);
        one(0xED, "in", "eAX,DX", Op.IN_EAX_DX);
        one(0xEE, "out", "DX,AL", Op.OUT_DX_AL);
        one(0xEF, "out", "DX,eAX", Op.OUT_DX_EAX);
        one(0xF1, "int1", "", Op.INT1);
        one(0xF4, "hlt", "", Op.HLT, 0, PRIV);
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
                e("call", "Ev", Op.CALL_EV, 0, INDIRECT), e("lcall", "Mp", Op.CALLF_EP).intelName("call far"),
                e("jmp", "Ev", Op.JMP_EV, 0, INDIRECT), e("ljmp", "Mp", Op.JMPF_EP).intelName("jmp far"),
                e("push", "Ev", Op.PUSH_EV), UD_ROW);

        // ---- two-byte map (0x0F xx)
        group(TWO, 0x00, "Ew", e("sldt", "Ew", Op.SLDT, 0, PM_ONLY | OSIZE), e("str", "Ew", Op.STR, 0, PM_ONLY | OSIZE),
                e("lldt", "Ew", Op.LLDT, 0, PM_ONLY | PRIV), e("ltr", "Ew", Op.LTR, 0, PM_ONLY | PRIV),
                e("verr", "Ew", Op.VERR, 0, PM_ONLY), e("verw", "Ew", Op.VERW, 0, PM_ONLY), UD_ROW, UD_ROW);
        group(TWO, 0x01, "M", e("sgdt", "M", Op.SGDT, 0, OSIZE), e("sidt", "M", Op.SIDT, 0, OSIZE),
                e("lgdt", "M", Op.LGDT, 0, OSIZE | PRIV), e("lidt", "M", Op.LIDT, 0, OSIZE | PRIV), e("smsw", "Ew", Op.SMSW, 0, OSIZE),
                UD_ROW, e("lmsw", "Ew", Op.LMSW, 0, PRIV), e("invlpg", "M", Op.INVLPG, 0, PRIV));
        two(0x02, "lar", "Gv,Ew", Op.LAR, 0, PM_ONLY);
        two(0x03, "lsl", "Gv,Ew", Op.LSL, 0, PM_ONLY);
        two(0x06, "clts", "", Op.CLTS, 0, PRIV);
        two(0x08, "invd", "", Op.INVD, 0, PRIV);
        two(0x09, "wbinvd", "", Op.WBINVD, 0, PRIV);
        two(0x0B, "ud2", "", Op.UD);
        for (int h = 0x18; h <= 0x1F; h++) two(h, "nop", "Ev", Op.NOP);
        two(0x20, "mov", "Rd,Cd", Op.MOV_R_CR, 0, PRIV);
        two(0x21, "mov", "Rd,Dd", Op.MOV_R_DR, 0, PRIV);
        two(0x22, "mov", "Cd,Rd", Op.MOV_CR_R, 0, PRIV);
        two(0x23, "mov", "Dd,Rd", Op.MOV_DR_R, 0, PRIV);
        two(0x30, "wrmsr", "", Op.WRMSR, 0, PRIV);
        two(0x31, "rdtsc", "", Op.RDTSC);
        two(0x32, "rdmsr", "", Op.RDMSR, 0, PRIV);
        two(0x33, "rdpmc", "", Op.RDPMC);
        for (int c = 0; c < 16; c++) {
            two(0x40 + c, "cmov" + CC[c], "Gv,Ev", Op.CMOV, c, 0).flagsUsed(CC_READS[c], "");
            two(0x80 + c, "j" + CC[c], "Jz", Op.JCC, c, 0).flagsUsed(CC_READS[c], "");
            two(0x90 + c, "set" + CC[c], "Eb", Op.SETCC, c, 0).flagsUsed(CC_READS[c], "");
        }
        two(0xA0, "push", "FS", Op.PUSH_SREG, Cpu.FS, OSIZE);
        two(0xA1, "pop", "FS", Op.POP_SREG, Cpu.FS, OSIZE);
        two(0xA2, "cpuid", "", Op.CPUID);
        two(0xA3, "bt", "Ev,Gv", Op.BT_EV_GV);
        two(0xA4, "shld", "Ev,Gv,Ib", Op.SHLD_IB);
        two(0xA5, "shld", "Ev,Gv,CL", Op.SHLD_CL);
        two(0xA8, "push", "GS", Op.PUSH_SREG, Cpu.GS, OSIZE);
        two(0xA9, "pop", "GS", Op.POP_SREG, Cpu.GS, OSIZE);
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
        // AT&T names the destination size (movzbl/movzbw), Intel does not (movzx).
        two(0xB6, "movzb", "Gv,Eb", Op.MOVZX_B, 0, NO_SUFFIX).names("movzbl", "movzbw", "movzx", "movzx");
        two(0xB7, "movzw", "Gv,Ew", Op.MOVZX_W, 0, NO_SUFFIX).names("movzwl", "movzww", "movzx", "movzx");
        two(0xB9, "ud1", "Gv,Ev", Op.UD);
        group(TWO, 0xBA, "Ev,Ib", UD_ROW, UD_ROW, UD_ROW, UD_ROW, e("bt", "Ev,Ib", Op.BT_EV_IB),
                e("bts", "Ev,Ib", Op.BTS_EV_IB, 0, LOCKABLE), e("btr", "Ev,Ib", Op.BTR_EV_IB, 0, LOCKABLE),
                e("btc", "Ev,Ib", Op.BTC_EV_IB, 0, LOCKABLE));
        two(0xBB, "btc", "Ev,Gv", Op.BTC_EV_GV, 0, LOCKABLE);
        two(0xBC, "bsf", "Gv,Ev", Op.BSF);
        two(0xBD, "bsr", "Gv,Ev", Op.BSR);
        two(0xBE, "movsb", "Gv,Eb", Op.MOVSX_B, 0, NO_SUFFIX).names("movsbl", "movsbw", "movsx", "movsx");
        two(0xBF, "movsw", "Gv,Ew", Op.MOVSX_W, 0, NO_SUFFIX).names("movswl", "movsww", "movsx", "movsx");
        two(0xC0, "xadd", "Eb,Gb", Op.XADD_EB_GB, 0, LOCKABLE);
        two(0xC1, "xadd", "Ev,Gv", Op.XADD_EV_GV, 0, LOCKABLE);
        group(TWO, 0xC7, "Mq", UD_ROW, e("cmpxchg8b", "Mq", Op.CMPXCHG8B, 0, LOCKABLE), UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW, UD_ROW);
        for (int r = 0; r < 8; r++) two(0xC8 + r, "bswap", "Zd", Op.BSWAP, r, OSIZE);
        two(0xFF, "ud0", "Gv,Ev", Op.UD);

        for (int i = 0; i < 256; i++) {
            if (ONE[i] == null) ONE[i] = UD_ROW;
            if (TWO[i] == null) TWO[i] = UD_ROW;
        }
    }

    private static Entry[] grp1(String ops, Op op, boolean fast) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) {
            g[k] = e(ALU[k], ops, op, k, k == 7 ? 0 : LOCKABLE).flagsUsed(k == 2 || k == 3 ? "C" : "", ARITH);
            if (fast) g[k].fast(ALU_RI[k], null);
        }
        return g;
    }

    private static Entry[] grp2(String ops, Op op, boolean fast) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) {
            // ROL/ROR change only CF and OF; RCL/RCR also read CF; the shifts set all six (SDM vol. 2, SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR).
            g[k] = e(SHIFT[k], ops, op, k, 0).flagsUsed(k == 2 || k == 3 ? "C" : "", k < 4 ? "OC" : ARITH);
            if (fast) g[k].fast(SHIFT_RI[k], null);
        }
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

    // ---- the x87 instructions the CPU knows (see X87), by escape byte (D8-DF low bits), ModRM.reg and rm
    /** {escape, reg, rm or -1 for the memory form} and the name, in the order of {@link #X87_NAMES}. */
    private static final int[][] X87_FORMS = {{3, 4, 3}, {3, 4, 2}, {7, 4, 0}, {1, 7, -1}, {1, 5, -1}, {5, 7, -1}};
    private static final String[] X87_NAMES = {"fninit", "fnclex", "fnstsw", "fnstcw", "fldcw", "fnstsw"};

    /** The x87 instruction's name, or "(x87)" for one the CPU does not implement. */
    static String x87Name(int esc, int reg, int rm, boolean register) {
        for (int k = 0; k < X87_FORMS.length; k++) {
            int[] f = X87_FORMS[k];
            if (f[0] == esc && f[1] == reg && (register ? f[2] == rm : f[2] < 0)) return X87_NAMES[k];
        }
        return "(x87)";
    }
}
