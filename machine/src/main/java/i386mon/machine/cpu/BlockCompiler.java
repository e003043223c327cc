package i386mon.machine.cpu;

import static i386mon.machine.cpu.ClassFile.AALOAD;
import static i386mon.machine.cpu.ClassFile.GOTO;
import static i386mon.machine.cpu.ClassFile.IADD;
import static i386mon.machine.cpu.ClassFile.IALOAD;
import static i386mon.machine.cpu.ClassFile.IAND;
import static i386mon.machine.cpu.ClassFile.IASTORE;
import static i386mon.machine.cpu.ClassFile.IFEQ;
import static i386mon.machine.cpu.ClassFile.IFGE;
import static i386mon.machine.cpu.ClassFile.IFGT;
import static i386mon.machine.cpu.ClassFile.IFLE;
import static i386mon.machine.cpu.ClassFile.IFLT;
import static i386mon.machine.cpu.ClassFile.IFNULL;
import static i386mon.machine.cpu.ClassFile.IFNE;
import static i386mon.machine.cpu.ClassFile.IF_ICMPEQ;
import static i386mon.machine.cpu.ClassFile.IF_ICMPGE;
import static i386mon.machine.cpu.ClassFile.IF_ICMPGT;
import static i386mon.machine.cpu.ClassFile.IF_ICMPLE;
import static i386mon.machine.cpu.ClassFile.IF_ICMPLT;
import static i386mon.machine.cpu.ClassFile.IF_ICMPNE;
import static i386mon.machine.cpu.ClassFile.IOR;
import static i386mon.machine.cpu.ClassFile.ISHL;
import static i386mon.machine.cpu.ClassFile.ISHR;
import static i386mon.machine.cpu.ClassFile.ISUB;
import static i386mon.machine.cpu.ClassFile.IUSHR;
import static i386mon.machine.cpu.ClassFile.IXOR;
import static i386mon.machine.cpu.ClassFile.L2I;
import static i386mon.machine.cpu.ClassFile.LADD;
import static i386mon.machine.cpu.ClassFile.LCMP;
import static i386mon.machine.cpu.ClassFile.LCONST_0;
import static i386mon.machine.cpu.ClassFile.LRETURN;
import static i386mon.machine.cpu.ClassFile.LSUB;

import i386mon.machine.cpu.OpcodeTable.Op;
import java.lang.invoke.MethodHandles;

/**
 * Compiles a hot {@link CodeCache.Block} to JVM bytecode (a hidden class), so HotSpot turns guest
 * code into machine code. The compiled block does exactly what the interpreter does, instruction
 * for instruction: the same register and memory effects, the same lazy-flag state at every point
 * where it can be observed (a fault, a general handler, the block's exit), the same retired count
 * and the same stops. What it saves is the dispatch per instruction and the flag stores that a
 * later instruction overwrites before anything can read them. A block that branches back to its
 * own start becomes a loop inside the method, leaving when the budget or attention requires.
 *
 * <p>Forms compiled directly: the specialised 32-bit register forms ({@link FastOps}) and near
 * jumps; any other instruction calls its interpreter handler from the compiled code.
 */
final class BlockCompiler {
    private BlockCompiler() { }

    /** Executions of a block before it is compiled (tests set 1 to compile everything they run). */
    static final int THRESHOLD = Integer.getInteger("i386mon.jitThreshold", 64);

    private static final String CPU = "i386mon/machine/cpu/Cpu", INSN = "i386mon/machine/cpu/Insn";
    private static final String RUN_DESC = "(Li386mon/machine/cpu/Cpu;[Li386mon/machine/cpu/Insn;J)J";
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    // locals of the generated method; BUDGET and COUNT are longs (two slots each): a loop may retire
    // more than 2^31 instructions in one call (#18)
    private static final int C = 1, INSNS = 2, BUDGET = 3, R = 5, COUNT = 6, D = 8, S = 9, RES = 10, EA = 11;
    /** The chained successor (a reference; only at a block's static exits). */
    private static final int NEXT = 12;
    private static final String BLOCK = "i386mon/machine/cpu/CompiledBlock";
    /** Exit slots of {@link CompiledBlock}: fall-through or branch not taken, and branch taken. */
    private static final int FALL_THROUGH = 0, TAKEN = 1;

    private enum Flags { NONE, FULL, PARTIAL, READS_CF, READS, UNKNOWN }

