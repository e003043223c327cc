package i386mon.machine.cpu;

/**
 * A block compiled by {@link BlockCompiler}. {@link #run} executes the block (repeatedly, if it
 * loops to itself) and returns the instructions retired, leaving EIP at the next instruction. A
 * guest exception propagates with {@link Cpu#jitAt} and {@link Cpu#jitRetired} telling where.
 *
 * <p>Chaining: at a static exit (fall-through, branch not taken: slot 0; branch taken: slot 1)
 * or after a general handler that moved EIP (slot 2, keyed by the EIP it left) the compiled code asks {@link #chain0}/{@link #chain1} for the successor's compiled block and,
 * if there is one, calls it (through {@link #follow}) instead of returning to {@link Cpu#run}. The
 * link makes finding the successor a field load and one generation check; the call itself is
 * not inlined (each block is compiled alone, see {@link #follow}). The link is valid while {@link Cpu#dispatchGen} is unchanged, and
 * taken only when the run loop would enter the successor too: no attention, budget for all of it,
 * chaining on (no breakpoints, no observer), and at most {@link Cpu#CHAIN_DEPTH} calls deep. The
 * instructions retired before the chained call are added to {@link Cpu#sliceRetired} first, so a
 * fault in the successor counts as it would after a return to the run loop.
 */
abstract class CompiledBlock {
    /** The block's decoded instructions (the general handlers' operands) and their number. */
    Insn[] insns;
    int length;
    /** Where the blocks this method runs lie: each one's first address and length in bytes (see {@link #anyBreakpointIn}). */
    int[] spans;
    private CompiledBlock next0, next1, next2;
    private int nextGen0 = -1, nextGen1 = -1, nextGen2 = -1, nextEip2;

    /** Runs the block; {@code budget} is how many instructions may retire (at least the block's length). */
    abstract long run(Cpu c, Insn[] insns, long budget);

    /**
     * True if a breakpoint lies in any block this method runs (CS base {@code csBase}): not only
     * the first, but the callees and branch targets joined into it ({@link CallSegments}), whose
     * instructions the run loop does not see one by one.
     */
    final boolean anyBreakpointIn(BreakpointAddresses breakpoints, int csBase) {
        for (int s = 0; s < spans.length; s += 2) if (breakpoints.anyIn(csBase + spans[s], spans[s + 1])) return true;
        return false;
    }

    /** The successor at exit slot 0 ({@code target}) to call now, having retired {@code done} of {@code budget}; or null. */
    final CompiledBlock chain0(Cpu c, long done, long budget, int target) {
        CompiledBlock s = next0;
        if (nextGen0 != c.dispatchGen) {
            s = next0 = c.code.compiledAt(target);
            nextGen0 = s != null ? c.dispatchGen : -1;
        }
        return enter(c, s, done, budget);
    }

    /** As {@link #chain0} for exit slot 1. */
    final CompiledBlock chain1(Cpu c, long done, long budget, int target) {
        CompiledBlock s = next1;
        if (nextGen1 != c.dispatchGen) {
            s = next1 = c.code.compiledAt(target);
            nextGen1 = s != null ? c.dispatchGen : -1;
        }
        return enter(c, s, done, budget);
    }

    /**
     * As {@link #chain0} for an exit where a general handler moved EIP (CALL, RET, an indirect
     * jump): slot 2 remembers the last such target and its successor, an inline cache checked
     * against EIP.
     */
    final CompiledBlock chain2(Cpu c, long done, long budget) {
        CompiledBlock s = next2;
        int target = c.eip;
        if (nextGen2 != c.dispatchGen || nextEip2 != target) {
            s = next2 = c.code.compiledAt(target);
            nextGen2 = s != null ? c.dispatchGen : -1;
            nextEip2 = target;
        }
        return enter(c, s, done, budget);
    }

    /** A branch region's exits ({@link CallSegments#region}): one link per exit site, each with one target. */
    private CompiledBlock[] exitNext;
    private int[] exitGen;

    /** Makes room for {@code exits} region exit links (none valid yet). */
    final void exitSlots(int exits) {
        exitNext = new CompiledBlock[exits];
        exitGen = new int[exits];
        java.util.Arrays.fill(exitGen, -1);
    }

    /** As {@link #chain0} for region exit {@code slot}, whose target is always {@code target}. */
    final CompiledBlock chainExit(Cpu c, long done, long budget, int target, int slot) {
        CompiledBlock s = exitNext[slot];
        if (exitGen[slot] != c.dispatchGen) {
            s = exitNext[slot] = c.code.compiledAt(target);
            exitGen[slot] = s != null ? c.dispatchGen : -1;
        }
        return enter(c, s, done, budget);
    }

    /**
     * Calls successor {@code s} (a chain helper's answer) with the budget left after {@code done}
     * of {@code budget}, returning its count, or {@code done} if there is none. The one call site
     * of every block's successors: its profile sees them all, so HotSpot inlines no successor into
     * a block (the compiler's work per block stays that of the block alone, where a chain of
     * inlined successors cost C2 a tenth of a second for some blocks of the mixed workload) and
     * a link that is missing or goes elsewhere for once deoptimizes nothing (#19).
     */
    static long follow(CompiledBlock s, Cpu c, long done, long budget) {
        if (s == null) return done;
        return s.run(c, s.insns, budget - done);
    }

    private static CompiledBlock enter(Cpu c, CompiledBlock s, long done, long budget) {
        if (s == null || c.attention || budget - done < s.length || --c.chainLeft < 0) return null;
        c.sliceRetired += done;
        c.jitRetired = 0;
        return s;
    }
}
