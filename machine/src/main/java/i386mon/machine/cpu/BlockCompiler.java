package i386mon.machine.cpu;

import static i386mon.machine.cpu.ClassFile.AALOAD;
import static i386mon.machine.cpu.ClassFile.ATHROW;
import static i386mon.machine.cpu.ClassFile.GOTO;
import static i386mon.machine.cpu.ClassFile.I2B;
import static i386mon.machine.cpu.ClassFile.I2S;
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
import static i386mon.machine.cpu.ClassFile.IMUL;
import static i386mon.machine.cpu.ClassFile.IOR;
import static i386mon.machine.cpu.ClassFile.ISHL;
import static i386mon.machine.cpu.ClassFile.ISHR;
import static i386mon.machine.cpu.ClassFile.ISUB;
import static i386mon.machine.cpu.ClassFile.IUSHR;
import static i386mon.machine.cpu.ClassFile.IXOR;
import static i386mon.machine.cpu.ClassFile.LADD;
import static i386mon.machine.cpu.ClassFile.LCMP;
import static i386mon.machine.cpu.ClassFile.LCONST_0;
import static i386mon.machine.cpu.ClassFile.LRETURN;
import static i386mon.machine.cpu.ClassFile.LSUB;
import static i386mon.machine.cpu.ClassFile.DUP2;
import static i386mon.machine.cpu.ClassFile.I2L;
import static i386mon.machine.cpu.ClassFile.L2I;
import static i386mon.machine.cpu.ClassFile.LAND;
import static i386mon.machine.cpu.ClassFile.LMUL;
import static i386mon.machine.cpu.ClassFile.LUSHR;

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
 * <p>Forms compiled directly ({@link #direct}): the specialised 32-bit register forms ({@link
 * FastOps}); ALU, TEST, INC/DEC, MOV, MOVZX/MOVSX, LEA, SETcc and CMOVcc of every size with register
 * or memory operands; IMUL with two and three operands, 32-bit MUL and IMUL with one; MOVS, STOS
 * and LODS without REP; 32-bit register shifts by an immediate, 1
 * or CL; PUSH, POP, LEAVE, CBW/CWD, XCHG with EAX; and the closing Jcc, JMP, CALL and RET. They
 * call only small single-target methods HotSpot inlines (the memory accesses, the lazy-flag
 * setters, a few helpers of {@link Executor} and {@link FastOps}). Any other instruction calls its
 * interpreter handler from the compiled code. A memory access tests the host TLB ({@link
 * CompiledAccess}); only a miss records the fault point (EIP and retired count, nothing written
 * yet) before the checked access, and only a miss that asked for attention (a write into code, a
 * device) makes the block leave after the instruction: a hit can do neither. Guest registers live in
 * JVM locals inside the method ({@link #REGISTERS_IN_LOCALS}), stored back at every exit, before a
 * handler call and, for a fault, in an exception handler covering the compiled instructions.
 */
final class BlockCompiler {
    /**
     * Executions of a block before it is compiled (tests set 1 to compile everything they run, the
     * machine module's other tests 64). A block costs a hidden class and HotSpot's compilations of
     * it, a few milliseconds of CPU in a cold JVM, as much as interpreting it a few thousand times:
     * at 64, SeaBIOS compiled 369 blocks on its way to a boot sector and the compiler threads' work
     * made booting a third slower than at 2048, which compiles 36 (#15).
     */
    static final int THRESHOLD = Integer.getInteger("i386mon.jitThreshold", 2048);

    private static final String CPU = "i386mon/machine/cpu/Cpu", INSN = "i386mon/machine/cpu/Insn";
    private static final String EXEC = "i386mon/machine/cpu/Executor", FAST = "i386mon/machine/cpu/FastOps";
    private static final String FORMS = "i386mon/machine/cpu/CompiledForms";
    private static final String RUN_DESC = "(Li386mon/machine/cpu/Cpu;[Li386mon/machine/cpu/Insn;J)J";
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** Locals of the memory accesses, after the others (see {@link #ATTN}). */
    private static final int ACCESS_LOCALS = 1;
    // locals of the generated method; BUDGET and COUNT are longs (two slots each): a loop may retire
    // more than 2^31 instructions in one call (#18). D, S and RES are the operands and result of the
    // last flag setter (see known); T, EA and LIN are temporaries of one instruction.
    private static final int C = 1, INSNS = 2, BUDGET = 3, R = 5, COUNT = 6, D = 8, S = 9, RES = 10, EA = 11,
            T = 12, LIN = 13, REG0 = 14, V = 22, NEXT = 23, SS_BASE = 24, FLAT_STACK = 25, TAIL = 26,
            LOCALS = TAIL + 3 * LoopTail.MAX + ACCESS_LOCALS, STACK = 10;
    /** 1 once a memory access of the current instruction took the checked path and attention is asked for ({@link CompiledAccess}). */
    private static final int ATTN = TAIL + 3 * LoopTail.MAX;

    /**
     * Guest registers live in locals (REG0 + n) inside a compiled block: loaded at its entry, stored
     * back at every exit, around every handler call and in an exception handler for faults. ESP
     * too, the pushes and pops inline on a flat 32-bit stack ({@link #pushLocal}); not ESP and EBP
     * in a block with LEAVE (its helper uses the array). False: the array throughout.
     */
    static final boolean REGISTERS_IN_LOCALS = !Boolean.getBoolean("i386mon.jitArrayRegisters");
    private static final String BLOCK = "i386mon/machine/cpu/CompiledBlock";
    /** Calls and returns join blocks into one method ({@link CallSegments}); -Di386mon.jitJoinCalls=false: each block alone, to compare. */
    static final boolean JOIN_CALLS = !"false".equals(System.getProperty("i386mon.jitJoinCalls"));
    /**
     * Branches join blocks into one method ({@link CallSegments#region}); -Di386mon.jitRegions=false:
     * not, to compare. Not from a block that loops to itself: it compiles alone, a tight Java loop
     * with its closing flags deferred ({@link LoopTail}), chained to the blocks it leaves to; as a
     * region's first segment its loop lost the deferred flags and took a region's back edge (the mixed workload's CRC and text loops
     * compiled so when the blocks after them were already dispatched; alone, the mixed workload took
     * 6% less CPU, lower in 5 of 5 alternating pairs, #19).
     */
    static final boolean REGIONS = !"false".equals(System.getProperty("i386mon.jitRegions"));
    /** Exit slots from this number on are a region's, one per exit site ({@link CompiledBlock#chainExit}). */
    private static final int REGION_EXIT = 16;
    /** Passes of a joined method's loop per call (see {@link #emitBody}). */
    private static final int JOINED_PASSES = 16;
    /** Exit slots of {@link CompiledBlock}: fall-through or branch not taken, and branch taken. */
    private static final int FALL_THROUGH = 0, TAKEN = 1;

    private enum Flags { NONE, FULL, PARTIAL, READS_CF, READS, UNKNOWN }

    /** What D, S and RES tell of the current flags: nothing, a SUB/CMP, a logical op, or ZF only (RES == 0). */
    private static final int K_NONE = 0, K_SUB = 1, K_LOGIC = 2, K_RESULT = 3;
    /** The ALU sub-code the compiler uses for TEST (an AND that stores nothing). */
    private static final int TEST = 8;

    private final ClassFile.Code c;
    private final Insn[] insns;
    private final int eip, n;
    private final boolean wrapsIp;
    private int top;
    // the instruction being compiled: its index, address, the next one's, whether its flags are dead
    private Insn i;
    private int k, at, next;
    private boolean dead;
    /** The kind ({@code K_}) and operand size of the last flag setter whose values D, S and RES hold. */
    private int known = K_NONE, knownSize = 4;
    /** A flag store of the current instruction left out as dead (-1: none): its attention exit still makes it. */
    private int pendingOp = -1, pendingSize;
    private boolean pendingFast;
    /** Registers kept in locals; of those, the ones this block reads or writes and writes (bit n: register n). */
    private final int cached;
    private int used, dirty;
    /** Where the code whose locals hold the registers began, and the earlier such ranges: what the fault handler covers. */
    private int covered;
    private final java.util.List<int[]> ranges = new java.util.ArrayList<>();
    /** A self-loop's closing flag setters whose stores wait for the exits (see {@link LoopTail}). */
    private final LoopTail tail;

    /** The segments this method holds (one but for a block ending in a call, see {@link CallSegments}). */
    private final CallSegments segs;

    private BlockCompiler(ClassFile.Code c, CallSegments segs, int eip, boolean wrapsIp, int used, int dirty) {
        Insn[] insns = segs.insns;
        this.segs = segs;
        this.c = c;
        this.insns = insns;
        this.eip = eip;
        this.n = insns.length;
        this.wrapsIp = wrapsIp;
        int regs = 0;
        if (REGISTERS_IN_LOCALS) {
            regs = 0xFF;
            for (Insn x : insns) if (x.op == Op.LEAVE) regs &= ~(1 << Cpu.EBP | 1 << Cpu.ESP);
        }
        this.cached = regs;
        this.used = used;
        this.dirty = dirty;
        // a joined method (CallSegments) keeps each offset relative to its own segment: no tail for it
        this.tail = LoopTail.of(insns, segs.segments() == 1 && isSelfLoop(insns, eip));
    }

    /**
     * The compiled form of {@code block} starting at {@code eip} with the code its call returns to
     * ({@link CallSegments}, from {@code cache}; CS base {@code csBase}), or of the block alone, or
     * null if it is not worth compiling.
     */
    static CompiledBlock compile(CodeCache cache, CodeCache.Block block, int eip, int csBase) {
        if (JOIN_CALLS && block.cacheable && !block.wrapsIp) {
            CallSegments segs = CallSegments.of(cache, block, eip, csBase);
            if (segs.segments() > 1) {
                CompiledBlock compiled = compile(block, eip, segs);
                if (compiled != null) return compiled;
            }
        }
        // a block that loops to itself compiles alone (see REGIONS)
        if (REGIONS && block.cacheable && !block.wrapsIp && !isSelfLoop(block.insns, eip)) {
            CallSegments region = CallSegments.region(cache, block, eip, csBase);
            if (region.segments() > 1) {
                CompiledBlock compiled = compile(block, eip, region);
                if (compiled != null) return compiled;
            }
        }
        return compile(block, eip);
    }

    /** The compiled form of {@code block} starting at {@code eip}, or null if it is not worth compiling. */
    static CompiledBlock compile(CodeCache.Block block, int eip) {
        return compile(block, eip, CallSegments.single(block.insns, eip));
    }

    private static CompiledBlock compile(CodeCache.Block block, int eip, CallSegments segs) {
        Insn[] insns = segs.insns;
        if (!block.cacheable || insns.length < 2 && !isSelfLoop(insns, eip)) return null;
        try {
            ClassFile cf = new ClassFile();
            ClassFile.Code c = new ClassFile.Code(cf);
            // a first pass finds the registers the block uses and writes, the second emits with them
            BlockCompiler scan = new BlockCompiler(new ClassFile.Code(new ClassFile()), segs, eip, block.wrapsIp, 0, 0);
            scan.emitBody();
            BlockCompiler emitted = new BlockCompiler(c, segs, eip, block.wrapsIp, scan.used, scan.dirty);
            emitted.emitBody();
            // HotSpot never compiles a method above 8000 bytes of bytecode (HugeMethodLimit): it would
            // run slower than the interpreter (64 instructions take about 2.5 KB, at most about 6 KB)
            if (c.pc() > 8000) return null;
            String name = "i386mon/machine/cpu/CompiledBlock$" + Integer.toHexString(eip);
            byte[] bytes = cf.build(name, BLOCK, "run", RUN_DESC, c, STACK, LOCALS);
            ClassDump.write(name, bytes);
            Class<?> k = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            CompiledBlock compiled = (CompiledBlock) k.getDeclaredConstructor().newInstance();
            compiled.insns = insns;
            compiled.length = insns.length; // all segments: a pass runs them all, so the budget must hold them on entry
            compiled.spans = segs.spans();
            if (emitted.exits > 0) compiled.exitSlots(emitted.exits);
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

    /**
     * True if the compiler emits instruction {@code i} itself (otherwise it calls the handler, which
     * may leave the block). The 32-bit register shifts of the general rows: SHL, SHR, SAL, SAR.
     */
    static boolean direct(Insn i) {
        Op op = i.op;
        if (op.fast) return true;
        switch (op) {
            case NOP: case JCC: case JMP_JB: case JMP_JZ: case CALL_JZ: case RET: case RET_IW:
            case ALU_EB_GB: case ALU_EV_GV: case ALU_GB_EB: case ALU_GV_EV: case ALU_AL_IB: case ALU_EAX_IZ:
            case ALU_EB_IB: case ALU_EV_IZ: case ALU_EV_IBS:
            case TEST_EB_GB: case TEST_EV_GV: case TEST_AL_IB: case TEST_EAX_IZ: case TEST_EB_IB: case TEST_EV_IZ:
            case INC_R: case DEC_R: case INC_EB: case DEC_EB: case INC_EV: case DEC_EV:
            case MOV_EB_GB: case MOV_EV_GV: case MOV_GB_EB: case MOV_GV_EV: case MOV_EB_IB: case MOV_EV_IZ:
            case MOV_R8_IB: case MOV_R_IZ: case MOV_AL_MOFFS: case MOV_EAX_MOFFS: case MOV_MOFFS_AL: case MOV_MOFFS_EAX:
            case MOVZX_B: case MOVZX_W: case MOVSX_B: case MOVSX_W: case LEA:
            case SETCC: case CMOV: case IMUL_GV_EV_IMM: case IMUL_GV_EV:
            case PUSH_R: case POP_R: case PUSH_IMM: case PUSH_EV: case LEAVE:
            case CBW: case CWD: case XCHG_EAX_R:
                return true;
            case SHIFT_EV_IB: case SHIFT_EV_1: case SHIFT_EV_CL:
                return i.mod == 3 && i.o32 && i.sub >= 4;
            case MOVS: case STOS: case LODS:
                return i.rep == 0;
            case MUL_EV: case IMUL_EV:
                return i.o32;
            default:
                return false;
        }
    }

    /**
     * True if instruction {@code i} may fault. The rows' FAULT column is the whole row's: an ALU,
     * TEST, MOV, MOVZX/MOVSX, SETcc, CMOVcc, IMUL, shift or INC/DEC form faults only through its
     * memory operand (a LOCK on its register form decodes as UD), so its register form leaves the
     * flags before it unseen and they may die (the CRC loop's INC before an XOR stored them, #19).
     */
    static boolean faults(Insn i) {
        if (!i.op.mayFault()) return false;
        if (i.mod != 3) return true;
        switch (i.op) {
            case ALU_EB_GB: case ALU_EV_GV: case ALU_GB_EB: case ALU_GV_EV: case ALU_EB_IB: case ALU_EV_IZ: case ALU_EV_IBS:
            case TEST_EB_GB: case TEST_EV_GV: case TEST_EB_IB: case TEST_EV_IZ:
            case MOV_EB_GB: case MOV_EV_GV: case MOV_GB_EB: case MOV_GV_EV: case MOV_EB_IB: case MOV_EV_IZ:
            case MOVZX_B: case MOVZX_W: case MOVSX_B: case MOVSX_W: case SETCC: case CMOV:
            case IMUL_GV_EV: case IMUL_GV_EV_IMM: case SHIFT_EV_IB: case SHIFT_EV_1: case SHIFT_EV_CL:
            case INC_EB: case DEC_EB: case INC_EV: case DEC_EV:
                return false;
            default:
                return true;
        }
    }

    /**
     * The flag effect of an instruction, from its row's columns. One the compiler does not emit
     * itself is called from compiled code and may leave the block after it (attention), so the
     * flags before it must be live: it counts as {@code UNKNOWN}. A shift by CL changes no flag
     * when CL is 0 mod 32: the flags before it may survive it.
     */
    private static Flags flags(Insn i) {
        if (!direct(i)) return Flags.UNKNOWN;
        switch (i.op) {
            case SHIFT_EV_CL: return Flags.READS;
            case SHL32_RI: case SHR32_RI: case SAR32_RI: case ROL32_RI: case SHIFT_EV_IB:
                if ((i.imm & 31) == 0) return Flags.NONE;
                break;
            default: break;
        }
        int reads = i.entry.reads, writes = i.entry.writes;
        if (reads != 0) return Flags.READS;
        if (writes == 0) return Flags.NONE;
        if ((writes & Cpu.ARITH) == Cpu.ARITH) return Flags.FULL;
        // INC/DEC keep CF: setLazy/incDec32 read the previous one into the lazy state.
        return (writes & Cpu.CF) == 0 ? Flags.READS_CF : Flags.PARTIAL;
    }

    /** True if the flag state instruction {@code k} leaves is overwritten before anything can see it. */
    private static boolean flagsDead(Insn[] insns, int k) {
        return flagsDead(insns, k, insns.length);
    }

    /** As {@link #flagsDead(Insn[], int)} up to index {@code end} (a region's segment ends there). */
    private static boolean flagsDead(Insn[] insns, int k, int end) {
        for (int j = k + 1; j < end; j++) {
            Flags f = flags(insns[j]);
            // an INC/DEC whose own flags are dead and that cannot leave the block passes on no CF
            if (f == Flags.READS_CF && !faults(insns[j]) && flagsDead(insns, j, end)) continue;
            if (f == Flags.READS || f == Flags.READS_CF || f == Flags.UNKNOWN || faults(insns[j])) return false;
            if (f == Flags.FULL) return true;
        }
        return false;
    }

    /** {@code wrapsIp}: 16-bit code whose last instruction ends at 0x10000, after which IP is 0. */
    private void emitBody() {
        c.aload(C).getfield(CPU, "r", "[I").astore(R);
        c.op(LCONST_0).lstore(COUNT);
        accessStart(); // the verifier wants ATTN defined on every path
        // the run loop passes the first block's instructions: a handler call in a later segment needs them all
        if (segs.segments() > 1) c.aload(0).getfield(BLOCK, "insns", "[L" + INSN + ";").astore(INSNS);
        // a joined loop returns to the run loop every few passes: HotSpot then compiles the method
        // after a few hundred calls, where one long call would interpret it up to its loop (OSR) threshold
        if (segs.segments() > 1) {
            // Math.min, not a branch here: a branch whose one side this method had not yet seen (a
            // small budget near a slice's end) made HotSpot throw its compiled method away (#19)
            c.lload(BUDGET).lconst(JOINED_PASSES * n).invokestatic("java/lang/Math", "min", "(JJ)J").lstore(BUDGET);
        }
        registersIn();
        covered = c.pc();
        top = c.pc();
        try {
            instructions();
        } finally {
            // a fault where the locals hold the registers: store them, then let it go on to the run loop
            int handler = c.pc();
            ranges.add(new int[] {covered, handler});
            for (int[] range : ranges) c.handler(range[0], range[1], handler);
            registersOut();
            c.op(ATHROW);
        }
    }

    private void instructions() {
        for (k = 0; k < n; k++) {
            i = insns[k];
            at = segs.address(k);
            next = at + i.len;
            if (wrapsIp && next == 0x10000) next = 0;
            dead = flagsDead(insns, k, segs.isRegion() ? segs.segmentEnd(k) : n);
            pendingOp = -1;
            if (segs.joins(k) != 0) {
                join();
                continue;
            }
            if (segs.isRegion() && regionInstruction()) continue;
            if (k == n - 1 && closing()) return;
            if (direct(i)) {
                instruction();
            } else {
                fallback();
                if ((i.op.writes | i.entry.writes) != 0) known = K_NONE;
            }
        }
        if (segs.isRegion()) {
            for (int[] jump : regionJumps) c.patch(jump[0], segmentPc[jump[1]]);
            return;
        }
        Insn last = insns[n - 1];
        chainExit(wrapsIp ? 0 : segs.address(n - 1) + last.len, n, FALL_THROUGH);
    }

    // ---- branch regions (CallSegments.region): the blocks' branches between them jump inside the method

    /** Region exits emitted so far (each its own link slot). */
    private int exits;
    /** Where each segment's code begins (-1: not yet emitted), and the forward jumps to patch (position, segment). */
    private int[] segmentPc;
    private final java.util.List<int[]> regionJumps = new java.util.ArrayList<>();

    /**
     * In a region, at instruction k: marks a segment's start (nothing is known of the flags there:
     * several branches lead to it) and emits a segment's closing branch; true if it emitted k.
     */
    private boolean regionInstruction() {
        int s = segs.segmentOf(k);
        if (k == segs.start(s)) {
            if (segmentPc == null) {
                segmentPc = new int[segs.segments()];
                java.util.Arrays.fill(segmentPc, -1);
            }
            segmentPc[s] = c.pc();
            known = K_NONE;
        }
        if (!segs.endsSegment(k)) return false;
        int target = next + i.imm; // a region's branches are all 32-bit
        if (i.op == Op.JCC) {
            int taken = condition(i.sub);
            regionEdge(next, segs.notTakenSegment(k));
            c.patch(taken, c.pc());
        }
        codeLimit(target);
        regionEdge(target, segs.takenSegment(k));
        return true;
    }

    /**
     * Goes on at {@code to} after branch k: in segment {@code s} of the method, or (-1) leaves
     * through its own exit link. COUNT moves so that COUNT + index stays the count retired at every
     * instruction; a branch back (to an index at or before k) is a loop: it leaves when attention or
     * the budget for a whole further pass require, as a self-loop does.
     */
    private void regionEdge(int to, int s) {
        if (s < 0) {
            chainExit(to, k + 1, REGION_EXIT + exits++);
            return;
        }
        int delta = k + 1 - segs.start(s);
        if (delta != 0) c.lload(COUNT).lconst(delta).op(LADD).lstore(COUNT);
        if (delta <= 0) {
            jumpToSegment(s);
            return;
        }
        c.aload(C).getfield(CPU, "attention", "Z");
        int leave1 = c.branch(IFNE);
        c.lload(COUNT).lconst(n).op(LADD).lload(BUDGET).op(LCMP);
        int leave2 = c.branch(IFGT);
        jumpToSegment(s);
        c.patch(leave1, c.pc());
        c.patch(leave2, c.pc());
        exit(to, segs.start(s));
    }

    private void jumpToSegment(int s) {
        if (segmentPc != null && segmentPc[s] >= 0) c.branchTo(GOTO, segmentPc[s]);
        else regionJumps.add(new int[] {c.branch(GOTO), s});
    }

    /** Stores the registers this block wrote from their locals to the array. */
    private void registersOut() {
        for (int r = 0; r < 8; r++) if ((dirty & cached & 1 << r) != 0) c.aload(R).iconst(r).iload(REG0 + r).op(IASTORE);
    }

    /** Reloads the registers this block uses from the array (a handler may have changed any). */
    private void registersIn() {
        for (int r = 0; r < 8; r++) if ((used & cached & 1 << r) != 0) c.aload(R).iconst(r).op(IALOAD).istore(REG0 + r);
        if (espInLocal()) stackIn();
    }

    // ---- the instructions

    private void instruction() {
        Op op = i.op;
        switch (op) {
            case NOP: break;
            case ADD32_RR: case SUB32_RR: case CMP32_RR: case OR32_RR: case AND32_RR: case XOR32_RR: case TEST32_RR:
                loadReg(i.dst).istore(D);
                loadReg(i.src).istore(S);
                arithTo(fastSub(op), 4, true, i.dst);
                break;
            case ADD32_RI: case SUB32_RI: case CMP32_RI: case OR32_RI: case AND32_RI: case XOR32_RI:
                loadReg(i.dst).istore(D);
                c.iconst(i.imm).istore(S);
                arithTo(fastSub(op), 4, true, i.dst);
                break;
            case INC32_R: case DEC32_R:
                loadReg(i.dst).istore(D);
                incDec(op == Op.INC32_R, 4, true);
                storeReg(i.dst, RES);
                break;
            case MOV32_RR: loadReg(i.src); storeRegFromStack(i.dst); break;
            case MOV32_RI: c.iconst(i.imm); storeRegFromStack(i.dst); break;
            case ROL32_RI: rol(); break;
            case SHL32_RI: shift(4, i.dst, i.imm & 31, false); break;
            case SHR32_RI: shift(5, i.dst, i.imm & 31, false); break;
            case SAR32_RI: shift(7, i.dst, i.imm & 31, false); break;
            case SHIFT_EV_IB: shift(i.sub, i.rm, i.imm & 31, false); break;
            case SHIFT_EV_1: shift(i.sub, i.rm, 1, false); break;
            case SHIFT_EV_CL: shift(i.sub, i.rm, 0, true); break;
            case MOV32_RM:
                memoryOperand();
                readMemory(4);
                storeRegFromStack(i.dst);
                leaveIfMissAttention();
                break;
            case MOV32_MR:
                memoryOperand();
                loadReg(i.src).istore(T);
                storeE(4, T);
                leaveIfMissAttention();
                break;
            case ALU_GB_EB: case ALU_GV_EV: {
                int size = op == Op.ALU_GB_EB ? 1 : osize();
                memoryOperand();
                loadRegSized(i.reg, size);
                c.istore(D);
                loadE(size);
                c.istore(S);
                arithTo(i.sub, size, false, -1);
                if (i.sub != 7) storeRegSized(i.reg, size, RES);
                afterMemory();
                break;
            }
            case ALU_EB_GB: case ALU_EV_GV:
                aluE(op == Op.ALU_EB_GB ? 1 : osize(), false);
                break;
            case ALU_EB_IB: aluE(1, true); break;
            case ALU_EV_IZ: case ALU_EV_IBS: aluE(osize(), true); break;
            case ALU_AL_IB: case ALU_EAX_IZ: case TEST_AL_IB: case TEST_EAX_IZ: {
                // the accumulator with an immediate; CMP and TEST keep only the flags
                int size = op == Op.ALU_AL_IB || op == Op.TEST_AL_IB ? 1 : osize();
                int kind = op == Op.TEST_AL_IB || op == Op.TEST_EAX_IZ ? TEST : i.sub;
                loadRegSized(Cpu.EAX, size);
                c.istore(D);
                c.iconst(i.imm & Cpu.mask(size)).istore(S);
                arithTo(kind, size, false, -1);
                if (kind != 7 && kind != TEST) storeRegSized(Cpu.EAX, size, RES);
                break;
            }
            case TEST_EB_GB: case TEST_EV_GV: case TEST_EB_IB: case TEST_EV_IZ: {
                int size = op == Op.TEST_EB_GB || op == Op.TEST_EB_IB ? 1 : osize();
                memoryOperand();
                loadE(size);
                c.istore(D);
                if (op == Op.TEST_EB_GB || op == Op.TEST_EV_GV) loadRegSized(i.reg, size); else c.iconst(i.imm & Cpu.mask(size));
                c.istore(S);
                arithTo(TEST, size, false, -1);
                afterMemory();
                break;
            }
            case INC_R: case DEC_R: {
                int size = osize();
                loadRegSized(i.sub, size);
                c.istore(D);
                incDec(op == Op.INC_R, size, false);
                storeRegSized(i.sub, size, RES);
                break;
            }
            case INC_EB: case DEC_EB: case INC_EV: case DEC_EV: {
                int size = op == Op.INC_EB || op == Op.DEC_EB ? 1 : osize();
                boolean inc = op == Op.INC_EB || op == Op.INC_EV;
                if (i.mod == 3) {
                    loadRegSized(i.rm, size);
                    c.istore(D);
                    incDec(inc, size, false);
                    storeRegSized(i.rm, size, RES);
                    break;
                }
                memoryOperand();
                readForWrite(size);
                incDec(inc, size, false);
                writeBack(size);
                leaveIfMissAttention();
                break;
            }
            case MOV_GB_EB: case MOV_GV_EV: case MOV_AL_MOFFS: case MOV_EAX_MOFFS: {
                int size = op == Op.MOV_GB_EB || op == Op.MOV_AL_MOFFS ? 1 : osize();
                memoryOperand();
                loadE(size);
                c.istore(T);
                storeRegSized(op == Op.MOV_AL_MOFFS || op == Op.MOV_EAX_MOFFS ? Cpu.EAX : i.reg, size, T);
                afterMemory();
                break;
            }
            case MOV_EB_GB: case MOV_EV_GV: case MOV_MOFFS_AL: case MOV_MOFFS_EAX: {
                int size = op == Op.MOV_EB_GB || op == Op.MOV_MOFFS_AL ? 1 : osize();
                int src = op == Op.MOV_MOFFS_AL || op == Op.MOV_MOFFS_EAX ? Cpu.EAX : i.reg;
                memoryOperand();
                // the interpreter passes the whole register for a word store (the store keeps its low bits)
                if (size == 1) loadRegSized(src, 1); else loadReg(src);
                c.istore(T);
                storeE(size, T);
                afterMemory();
                break;
            }
            case MOV_EB_IB: case MOV_EV_IZ: {
                int size = op == Op.MOV_EB_IB ? 1 : osize();
                memoryOperand();
                c.iconst(i.imm).istore(T);
                storeE(size, T);
                afterMemory();
                break;
            }
            case MOV_R8_IB: c.iconst(i.imm).istore(T); storeRegSized(i.sub, 1, T); break;
            case MOV_R_IZ: c.iconst(i.imm).istore(T); storeRegSized(i.sub, osize(), T); break;
            case MOVZX_B: case MOVZX_W: case MOVSX_B: case MOVSX_W: {
                boolean word = op == Op.MOVZX_W || op == Op.MOVSX_W;
                memoryOperand();
                loadE(word ? 2 : 1);
                if (op == Op.MOVSX_B) c.op(I2B);
                if (op == Op.MOVSX_W) c.op(I2S);
                c.istore(T);
                storeRegSized(i.reg, osize(), T);
                afterMemory();
                break;
            }
            case LEA:
                effectiveAddress();
                storeRegSized(i.reg, osize(), EA);
                break;
            case SETCC:
                memoryOperand();
                c.iconst(0).istore(T);
                ifCondition(i.sub, () -> c.iconst(1).istore(T));
                storeE(1, T);
                afterMemory();
                break;
            case CMOV: {
                int size = osize();
                memoryOperand();
                loadE(size);
                c.istore(T);
                ifCondition(i.sub, () -> storeRegSized(i.reg, size, T));
                afterMemory();
                break;
            }
            case IMUL_GV_EV_IMM: case IMUL_GV_EV: {
                int size = osize();
                memoryOperand();
                if (op == Op.IMUL_GV_EV) loadRegSized(i.reg, size);
                loadE(size);
                if (op == Op.IMUL_GV_EV_IMM) c.iconst(i.imm);
                if (size == 4 && dead && !i.isMem()) {
                    c.op(IMUL); // the low 32 bits of the product; the flags are overwritten unseen
                } else if (size == 4 && dead) {
                    productFlagsOnLeaving();
                } else {
                    c.istore(T).istore(LIN);
                    c.aload(C).iload(LIN).iload(T).iconst(size).invokestatic(EXEC, "imul2", "(L" + CPU + ";III)I");
                }
                known = K_NONE;
                c.istore(T);
                storeRegSized(i.reg, size, T);
                afterMemory();
                pendingProduct = false;
                break;
            }
            case PUSH32_R:
                accessStart();
                loadReg(i.dst).istore(T);
                pushLocal(T, 4);
                leaveIfMissAttention();
                break;
            case PUSH_R:
                accessStart();
                loadReg(i.sub).istore(T);
                pushLocal(T, osize());
                leaveIfMissAttention();
                break;
            case PUSH_IMM:
                accessStart();
                c.iconst(i.imm).istore(T);
                pushLocal(T, osize());
                leaveIfMissAttention();
                break;
            case PUSH_EV:
                memoryOperand();
                if (!i.isMem()) accessStart();
                loadE(osize());
                c.istore(T);
                pushLocal(T, osize());
                leaveIfMissAttention();
                break;
            case POP32_R: case POP_R: {
                int reg = op == Op.POP32_R ? i.dst : i.sub, size = osize();
                accessStart();
                popTo(size);
                storeRegSized(reg, size, T);
                leaveIfMissAttention();
                break;
            }
            case LEAVE:
                faultPoint();
                c.aload(C).iconst(osize()).invokestatic(EXEC, "leave", "(L" + CPU + ";I)V");
                leaveIfAttention();
                break;
            case CBW:
                if (i.o32) {
                    loadReg(Cpu.EAX).op(I2S);
                    storeRegFromStack(Cpu.EAX);
                } else {
                    loadReg(Cpu.EAX).op(I2B).istore(T);
                    storeRegSized(Cpu.EAX, 2, T);
                }
                break;
            case CWD:
                if (i.o32) {
                    loadReg(Cpu.EAX).iconst(31).op(ISHR);
                    storeRegFromStack(Cpu.EDX);
                } else {
                    loadReg(Cpu.EAX).op(I2S).iconst(15).op(ISHR).istore(T);
                    storeRegSized(Cpu.EDX, 2, T);
                }
                break;
            case XCHG_EAX_R: {
                int size = osize();
                loadRegSized(Cpu.EAX, size);
                c.istore(T);
                loadRegSized(i.sub, size);
                c.istore(LIN);
                storeRegSized(Cpu.EAX, size, LIN);
                storeRegSized(i.sub, size, T);
                break;
            }
            case MOVS: case STOS: case LODS: stringOnce(); break;
            case MUL_EV: case IMUL_EV: multiplyAccumulator(op == Op.IMUL_EV); break;
            default:
                throw new AssertionError("no direct form for " + op);
        }
    }

    /**
     * MOVS, STOS or LODS without a REP prefix: one iteration as {@link StringOps} does it: the read
     * (DS:ESI, or its override), the write (ES:EDI), then ESI and EDI moved by the element size,
     * down when DF is set, within 16 bits under 16-bit addressing. A fault in either access leaves
     * ESI and EDI as they were, EIP at the instruction. T holds the element, EA the offset, LIN the step.
     */
    private void stringOnce() {
        int size = i.sub == 1 ? 1 : osize();
        accessStart();
        if (i.op != Op.STOS) {
            stringOffset(Cpu.ESI);
            readMemory(size);
            c.istore(T);
        } else {
            loadReg(Cpu.EAX).istore(T); // the interpreter passes the whole register (the store keeps its low bits)
        }
        if (i.op == Op.LODS) {
            storeRegSized(Cpu.EAX, size, T);
        } else {
            stringOffset(Cpu.EDI);
            c.aload(C).iconst(Cpu.ES).iload(EA).iconst(size).iload(T);
            faultPointArgs();
            c.invokestatic(ACCESS, "write", "(L" + CPU + ";IIIIIJ)Z");
            noteAttention();
        }
        // the step: size, or -size when DF (bit 10) is set: size - 2 * size * DF
        c.aload(C).getfield(CPU, "flags", "I").iconst(Integer.numberOfTrailingZeros(Cpu.DF)).op(IUSHR).iconst(1).op(IAND);
        c.iconst(-2 * size).op(IMUL).iconst(size).op(IADD).istore(LIN);
        if (i.op != Op.STOS) advanceIndex(Cpu.ESI);
        if (i.op != Op.LODS) advanceIndex(Cpu.EDI);
        leaveIfMissAttention();
    }

    /** EA = the offset index register {@code reg} (ESI, EDI) holds under the instruction's address size. */
    private void stringOffset(int reg) {
        loadReg(reg);
        if (!i.a32) c.iconst(0xFFFF).op(IAND);
        c.istore(EA);
    }

    /** Moves index register {@code reg} by LIN, within its low 16 bits under 16-bit addressing (as {@link StringOps#advance}). */
    private void advanceIndex(int reg) {
        if (i.a32) {
            loadReg(reg).iload(LIN).op(IADD);
        } else {
            loadReg(reg).iconst(0xFFFF_0000).op(IAND);
            loadReg(reg).iload(LIN).op(IADD).iconst(0xFFFF).op(IAND).op(IOR);
        }
        storeRegFromStack(reg);
    }

    /**
     * One-operand 32-bit MUL or IMUL: EDX:EAX = EAX * r/m32, CF = OF = the high half significant,
     * ZF SF PF from the low half ({@link MulDiv#mul}). The flags are left out when dead and nothing
     * can leave the block before they are overwritten (a register operand). T is the low half, LIN the high.
     */
    private void multiplyAccumulator(boolean signed) {
        memoryOperand();
        loadE(4);
        widen(signed);
        loadReg(Cpu.EAX);
        widen(signed);
        c.op(LMUL).op(DUP2).op(L2I).istore(T);
        c.iconst(32).op(LUSHR).op(L2I).istore(LIN);
        storeReg(Cpu.EAX, T);
        storeReg(Cpu.EDX, LIN);
        if (!dead || i.isMem()) {
            c.aload(C).iload(T).iload(LIN).iconst(signed ? 1 : 0);
            c.invokestatic(FORMS, "multiplyFlags", "(L" + CPU + ";IIZ)V");
        }
        known = K_NONE;
        afterMemory();
    }

    /** The 32-bit IMUL of this instruction left its flags to the exit a miss's attention request takes ({@link #productFlagsOnLeaving}). */
    private boolean pendingProduct;

    /**
     * A 32-bit IMUL with a memory operand whose flags are dead, its two factors on the stack: the
     * product inline (as for a register operand). Its flags can be seen only if its access missed
     * and asked for attention, leaving the block after it: that exit alone sets them, by {@link
     * Executor#imul2} on the factors kept in D and S (nothing known of the flags reads those now).
     */
    private void productFlagsOnLeaving() {
        c.istore(S).istore(D);
        c.iload(D).iload(S).op(IMUL);
        pendingProduct = true;
    }

    /** The int on the stack to a long: sign-extended if {@code signed}, else zero-extended. */
    private void widen(boolean signed) {
        c.op(I2L);
        if (!signed) c.lconst(-1).iconst(32).op(LUSHR).op(LAND);
    }

    /** The ALU sub-code (ADD 0 ... CMP 7, TEST) of a fast form. */
    private static int fastSub(Op op) {
        switch (op) {
            case ADD32_RR: case ADD32_RI: return 0;
            case OR32_RR: case OR32_RI: return 1;
            case AND32_RR: case AND32_RI: return 4;
            case SUB32_RR: case SUB32_RI: return 5;
            case XOR32_RR: case XOR32_RI: return 6;
            case CMP32_RR: case CMP32_RI: return 7;
            default: return TEST;
        }
    }

    private int osize() {
        return i.o32 ? 4 : 2;
    }

    /** ALU with an r/m destination: register, memory compared, or memory read-modify-write. */
    private void aluE(int size, boolean immediate) {
        if (i.mod == 3) {
            loadRegSized(i.rm, size);
            c.istore(D);
            aluSource(size, immediate);
            arithTo(i.sub, size, false, -1);
            if (i.sub != 7) storeRegSized(i.rm, size, RES);
            return;
        }
        memoryOperand();
        if (i.sub == 7) {
            readMemory(size);
            c.istore(D);
            aluSource(size, immediate);
            arithTo(7, size, false, -1);
        } else {
            readForWrite(size);
            aluSource(size, immediate);
            arithTo(i.sub, size, false, -1);
            writeBack(size);
        }
        leaveIfMissAttention();
    }

    private void aluSource(int size, boolean immediate) {
        if (immediate) c.iconst(i.imm & Cpu.mask(size)); else loadRegSized(i.reg, size);
        c.istore(S);
    }

    /**
     * RES = D op S (masked to the size), the flags as the interpreter sets them (unless dead), and
     * RES stored to register {@code dst} of a fast form unless CMP/TEST. ADC and SBB, which read
     * CF, are the interpreter's own {@link Executor#alu}.
     */
    private void arithTo(int sub, int size, boolean fast, int dst) {
        if (sub == 2 || sub == 3) {
            c.aload(C).iconst(sub).iload(D).iload(S).iconst(size).invokestatic(EXEC, "alu", "(L" + CPU + ";IIII)I").istore(RES);
            known = K_NONE;
            return;
        }
        int jop, lop;
        switch (sub) {
            case 0: jop = IADD; lop = Cpu.L_ADD; break;
            case 5: case 7: jop = ISUB; lop = Cpu.L_SUB; break;
            case 1: jop = IOR; lop = Cpu.L_LOGIC; break;
            case 6: jop = IXOR; lop = Cpu.L_LOGIC; break;
            default: jop = IAND; lop = Cpu.L_LOGIC; break; // AND, TEST
        }
        c.iload(D).iload(S).op(jop);
        if (size < 4) c.iconst(Cpu.mask(size)).op(IAND);
        c.istore(RES);
        if (dst >= 0 && sub != 7 && sub != TEST) storeReg(dst, RES);
        flagsOf(lop, size, fast);
        known = lop == Cpu.L_SUB ? K_SUB : lop == Cpu.L_LOGIC ? K_LOGIC : K_RESULT;
        knownSize = size;
    }

    /** RES = D + 1 or D - 1 (masked), S = 1, the INC/DEC flags unless dead. */
    private void incDec(boolean inc, int size, boolean fast) {
        c.iload(D).iconst(1).op(inc ? IADD : ISUB);
        if (size < 4) c.iconst(Cpu.mask(size)).op(IAND);
        c.istore(RES);
        c.iconst(1).istore(S);
        flagsOf(inc ? Cpu.L_INC : Cpu.L_DEC, size, fast);
        known = K_RESULT;
        knownSize = size;
    }

    /** ROL r32, imm: only CF and OF change, so a known ZF stays known. T is the temporary. */
    private void rol() {
        int cnt = i.imm & 31;
        if (cnt == 0) return;
        loadReg(i.dst).iconst(cnt).op(ISHL);
        loadReg(i.dst).iconst(32 - cnt).op(IUSHR).op(IOR).istore(T);
        storeReg(i.dst, T);
        if (!dead) {
            c.aload(C).iload(T).iconst(1).op(IAND);
            c.iload(T).iconst(31).op(IUSHR).iload(T).op(IXOR).iconst(1).op(IAND);
            c.invokevirtual(CPU, "carryOverflow", "(ZZ)V");
        }
        if (known != K_NONE) known = K_RESULT;
    }

    /**
     * SHL/SAL (4, 6), SHR (5), SAR (7) of 32-bit register {@code reg} by {@code count} or by CL. The
     * flags are {@link FastOps}'s; when dead only the result is computed (by CL, a count of 0 leaves
     * the register as it is either way).
     */
    private void shift(int kind, int reg, int count, boolean byCl) {
        if (!byCl && count == 0) return;
        loadReg(reg);
        if (byCl) loadReg(Cpu.ECX).iconst(31).op(IAND); else c.iconst(count);
        if (dead) {
            c.op(kind == 5 ? IUSHR : kind == 7 ? ISHR : ISHL);
        } else {
            c.istore(T).istore(RES);
            c.aload(C).iload(RES).iload(T);
            c.invokestatic(FAST, kind == 5 ? "shr32" : kind == 7 ? "sar32" : "shl32", "(L" + CPU + ";II)I");
        }
        c.istore(RES);
        storeReg(reg, RES);
        known = byCl ? K_NONE : K_RESULT;
        knownSize = 4;
    }

    // ---- flags

    /** The lazy-flag store of an arithmetic result in D, S, RES, or its note as pending if dead. */
    private void flagsOf(int lop, int size, boolean fast) {
        if (dead) {
            pendingOp = lop;
            pendingSize = size;
            pendingFast = fast;
        } else if (tail.defers(k)) {
            int slot = tail.defer(k, lop, size, fast);
            c.iload(D).istore(TAIL + 3 * slot).iload(S).istore(TAIL + 3 * slot + 1).iload(RES).istore(TAIL + 3 * slot + 2);
        } else {
            storeFlags(lop, size, fast);
        }
    }

    /** The interpreter's own flag call: the 32-bit setters for the fast forms, {@link Cpu#setLazy} for the rows. */
    private void storeFlags(int lop, int size, boolean fast) {
        storeFlags(lop, size, fast, D, S, RES);
    }

    /** As {@link #storeFlags(int, int, boolean)} with the operands and result in locals {@code d}, {@code s}, {@code res}. */
    private void storeFlags(int lop, int size, boolean fast, int d, int s, int res) {
        if (fast && size == 4) {
            if (lop == Cpu.L_LOGIC) {
                c.aload(C).iload(res).invokevirtual(CPU, "logic32", "(I)V");
            } else if (lop == Cpu.L_INC || lop == Cpu.L_DEC) {
                c.aload(C).iconst(lop).iload(res).iload(d).invokevirtual(CPU, "incDec32", "(III)V");
            } else {
                c.aload(C).iconst(lop).iload(res).iload(d).iload(s).invokevirtual(CPU, "lazy32", "(IIII)V");
            }
            return;
        }
        c.aload(C).iconst(lop).iload(res);
        if (lop == Cpu.L_LOGIC) c.iconst(0).iconst(0); else c.iload(d).iload(s);
        c.iconst(size).invokevirtual(CPU, "setLazy", "(IIIII)V");
    }

    /** The flag stores of the loop's closing setters deferred so far ({@link LoopTail}), in their order. */
    private void storeTail() {
        for (int slot = 0; slot < tail.deferred(); slot++) {
            storeFlags(tail.op(slot), tail.size(slot), tail.fast(slot), TAIL + 3 * slot, TAIL + 3 * slot + 1, TAIL + 3 * slot + 2);
        }
    }

    /**
     * Emits {@code then} to run when condition {@code cc} holds: computed from D, S and RES when
     * the last flag setter is known, else by {@link Cpu#cond}.
     */
    private void ifCondition(int cc, Runnable then) {
        int holds = condition(cc);
        int skip = c.branch(GOTO);
        c.patch(holds, c.pc());
        then.run();
        c.patch(skip, c.pc());
    }

    /** Emits a test of condition {@code cc} that branches when it holds; returns the branch to patch. */
    private int condition(int cc) {
        int shift = 32 - 8 * knownSize; // brings the operand's sign bit to bit 31
        if (known == K_SUB) {
            switch (cc) {
                case 4: return c.iload(RES).branch(IFEQ);
                case 5: return c.iload(RES).branch(IFNE);
                case 12: case 13: case 14: case 15:
                    c.iload(D);
                    if (shift != 0) c.iconst(shift).op(ISHL);
                    c.iload(S);
                    if (shift != 0) c.iconst(shift).op(ISHL);
                    return c.branch(cc == 12 ? IF_ICMPLT : cc == 13 ? IF_ICMPGE : cc == 14 ? IF_ICMPLE : IF_ICMPGT);
                case 2: case 3: case 6: case 7:
                    // unsigned: compare with the sign bits flipped (narrower operands are zero-extended already)
                    if (knownSize == 4) c.iload(D).iconst(0x8000_0000).op(IXOR).iload(S).iconst(0x8000_0000).op(IXOR);
                    else c.iload(D).iload(S);
                    return c.branch(cc == 2 ? IF_ICMPLT : cc == 3 ? IF_ICMPGE : cc == 6 ? IF_ICMPLE : IF_ICMPGT);
                default: break;
            }
        } else if (known == K_LOGIC) {
            switch (cc) {
                case 4: return c.iload(RES).branch(IFEQ);
                case 5: return c.iload(RES).branch(IFNE);
                case 8: case 9: case 12: case 13: case 14: case 15:
                    // OF = 0: less is SF, less-or-equal SF or ZF, both from the sign-aligned result
                    c.iload(RES);
                    if (shift != 0) c.iconst(shift).op(ISHL);
                    return c.branch(cc == 8 || cc == 12 ? IFLT : cc == 9 || cc == 13 ? IFGE : cc == 14 ? IFLE : IFGT);
                default: break;
            }
        } else if (known == K_RESULT && (cc == 4 || cc == 5)) {
            return c.iload(RES).branch(cc == 4 ? IFEQ : IFNE);
        }
        storeTail(); // Cpu.cond reads the stored flags
        c.aload(C).iconst(cc).invokevirtual(CPU, "cond", "(I)Z");
        return c.branch(IFNE);
    }

    // ---- operands

    private ClassFile.Code loadReg(int reg) {
        used |= 1 << reg;
        if ((cached & 1 << reg) != 0) return c.iload(REG0 + reg);
        return c.aload(R).iconst(reg).op(IALOAD);
    }

    private void storeReg(int reg, int local) {
        c.iload(local);
        storeRegFromStack(reg);
    }

    /** Stores the int on the stack into register {@code reg}. */
    private void storeRegFromStack(int reg) {
        used |= 1 << reg;
        dirty |= 1 << reg;
        if ((cached & 1 << reg) != 0) {
            c.istore(REG0 + reg);
        } else {
            c.istore(V);
            c.aload(R).iconst(reg).iload(V).op(IASTORE);
        }
    }

    /** Pushes a register of {@code size} bytes, zero-extended (for size 1, AL..BH as ModRM numbers them). */
    private void loadRegSized(int reg, int size) {
        if (size == 4) loadReg(reg);
        else if (size == 2) loadReg(reg).iconst(0xFFFF).op(IAND);
        else if (reg < 4) loadReg(reg).iconst(0xFF).op(IAND);
        else loadReg(reg - 4).iconst(8).op(IUSHR).iconst(0xFF).op(IAND);
    }

    /** Stores a local into a register of {@code size} bytes, the rest of the register kept (as {@link Cpu#setRegSized}). */
    private void storeRegSized(int reg, int size, int local) {
        if (size == 4) {
            storeReg(reg, local);
            return;
        }
        boolean high = size == 1 && reg >= 4;
        int r = high ? reg - 4 : reg;
        int keep = size == 2 ? 0xFFFF_0000 : high ? 0xFFFF_00FF : 0xFFFF_FF00;
        loadReg(r).iconst(keep).op(IAND);
        c.iload(local).iconst(size == 2 ? 0xFFFF : 0xFF).op(IAND);
        if (high) c.iconst(8).op(ISHL);
        c.op(IOR);
        storeRegFromStack(r);
    }

    /** For a memory operand: EA, and no access missed yet (a miss records the fault point: nothing of the instruction has happened yet). */
    private void memoryOperand() {
        if (!i.isMem()) return;
        effectiveAddress();
        accessStart();
    }

    /** After an instruction that may have touched memory: leave if a checked access asked for attention. */
    private void afterMemory() {
        if (i.isMem()) leaveIfMissAttention();
    }

    /** EA = disp + base + (index << scale), masked to 16 bits for 16-bit addressing. */
    private void effectiveAddress() {
        c.iconst(i.disp);
        if (i.base >= 0) loadReg(i.base).op(IADD);
        if (i.index >= 0) {
            loadReg(i.index);
            if (i.scale != 0) c.iconst(i.scale).op(ISHL);
            c.op(IADD);
        }
        if (!i.a32) c.iconst(0xFFFF).op(IAND);
        c.istore(EA);
    }

    private void readMemory(int size) {
        c.aload(C).iconst(i.seg).iload(EA).iconst(size);
        faultPointArgs();
        c.invokestatic(ACCESS, "read", "(L" + CPU + ";IIIIJ)J");
        readAnswer();
    }

    /** Pushes the r/m operand (zero-extended). */
    private void loadE(int size) {
        if (i.mod == 3) loadRegSized(i.rm, size); else readMemory(size);
    }

    private void storeE(int size, int local) {
        if (i.mod == 3) {
            storeRegSized(i.rm, size, local);
            return;
        }
        c.aload(C).iconst(i.seg).iload(EA).iconst(size).iload(local);
        faultPointArgs();
        c.invokestatic(ACCESS, "write", "(L" + CPU + ";IIIIIJ)Z");
        noteAttention();
    }

    /** First half of a read-modify-write, as the interpreter's: LIN checked for writing, D read. */
    private void readForWrite(int size) {
        c.aload(C).iconst(i.seg).iload(EA).iconst(size);
        faultPointArgs();
        c.invokestatic(ACCESS, "readForWrite", "(L" + CPU + ";IIIIJ)J");
        readAnswer();
        c.istore(D);
    }

    private void writeBack(int size) {
        c.aload(C).iconst(i.seg).iload(EA).iconst(size).iload(RES).invokestatic(ACCESS, "writeBack", "(L" + CPU + ";IIII)Z");
        noteAttention();
    }

    // ---- the stack: with ESP in a local, a flat 32-bit stack is accessed inline (as Cpu.push32
    // does), any other through Cpu's helpers with ESP stored before and loaded after

    private boolean espInLocal() {
        return (cached & 1 << Cpu.ESP) != 0;
    }

    /**
     * Loads whether the stack is flat and 32-bit, and SS's base, into locals: SS changes only in a
     * handler (a load, a task switch, a delivery), after which the registers are loaded again too.
     */
    private void stackIn() {
        c.aload(C).invokevirtual(CPU, "flatStack32", "()Z").istore(FLAT_STACK);
        c.aload(C).getfield(CPU, "segBase", "[I").iconst(Cpu.SS).op(IALOAD).istore(SS_BASE);
    }

    /** Emits a test that branches (the position returned, to patch) unless the stack is flat and 32-bit. */
    private int unlessFlatStack() {
        return c.iload(FLAT_STACK).branch(IFEQ);
    }

    private void espOut() {
        used |= 1 << Cpu.ESP;
        c.aload(R).iconst(Cpu.ESP).iload(REG0 + Cpu.ESP).op(IASTORE);
    }

    private void espIn() {
        used |= 1 << Cpu.ESP;
        dirty |= 1 << Cpu.ESP;
        c.aload(R).iconst(Cpu.ESP).op(IALOAD).istore(REG0 + Cpu.ESP);
    }

    /** Pushes local {@code v} ({@code size} bytes) as {@link Cpu#push} does. LIN is the temporary. */
    private void pushLocal(int v, int size) {
        if (!espInLocal()) {
            faultPoint();
            c.aload(C).iload(v).iconst(size).invokevirtual(CPU, "push", "(II)V");
            checkedAttention();
            return;
        }
        int done = -1;
        if (size == 4) {
            int slow = unlessFlatStack();
            loadReg(Cpu.ESP).iconst(4).op(ISUB).istore(LIN);
            c.aload(C).iload(SS_BASE).iload(LIN).op(IADD).iload(v);
            faultPointArgs();
            c.invokestatic(ACCESS, "push32", "(L" + CPU + ";IIIJ)Z");
            noteAttention();
            c.iload(LIN);
            storeRegFromStack(Cpu.ESP);
            done = c.branch(GOTO);
            c.patch(slow, c.pc());
        }
        faultPoint();
        espOut();
        c.aload(C).iload(v).iconst(size).invokevirtual(CPU, "push", "(II)V");
        espIn();
        checkedAttention();
        if (done >= 0) c.patch(done, c.pc());
    }

    /** Pops {@code size} bytes into T as {@link Cpu#pop} does. LIN is the temporary. */
    private void popTo(int size) {
        stackTop(size, true);
    }

    /** Reads the top of the stack ({@code size} bytes) into T as {@link Cpu#peekStack} does. LIN is the temporary. */
    private void peekTo(int size) {
        stackTop(size, false);
    }

    /** The top of the stack into T, and ESP moved past it if {@code pop}. */
    private void stackTop(int size, boolean pop) {
        int done = -1;
        if (espInLocal() && size == 4) {
            int slow = unlessFlatStack();
            loadReg(Cpu.ESP).istore(LIN);
            c.aload(C).iload(SS_BASE).iload(LIN).op(IADD);
            faultPointArgs();
            c.invokestatic(ACCESS, "stackRead32", "(L" + CPU + ";IIJ)J");
            readAnswer();
            c.istore(T);
            if (pop) {
                c.iload(LIN).iconst(4).op(IADD);
                storeRegFromStack(Cpu.ESP);
            }
            done = c.branch(GOTO);
            c.patch(slow, c.pc());
        }
        faultPoint();
        if (espInLocal()) espOut();
        if (pop) c.aload(C).iconst(size).invokevirtual(CPU, "pop", "(I)I").istore(T);
        else c.aload(C).iconst(0).iconst(size).invokevirtual(CPU, "peekStack", "(II)I").istore(T);
        if (espInLocal() && pop) espIn();
        checkedAttention();
        if (done >= 0) c.patch(done, c.pc());
    }

    /** Moves the stack pointer up by {@code bytes} as {@code setSp(sp() + bytes)} does. */
    private void releaseStack(int bytes) {
        if (!espInLocal()) {
            c.aload(C).aload(C).invokevirtual(CPU, "sp", "()I").iconst(bytes).op(IADD).invokevirtual(CPU, "setSp", "(I)V");
            return;
        }
        int slow = unlessFlatStack();
        loadReg(Cpu.ESP).iconst(bytes).op(IADD);
        storeRegFromStack(Cpu.ESP);
        int done = c.branch(GOTO);
        c.patch(slow, c.pc());
        espOut();
        c.aload(C).aload(C).invokevirtual(CPU, "sp", "()I").iconst(bytes).op(IADD).invokevirtual(CPU, "setSp", "(I)V");
        espIn();
        c.patch(done, c.pc());
    }

    // ---- memory accesses (#19): a host TLB hit can neither fault nor ask for attention, so only a
    // miss records the fault point and makes the instruction look at attention ({@link CompiledAccess})

    private static final String ACCESS = "i386mon/machine/cpu/CompiledAccess";

    /** An instruction's accesses begin: none has asked for attention yet. */
    private void accessStart() {
        c.iconst(0).istore(ATTN);
    }

    /** Pushes the fault point of this instruction, its address and the instructions retired before it, for a miss to record. */
    private void faultPointArgs() {
        c.iconst(at).lload(COUNT).lconst(k).op(LADD);
    }

    /** With a {@link CompiledAccess} read's answer on the stack: notes its attention bit, leaves its 32-bit value. */
    private void readAnswer() {
        c.op(DUP2).iconst(32).op(LUSHR).op(L2I).iload(ATTN).op(IOR).istore(ATTN);
        c.op(L2I);
    }

    /** With a {@link CompiledAccess} write's answer (attention asked for) on the stack: notes it. */
    private void noteAttention() {
        c.iload(ATTN).op(IOR).istore(ATTN);
    }

    /** After one of the interpreter's accesses (the stack's checked paths): notes whether it asked for attention. */
    private void checkedAttention() {
        c.aload(C).getfield(CPU, "attention", "Z");
        noteAttention();
    }

    /** Leaves after this instruction if an access of it asked for attention (only a miss can). */
    private void leaveIfMissAttention() {
        int none = c.iload(ATTN).branch(IFEQ);
        leaveIfAttention();
        c.patch(none, c.pc());
    }

    /** As {@link #codeLimit} for a target held in local {@code target} (a return address). */
    private void codeLimitOf(int target) {
        codeLimitCheck(() -> c.iload(target));
    }

    // ---- leaving the block

    /** Records where a fault would leave EIP and how many instructions retired before it. */
    private void faultPoint() {
        c.aload(C).iconst(at).putfield(CPU, "jitAt", "I");
        c.aload(C).lload(COUNT).lconst(k).op(LADD).putfield(CPU, "jitRetired", "J");
    }

    /** Leaves after this instruction if it asked for attention, with any flag store left out made now. */
    private void leaveIfAttention() {
        c.aload(C).getfield(CPU, "attention", "Z");
        int stay = c.branch(IFEQ);
        if (pendingOp >= 0) storeFlags(pendingOp, pendingSize, pendingFast);
        if (pendingProduct) c.aload(C).iload(D).iload(S).iconst(4).invokestatic(EXEC, "imul2", "(L" + CPU + ";III)I").istore(LIN); // the flags alone
        exit(next, k + 1);
        c.patch(stay, c.pc());
    }

    private void exit(int nextEip, int retired) {
        storeTail();
        registersOut();
        c.aload(C).iconst(nextEip).putfield(CPU, "eip", "I");
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /**
     * A static exit to {@code nextEip} after {@code retired} instructions of this pass: calls the
     * successor's compiled block if {@link CompiledBlock} links one for exit {@code slot} (it
     * returns only that block's count, the rest being added to the slice), else returns as {@link #exit}.
     */
    private void chainExit(int nextEip, int retired, int slot) {
        // the successor's fault must not pass through this block's handler (it would store stale locals)
        ranges.add(new int[] {covered, c.pc()});
        storeTail();
        registersOut();
        c.aload(C).iconst(nextEip).putfield(CPU, "eip", "I");
        c.aload(0).aload(C).lload(COUNT).lconst(retired).op(LADD).lload(BUDGET).iconst(nextEip);
        if (slot >= REGION_EXIT) c.iconst(slot - REGION_EXIT).invokevirtual(BLOCK, "chainExit", "(L" + CPU + ";JJII)L" + BLOCK + ";");
        else c.invokevirtual(BLOCK, slot == TAKEN ? "chain1" : "chain0", "(L" + CPU + ";JJI)L" + BLOCK + ";");
        callSuccessor(retired);
        covered = c.pc();
    }

    /** After a general handler moved EIP (the registers in the array, outside the fault handler's cover): calls the compiled block there if slot 2 links it, else returns. */
    private void chainAsIs(int retired) {
        c.aload(0).aload(C).lload(COUNT).lconst(retired).op(LADD).lload(BUDGET);
        c.invokevirtual(BLOCK, "chain2", "(L" + CPU + ";JJ)L" + BLOCK + ";");
        callSuccessor(retired);
    }

    /** With a chain helper's answer on the stack: calls it and returns its count, or (null) returns this pass's. */
    private void callSuccessor(int retired) {
        if (SHARED_CALL) {
            followSuccessor(retired);
            return;
        }
        c.astore(NEXT);
        c.aload(NEXT);
        int none = c.branch(IFNULL);
        c.aload(NEXT).aload(C).aload(NEXT).getfield(BLOCK, "insns", "[L" + INSN + ";");
        c.lload(BUDGET).lload(COUNT).op(LSUB).lconst(retired).op(LSUB);
        c.invokevirtual(BLOCK, "run", RUN_DESC).op(LRETURN);
        c.patch(none, c.pc());
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /** Successors are called through {@link CompiledBlock#follow} (-Di386mon.jitSharedCall=false: from each block, to compare). */
    static final boolean SHARED_CALL = !"false".equals(System.getProperty("i386mon.jitSharedCall"));

    /**
     * With a chain helper's answer on the stack: returns what {@link CompiledBlock#follow} answers,
     * the successor's count or this pass's. The call to the successor is in that one shared method.
     */
    private void followSuccessor(int retired) {
        c.aload(C).lload(COUNT).lconst(retired).op(LADD).lload(BUDGET);
        c.invokestatic(BLOCK, "follow", "(L" + BLOCK + ";L" + CPU + ";JJ)J").op(LRETURN);
    }

    /** Leaves with EIP as it is (set by a handler, or by the closing RET), the registers already in the array. */
    private void exitAsIs(int retired) {
        c.lload(COUNT).lconst(retired).op(LADD).op(LRETURN);
    }

    /**
     * Calls the interpreter's handler for instruction {@code k}: EIP is the next instruction's (as
     * the interpreter sets it), the fault point recorded; afterwards the block is left if the
     * handler moved EIP or asked for attention.
     */
    private void fallback() {
        // the handler works on the array: store the registers first, outside the fault handler's cover
        ranges.add(new int[] {covered, c.pc()});
        registersOut();
        faultPoint();
        c.aload(C).iconst(next).putfield(CPU, "eip", "I");
        c.aload(C).aload(INSNS).iconst(k).op(AALOAD);
        if (i.op.fast) {
            c.invokestatic(FAST, "execute", "(L" + CPU + ";L" + INSN + ";)V");
        } else {
            c.invokestatic(EXEC, "execute", "(L" + CPU + ";L" + INSN + ";)V");
        }
        // if (c.attention || c.eip != next) return count + k + 1
        c.aload(C).getfield(CPU, "attention", "Z");
        int stay = c.branch(IFEQ);
        exitAsIs(k + 1);
        c.patch(stay, c.pc());
        c.aload(C).getfield(CPU, "eip", "I").iconst(next);
        int same = c.branch(IF_ICMPEQ);
        // only a control transfer (a block's last instruction) goes on elsewhere: the chain code once per block
        if (i.op.endsBlock) chainAsIs(k + 1); else exitAsIs(k + 1);
        c.patch(same, c.pc());
        registersIn();
        covered = c.pc();
    }

    /** The block's closing control transfer, if compiled directly; false to call its handler. */
    private boolean closing() {
        int target = next + i.imm;
        if (!i.o32) target &= 0xFFFF;
        switch (i.op) {
            case JCC: {
                int taken = condition(i.sub);
                chainExit(next, n, FALL_THROUGH); // not taken
                c.patch(taken, c.pc());
                codeLimit(target);
                exitOrLoop(target);
                return true;
            }
            case JMP_JB: case JMP_JZ:
                codeLimit(target);
                exitOrLoop(target);
                return true;
            case CALL_JZ:
                accessStart();
                codeLimit(target);
                c.iconst(next).istore(T);
                pushLocal(T, osize());
                exitOrLoop(target);
                return true;
            case RET: case RET_IW: {
                int size = osize(), release = size + (i.op == Op.RET_IW ? i.imm & 0xFFFF : 0);
                accessStart();
                peekTo(size);
                codeLimitOf(T);
                releaseStack(release);
                c.aload(C).iload(T).putfield(CPU, "eip", "I");
                registersOut();
                ranges.add(new int[] {covered, c.pc()});
                chainAsIs(n);
                covered = c.pc();
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * A CALL into, or a RET to, the next segment ({@link CallSegments}): as the closing CALL or
     * RET, then, instead of leaving, on with the next segment's code if the RET popped the address
     * its CALL pushed and nothing asks for attention; else it leaves as the closing instruction
     * would (a RET elsewhere with EIP there). The budget needs no check: the method is entered
     * only with budget for all its instructions ({@link CompiledBlock#length}).
     */
    private void join() {
        int to = segs.nextAddress(k), retired = k + 1;
        accessStart();
        if (segs.joins(k) == CallSegments.CALL) {
            codeLimit(to);
            c.iconst(next).istore(T);
            pushLocal(T, 4);
        } else {
            int release = 4 + (i.op == Op.RET_IW ? i.imm & 0xFFFF : 0);
            peekTo(4);
            codeLimitOf(T);
            releaseStack(release);
            c.iload(T).iconst(to);
            int expected = c.branch(IF_ICMPEQ);
            registersOut();
            c.aload(C).iload(T).putfield(CPU, "eip", "I");
            exitAsIs(retired);
            c.patch(expected, c.pc());
        }
        // a push into code asked for attention (the next segment may be what it wrote); the budget held the whole pass on entry
        int hit = c.iload(ATTN).branch(IFEQ);
        c.aload(C).getfield(CPU, "attention", "Z");
        int goOn = c.branch(IFEQ);
        exit(to, retired);
        c.patch(goOn, c.pc());
        c.patch(hit, c.pc());
        known = K_NONE;
    }

    /** A branch beyond the CS limit raises #GP(0) at the branch (the fault point is set only then). */
    private void codeLimit(int target) {
        codeLimitCheck(() -> c.iconst(target));
    }

    /** The limit check of a branch whose target {@code pushTarget} pushes: deferred loop flags and the fault point only when it fails. */
    private void codeLimitCheck(Runnable pushTarget) {
        c.aload(C);
        pushTarget.run();
        c.invokestatic(EXEC, "beyondCodeLimit", "(L" + CPU + ";I)Z");
        int within = c.branch(IFEQ);
        storeTail();
        faultPoint();
        c.aload(C);
        pushTarget.run();
        c.invokestatic(EXEC, "checkCodeLimit", "(L" + CPU + ";I)V");
        c.patch(within, c.pc());
    }

    /**
     * A taken branch: to the block's own start it loops while the budget allows a whole further
     * pass and nothing asks for attention; anywhere else (or then) it leaves with EIP = target.
     */
    private void exitOrLoop(int target) {
        if (target != eip) {
            chainExit(target, n, TAKEN);
            return;
        }
        c.lload(COUNT).lconst(n).op(LADD).lstore(COUNT);
        c.aload(C).getfield(CPU, "attention", "Z");
        int leave1 = c.branch(IFNE);
        // count + n > budget, in 64 bits: a 32-bit sum wrapped near 2^31 and the loop never left (#18)
        c.lload(COUNT).lconst(n).op(LADD).lload(BUDGET).op(LCMP);
        int leave2 = c.branch(IFGT);
        // the next pass overwrites the deferred flags before anything can see them, or they are stored now
        if (!flagsDead(insns, -1)) storeTail();
        c.branchTo(GOTO, top);
        c.patch(leave1, c.pc());
        c.patch(leave2, c.pc());
        exit(eip, 0);
    }
}