    /** The compiled form of {@code block} starting at {@code eip}, or null if it is not worth compiling. */
    static CompiledBlock compile(CodeCache.Block block, int eip) {
        Insn[] insns = block.insns;
        if (!block.cacheable || insns.length < 2 && !isSelfLoop(insns, eip)) return null;
        try {
            ClassFile cf = new ClassFile();
            ClassFile.Code c = new ClassFile.Code(cf);
            emitBody(c, insns, eip, block.wrapsIp);
            String name = "i386mon/machine/cpu/CompiledBlock$" + Integer.toHexString(eip);
            byte[] bytes = cf.build(name, BLOCK, "run", RUN_DESC, c, 8, 13);
            Class<?> k = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            CompiledBlock compiled = (CompiledBlock) k.getDeclaredConstructor().newInstance();
            compiled.insns = insns;
            compiled.length = insns.length;
            return compiled;
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
            return null; // an uncompilable block simply stays interpreted
        }
    }

    private static boolean isSelfLoop(Insn[] insns, int eip) {
        Insn last = insns[insns.length - 1];
        return (last.op == Op.JCC || last.op == Op.JMP_JB || last.op == Op.JMP_JZ) && last.o32
                && eip + last.off + last.len + last.imm == eip;
    }

    private static boolean faults(Insn i) {
        return i.op.mayFault();
    }

    /**
     * The flag effect of an instruction, from its table columns. A handler the compiler has no case
     * for is called from compiled code and may leave the block after it (attention), so the flags
     * before it must be live: it counts as {@code UNKNOWN}.
     */
    private static Flags flags(Insn i) {
        Op op = i.op;
        if (!op.compiled()) return Flags.UNKNOWN;
        if (op.reads != 0) return Flags.READS;
        if (op.writes == 0) return Flags.NONE;
        if ((op.writes & Cpu.ARITH) == Cpu.ARITH) return Flags.FULL;
        // INC/DEC keep CF: Cpu.incDec32 reads the previous one into its lazy state.
        return (op.writes & Cpu.CF) == 0 ? Flags.READS_CF : Flags.PARTIAL;
    }

    /** True if the flag state instruction {@code k} leaves is overwritten before anything can see it. */
    private static boolean flagsDead(Insn[] insns, int k) {
        for (int j = k + 1; j < insns.length; j++) {
            Flags f = flags(insns[j]);
            if (f == Flags.READS || f == Flags.READS_CF || f == Flags.UNKNOWN || faults(insns[j])) return false;
            if (f == Flags.FULL) return true;
        }
        return false;
    }

