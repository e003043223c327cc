package i386mon.machine.cpu;

import i386mon.machine.cpu.OpcodeTable.Op;

/**
 * The flag setters at the end of a self-looping block whose lazy-flag stores {@link BlockCompiler}
 * moves from the setter to the block's exits. In {@code ...; add esi, ecx; dec edx; jnz top} the
 * flags of the ADD and the DEC are seen only if the loop is left: on the way back to the top the
 * next pass overwrites them before anything reads them (when the block's first flag effect is a
 * full overwrite). So the setters keep their operands and result in locals, and the stores are made
 * (in order) at the exits, before a condition the locals cannot answer and before a fault of the
 * closing branch. Only setters followed by nothing that can observe the flags qualify: register
 * ALU and INC/DEC forms the compiler emits itself, with only flag-neutral register instructions
 * after them. At most a last full setter and one INC/DEC after it (which keeps the former's CF).
 */
final class LoopTail {
    /** Deferred setters at most: a full setter and an INC/DEC that takes its CF. */
    static final int MAX = 2;
    private static final LoopTail NONE = new LoopTail(0);

    /** Bit k: instruction k's flag store is deferred (blocks have at most 64 instructions). */
    private final long mask;
    private int count;
    private final int[] ops = new int[MAX], sizes = new int[MAX];
    private final boolean[] fasts = new boolean[MAX];

    private LoopTail(long mask) {
        this.mask = mask;
    }

    /** The setters of {@code insns} to defer: none unless the block loops to itself. */
    static LoopTail of(Insn[] insns, boolean selfLoop) {
        if (!selfLoop || insns.length > Long.SIZE) return NONE; // one mask bit per instruction
        long mask = 0;
        for (int j = insns.length - 2; j >= 0; j--) {
            Insn x = insns[j];
            if (neutral(x)) continue;
            if (!setter(x)) break;
            mask |= 1L << j;
            boolean keepsCf = (x.entry.writes & Cpu.CF) == 0;
            if (!keepsCf || Long.bitCount(mask) == MAX) break;
            // an INC/DEC: the full setter before it (across neutral instructions) may be deferred too
            for (j--; j >= 0 && neutral(insns[j]); j--) { }
            if (j >= 0 && setter(insns[j]) && (insns[j].entry.writes & Cpu.CF) != 0) mask |= 1L << j;
            break;
        }
        return mask == 0 ? NONE : new LoopTail(mask);
    }

    /** Compiled directly, no fault, no flag read or write: nothing it does can see the flags. */
    private static boolean neutral(Insn x) {
        return BlockCompiler.direct(x) && !BlockCompiler.faults(x) && !x.op.endsBlock
                && (x.op.writes | x.entry.writes | x.entry.reads) == 0 && x.op != Op.SHIFT_EV_CL;
    }

    /** A register form whose flags {@link BlockCompiler} stores through its lazy-flag setter (ADC and SBB do not). */
    private static boolean setter(Insn x) {
        if (x.isMem() || x.entry.reads != 0) return false;
        switch (x.op) {
            case ADD32_RR: case SUB32_RR: case CMP32_RR: case OR32_RR: case AND32_RR: case XOR32_RR: case TEST32_RR:
            case ADD32_RI: case SUB32_RI: case CMP32_RI: case OR32_RI: case AND32_RI: case XOR32_RI:
            case INC32_R: case DEC32_R: case INC_R: case DEC_R:
            case TEST_EB_GB: case TEST_EV_GV: case TEST_AL_IB: case TEST_EAX_IZ: case TEST_EB_IB: case TEST_EV_IZ:
                return true;
            case INC_EB: case DEC_EB: case INC_EV: case DEC_EV:
                return x.mod == 3;
            case ALU_EB_GB: case ALU_EV_GV: case ALU_GB_EB: case ALU_GV_EV: case ALU_AL_IB: case ALU_EAX_IZ:
            case ALU_EB_IB: case ALU_EV_IZ: case ALU_EV_IBS:
                return x.sub != 2 && x.sub != 3;
            default:
                return false;
        }
    }

    /** True if instruction {@code k}'s flag store waits for the exits. */
    boolean defers(int k) {
        return k < 64 && (mask >>> k & 1) != 0;
    }

    /** Notes instruction {@code k}'s deferred store; returns its slot (its locals). */
    int defer(int k, int lop, int size, boolean fast) {
        if (!defers(k) || count == MAX) throw new IllegalStateException("no deferred flag store at " + k);
        ops[count] = lop;
        sizes[count] = size;
        fasts[count] = fast;
        return count++;
    }

    /** Deferred stores noted so far (emitted in slot order). */
    int deferred() {
        return count;
    }

    int op(int slot) { return ops[slot]; }

    int size(int slot) { return sizes[slot]; }

    boolean fast(int slot) { return fasts[slot]; }
}