    /** {@code wrapsIp}: 16-bit code whose last instruction ends at 0x10000, after which IP is 0. */
    private static void emitBody(ClassFile.Code c, Insn[] insns, int eip, boolean wrapsIp) {
        c.aload(C).getfield(CPU, "r", "[I").astore(R);
        c.op(LCONST_0).lstore(COUNT);
        int top = c.pc();
        int n = insns.length;
        // the last full flag setter compiled, for conditions computed from locals: null none, else its Op
        Op known = null;
        for (int k = 0; k < n; k++) {
            Insn i = insns[k];
            int at = eip + i.off, next = at + i.len;
            if (wrapsIp && next == 0x10000) next = 0;
            boolean dead = flagsDead(insns, k);
            switch (i.op) {
                case ADD32_RR: case SUB32_RR: case CMP32_RR: case OR32_RR: case AND32_RR:
                case XOR32_RR: case TEST32_RR:
                    loadReg(c, i.dst).istore(D);
                    loadReg(c, i.src).istore(S);
                    alu(c, i.op, i.dst, dead);
                    known = i.op;
                    break;
                case ADD32_RI: case SUB32_RI: case CMP32_RI: case OR32_RI: case AND32_RI: case XOR32_RI:
                    loadReg(c, i.dst).istore(D);
                    c.iconst(i.imm).istore(S);
                    alu(c, i.op, i.dst, dead);
                    known = i.op;
                    break;
                case INC32_R: case DEC32_R:
                    loadReg(c, i.dst).istore(D);
                    c.iload(D).iconst(1).op(i.op == Op.INC32_R ? IADD : ISUB).istore(RES);
                    storeReg(c, i.dst, RES);
                    c.aload(C).iconst(i.op == Op.INC32_R ? Cpu.L_INC : Cpu.L_DEC).iload(RES).iload(D)
                            .invokevirtual(CPU, "incDec32", "(III)V");
                    known = i.op;
                    break;
                case MOV32_RR:
                    c.aload(R).iconst(i.dst);
                    loadReg(c, i.src);
                    c.op(IASTORE);
                    break;
                case MOV32_RI:
                    c.aload(R).iconst(i.dst).iconst(i.imm).op(IASTORE);
                    break;
                case ROL32_RI: {
                    int cnt = i.imm & 31;
                    if (cnt == 0) break;
                    // EA as the temporary: D, S and RES still describe the last flag setter.
                    loadReg(c, i.dst).iconst(cnt).op(ISHL);
                    loadReg(c, i.dst).iconst(32 - cnt).op(IUSHR).op(IOR).istore(EA);
                    storeReg(c, i.dst, EA);
                    if (!dead) {
                        c.aload(C).iload(EA).iconst(1).op(IAND);
                        c.iload(EA).iconst(31).op(IUSHR).iload(EA).op(IXOR).iconst(1).op(IAND);
                        c.invokevirtual(CPU, "carryOverflow", "(ZZ)V");
                    }
                    if (known != Op.INC32_R && known != Op.DEC32_R && known != Op.ADD32_RR && known != Op.ADD32_RI) known = null;
                    break;
                }
                case MOV32_RM:
                    if (!i.a32) { fallback(c, i, k, at, next); break; }
                    effectiveAddress(c, i);
                    faultPoint(c, k, at);
                    c.aload(R).iconst(i.dst).aload(C).iconst(i.seg).iload(EA).invokevirtual(CPU, "read32", "(II)I").op(IASTORE);
                    break;
                case MOV32_MR: {
                    if (!i.a32) { fallback(c, i, k, at, next); break; }
                    effectiveAddress(c, i);
                    faultPoint(c, k, at);
                    c.aload(C).iconst(i.seg).iload(EA);
                    loadReg(c, i.src);
                    c.invokevirtual(CPU, "write32", "(III)V");
                    // a store into code asks for attention: leave after it, as the interpreter does
                    c.aload(C).getfield(CPU, "attention", "Z");
                    int stay = c.branch(IFEQ);
                    exit(c, next, k + 1);
                    c.patch(stay, c.pc());
                    break;
                }
                case SHL32_RI: case SHR32_RI: case SAR32_RI:
                    if ((i.imm & 31) == 0) break;
                    fallback(c, i, k, at, next);
                    known = null;
                    break;
                case JCC:
                    if (k == n - 1) {
                        emitBranch(c, i, known, at, next, eip, n, top);
                        return;
                    }
                    fallback(c, i, k, at, next);
                    known = null;
                    break;
                case JMP_JB: case JMP_JZ:
                    if (k == n - 1 && i.o32) {
                        int target = next + i.imm;
                        exitOrLoop(c, target, eip, n, top);
                        return;
                    }
                    fallback(c, i, k, at, next);
                    break;
                default:
                    fallback(c, i, k, at, next);
                    if (flags(i) != Flags.NONE) known = null;
                    break;
            }
        }
        Insn last = insns[n - 1];
        chainExit(c, wrapsIp ? 0 : eip + last.off + last.len, n, FALL_THROUGH);
    }

    private static ClassFile.Code loadReg(ClassFile.Code c, int reg) {
        return c.aload(R).iconst(reg).op(IALOAD);
    }

    private static void storeReg(ClassFile.Code c, int reg, int local) {
        c.aload(R).iconst(reg).iload(local).op(IASTORE);
    }

    /** D op S -> RES, stored to {@code dst} unless CMP/TEST; then the lazy flags unless dead. */
    private static void alu(ClassFile.Code c, Op op, int dst, boolean dead) {
        int jop, lop;
        boolean store = true;
        switch (op) {
            case ADD32_RR: case ADD32_RI: jop = IADD; lop = Cpu.L_ADD; break;
            case SUB32_RR: case SUB32_RI: jop = ISUB; lop = Cpu.L_SUB; break;
            case CMP32_RR: case CMP32_RI: jop = ISUB; lop = Cpu.L_SUB; store = false; break;
            case OR32_RR: case OR32_RI: jop = IOR; lop = Cpu.L_LOGIC; break;
            case AND32_RR: case AND32_RI: jop = IAND; lop = Cpu.L_LOGIC; break;
            case XOR32_RR: case XOR32_RI: jop = IXOR; lop = Cpu.L_LOGIC; break;
            default: jop = IAND; lop = Cpu.L_LOGIC; store = false; break; // TEST
        }
        c.iload(D).iload(S).op(jop).istore(RES);
        if (store) storeReg(c, dst, RES);
        if (dead) return;
        if (lop == Cpu.L_LOGIC) {
            c.aload(C).iload(RES).invokevirtual(CPU, "logic32", "(I)V");
        } else {
            c.aload(C).iconst(lop).iload(RES).iload(D).iload(S).invokevirtual(CPU, "lazy32", "(IIII)V");
        }
    }

    /** Records where a fault would leave EIP and how many instructions retired before it. */
    private static void faultPoint(ClassFile.Code c, int k, int at) {
        c.aload(C).iconst(at).putfield(CPU, "jitAt", "I");
        c.aload(C).lload(COUNT).lconst(k).op(LADD).putfield(CPU, "jitRetired", "J");
    }

    /** EA = disp + base + (index << scale), 32-bit addressing. */
    private static void effectiveAddress(ClassFile.Code c, Insn i) {
        c.iconst(i.disp);
        if (i.base >= 0) loadReg(c, i.base).op(IADD);
        if (i.index >= 0) {
            loadReg(c, i.index);
            if (i.scale != 0) c.iconst(i.scale).op(ISHL);
            c.op(IADD);
        }
        c.istore(EA);
    }

    private static void exit(ClassFile.Code c, int nextEip, int retired) {
        c.aload(C).iconst(nextEip).putfield(CPU, "eip", "I");
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /**
     * A static exit to {@code nextEip} after {@code retired} instructions of this pass: calls the
     * successor's compiled block if {@link CompiledBlock} links one for exit {@code slot} (it
     * returns only that block's count, the rest being added to the slice), else returns as {@link #exit}.
     */
    private static void chainExit(ClassFile.Code c, int nextEip, int retired, int slot) {
        c.aload(C).iconst(nextEip).putfield(CPU, "eip", "I");
        c.aload(0).aload(C).lload(COUNT).lconst(retired).op(LADD).lload(BUDGET).iconst(nextEip);
        c.invokevirtual(BLOCK, slot == TAKEN ? "chain1" : "chain0", "(L" + CPU + ";JJI)L" + BLOCK + ";");
        callSuccessor(c, retired);
    }

    /** After a general handler moved EIP: calls the compiled block there if slot 2 links it, else returns. */
    private static void chainAsIs(ClassFile.Code c, int retired) {
        c.aload(0).aload(C).lload(COUNT).lconst(retired).op(LADD).lload(BUDGET);
        c.invokevirtual(BLOCK, "chain2", "(L" + CPU + ";JJ)L" + BLOCK + ";");
        callSuccessor(c, retired);
    }

    /** With a chain helper's answer on the stack: calls it and returns its count, or (null) returns this pass's. */
    private static void callSuccessor(ClassFile.Code c, int retired) {
        c.astore(NEXT);
        c.aload(NEXT);
        int none = c.branch(IFNULL);
        c.aload(NEXT).aload(C).aload(NEXT).getfield(BLOCK, "insns", "[L" + INSN + ";");
        c.lload(BUDGET).lload(COUNT).op(LSUB).lconst(retired).op(LSUB);
        c.invokevirtual(BLOCK, "run", RUN_DESC).op(LRETURN);
        c.patch(none, c.pc());
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /** Leaves through a general handler: EIP is whatever the handler left. */
    private static void exitAsIs(ClassFile.Code c, int retired) {
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /**
     * Calls the interpreter's handler for instruction {@code k}: EIP is the next instruction's (as
     * the interpreter sets it), the fault point recorded; afterwards the block is left if the
     * handler moved EIP or asked for attention.
     */
    private static void fallback(ClassFile.Code c, Insn i, int k, int at, int next) {
        faultPoint(c, k, at);
        c.aload(C).iconst(next).putfield(CPU, "eip", "I");
        c.aload(C).aload(INSNS).iconst(k).op(AALOAD);
        if (i.op.fast) {
            c.invokestatic("i386mon/machine/cpu/FastOps", "execute", "(L" + CPU + ";L" + INSN + ";)V");
        } else {
            c.invokestatic("i386mon/machine/cpu/Executor", "execute", "(L" + CPU + ";L" + INSN + ";)V");
        }
        // if (c.attention || c.eip != next) return count + k + 1
        c.aload(C).getfield(CPU, "attention", "Z");
        int stay = c.branch(IFEQ);
        exitAsIs(c, k + 1);
        c.patch(stay, c.pc());
        c.aload(C).getfield(CPU, "eip", "I").iconst(next);
        int same = c.branch(IF_ICMPEQ);
        // only a control transfer (a block's last instruction) goes on elsewhere: the chain code once per block
        if (i.op.endsBlock) chainAsIs(c, k + 1); else exitAsIs(c, k + 1);
        c.patch(same, c.pc());
    }

    /** The block's closing Jcc: a condition from locals when the last flag setter is known. */
    private static void emitBranch(ClassFile.Code c, Insn i, Op known, int at, int next, int eip, int n, int top) {
        int target = next + i.imm;
        if (!i.o32) target &= 0xFFFF;
        int taken = condition(c, i.sub, known);
        chainExit(c, next, n, FALL_THROUGH); // not taken
        c.patch(taken, c.pc());
        exitOrLoop(c, target, eip, n, top);
    }

    /**
     * Emits a test of condition {@code cc} that branches when it holds; returns the branch to patch.
     */
    private static int condition(ClassFile.Code c, int cc, Op known) {
        boolean sub = known == Op.SUB32_RR || known == Op.SUB32_RI || known == Op.CMP32_RR || known == Op.CMP32_RI;
        boolean logic = known == Op.OR32_RR || known == Op.AND32_RR || known == Op.XOR32_RR || known == Op.TEST32_RR
                || known == Op.OR32_RI || known == Op.AND32_RI || known == Op.XOR32_RI;
        boolean result = known != null; // ADD, INC, DEC: ZF from the result
        if (sub) {
            switch (cc) {
                case 4: return c.iload(RES).branch(IFEQ);
                case 5: return c.iload(RES).branch(IFNE);
                case 12: return c.iload(D).iload(S).branch(IF_ICMPLT);
                case 13: return c.iload(D).iload(S).branch(IF_ICMPGE);
                case 14: return c.iload(D).iload(S).branch(IF_ICMPLE);
                case 15: return c.iload(D).iload(S).branch(IF_ICMPGT);
                case 2: case 3: case 6: case 7:
                    // unsigned: compare with the sign bits flipped
                    c.iload(D).iconst(0x8000_0000).op(IXOR).iload(S).iconst(0x8000_0000).op(IXOR);
                    return c.branch(cc == 2 ? IF_ICMPLT : cc == 3 ? IF_ICMPGE : cc == 6 ? IF_ICMPLE : IF_ICMPGT);
                default: break;
            }
        } else if (logic) {
            switch (cc) {
                case 4: return c.iload(RES).branch(IFEQ);
                case 5: return c.iload(RES).branch(IFNE);
                case 8: case 12: return c.iload(RES).branch(IFLT);
                case 9: case 13: return c.iload(RES).branch(IFGE);
                case 14: return c.iload(RES).branch(IFLE);
                case 15: return c.iload(RES).branch(IFGT);
                default: break;
            }
        } else if (result && (cc == 4 || cc == 5)) {
            return c.iload(RES).branch(cc == 4 ? IFEQ : IFNE);
        }
        c.aload(C).iconst(cc).invokevirtual(CPU, "cond", "(I)Z");
        return c.branch(IFNE);
    }

    /**
     * A taken branch: to the block's own start it loops while the budget allows a whole further
     * pass and nothing asks for attention; anywhere else (or then) it leaves with EIP = target.
     */
    private static void exitOrLoop(ClassFile.Code c, int target, int eip, int n, int top) {
        if (target != eip) {
            chainExit(c, target, n, TAKEN);
            return;
        }
        c.lload(COUNT).lconst(n).op(LADD).lstore(COUNT);
        c.aload(C).getfield(CPU, "attention", "Z");
        int leave1 = c.branch(IFNE);
        // count + n > budget, in 64 bits: a 32-bit sum wrapped near 2^31 and the loop never left (#18)
        c.lload(COUNT).lconst(n).op(LADD).lload(BUDGET).op(LCMP);
        int leave2 = c.branch(IFGT);
        c.branchTo(GOTO, top);
        c.patch(leave1, c.pc());
        c.patch(leave2, c.pc());
        exit(c, eip, 0);
    }
}
