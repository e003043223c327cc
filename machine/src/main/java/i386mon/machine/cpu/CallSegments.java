package i386mon.machine.cpu;

import i386mon.machine.cpu.OpcodeTable.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks one compiled method holds when calls and returns join them (#19): a block ending in
 * a direct 32-bit CALL goes on with the callee's block, a block ending in a RET of such an inlined
 * callee with the block at the return address the CALL pushed, and so on: a call and its return
 * cost no lookup, no exit and no Java call, and a loop around a call stays one Java loop. The
 * compiled RET checks the address it pops against the one expected: a guest that changed its
 * return address leaves the method there (see {@link BlockCompiler}).
 *
 * <p>A block joins only as a current dispatch entry (decoded, never fetched now: no fault, no
 * Accessed bit) on the first block's linear page and so its physical page: a write into any of
 * them drops that page's blocks, the first with them, and a new mapping is a new dispatch
 * generation. Instructions are numbered through all segments in order: the method runs them
 * straight through, so instruction k has k instructions of the pass before it, as in one block.
 */
final class CallSegments {
    /** Bounds on what joins one method (the bytecode limit in {@link BlockCompiler} applies too). */
    static final int MAX_SEGMENTS = 12, MAX_INSNS = 160, MAX_DEPTH = 4;
    /** How a segment other than the last ends: a CALL into the next segment, or a RET to it. */
    static final int CALL = 1, RET = 2;

    /** The instructions of every segment, in order; each keeps its {@link Insn#off} from its own segment's start. */
    final Insn[] insns;
    /** Segment s: its first address, the index after its last instruction, and how it ends. */
    private final int[] eips, ends, kinds;
    /**
     * A branch region ({@link #region}): per segment, the segments its closing branch goes on to
     * when taken and when not (-1: it leaves the method there); null otherwise.
     */
    private int[] taken, notTaken;

    private CallSegments(Insn[] insns, int[] eips, int[] ends, int[] kinds) {
        this.insns = insns;
        this.eips = eips;
        this.ends = ends;
        this.kinds = kinds;
    }

    /**
     * The blocks reachable from the block at {@code eip} through their closing direct 32-bit JMP
     * or Jcc (taken and not), each itself ending in one, on the first block's page and current
     * dispatch entries (as for calls); or the block alone if none joins it. A loop of several
     * blocks (an if inside a loop, a merge step) becomes one Java method with its branches inside
     * it. Segments are numbered in the order found; the branches between them are any direction.
     */
    static CallSegments region(CodeCache cache, CodeCache.Block block, int eip, int csBase) {
        if (!endsInBranch(block.insns)) return single(block.insns, eip);
        List<Insn[]> parts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        parts.add(block.insns);
        starts.add(eip);
        index.put(eip, 0);
        int total = block.insns.length;
        for (int s = 0; s < parts.size(); s++) {
            for (int next : successors(parts.get(s), starts.get(s))) {
                if (index.containsKey(next) || parts.size() >= MAX_SEGMENTS) continue;
                if (((csBase + eip ^ csBase + next) & ~0xFFF) != 0) continue;
                CodeCache.Block b = cache.dispatched(next);
                if (b == null || !b.cacheable || b.csD != block.csD || b.wrapsIp || !endsInBranch(b.insns)
                        || total + b.insns.length > MAX_INSNS) continue;
                index.put(next, parts.size());
                parts.add(b.insns);
                starts.add(next);
                total += b.insns.length;
            }
        }
        if (parts.size() == 1) return single(block.insns, eip);
        int n = parts.size();
        Insn[] all = new Insn[total];
        int[] eips = new int[n], ends = new int[n], taken = new int[n], notTaken = new int[n];
        int k = 0;
        for (int s = 0; s < n; s++) {
            Insn[] part = parts.get(s);
            System.arraycopy(part, 0, all, k, part.length);
            k += part.length;
            eips[s] = starts.get(s);
            ends[s] = k;
            int[] next = successors(part, eips[s]);
            taken[s] = index.getOrDefault(next[0], -1);
            notTaken[s] = next.length > 1 ? index.getOrDefault(next[1], -1) : -1;
        }
        CallSegments region = new CallSegments(all, eips, ends, new int[n]);
        region.taken = taken;
        region.notTaken = notTaken;
        return region;
    }

    /** True if the block's last instruction is a direct 32-bit JMP or Jcc. */
    private static boolean endsInBranch(Insn[] insns) {
        Insn last = insns[insns.length - 1];
        return (last.op == Op.JCC || last.op == Op.JMP_JB || last.op == Op.JMP_JZ) && last.o32;
    }

    /** Where a block at {@code eip} ending in a branch goes: the target, then (for a Jcc) the next instruction. */
    private static int[] successors(Insn[] insns, int eip) {
        Insn last = insns[insns.length - 1];
        int after = eip + last.off + last.len;
        return last.op == Op.JCC ? new int[] {after + last.imm, after} : new int[] {after + last.imm};
    }

    /** True for a branch region ({@link #region}). */
    boolean isRegion() {
        return taken != null;
    }

    /** Whether instruction {@code k} closes its segment. */
    boolean endsSegment(int k) {
        return k == ends[segmentOf(k)] - 1;
    }

    /** The index of the first instruction of segment {@code s}. */
    int start(int s) {
        return s == 0 ? 0 : ends[s - 1];
    }

    /** The index after the last instruction of instruction {@code k}'s segment. */
    int segmentEnd(int k) {
        return ends[segmentOf(k)];
    }

    /** In a region: the segment instruction {@code k}'s branch goes on to when taken, or -1 (it leaves). */
    int takenSegment(int k) {
        return taken[segmentOf(k)];
    }

    /** In a region: the segment instruction {@code k}'s Jcc goes on to when not taken, or -1. */
    int notTakenSegment(int k) {
        return notTaken[segmentOf(k)];
    }

    /** The block at {@code eip} alone. */
    static CallSegments single(Insn[] insns, int eip) {
        return new CallSegments(insns, new int[] {eip}, new int[] {insns.length}, new int[] {0});
    }

    /**
     * The block at {@code eip} and the callees' and return addresses' blocks after it, or just
     * the block if no call or return of it joins another (CS base {@code csBase}).
     */
    static CallSegments of(CodeCache cache, CodeCache.Block block, int eip, int csBase) {
        List<Insn[]> parts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>(), kinds = new ArrayList<>();
        int[] returns = new int[MAX_DEPTH];
        int depth = 0, total = 0, at = eip;
        Insn[] part = block.insns;
        while (true) {
            parts.add(part);
            starts.add(at);
            kinds.add(0);
            total += part.length;
            if (parts.size() >= MAX_SEGMENTS) break;
            Insn last = part[part.length - 1];
            int after = at + last.off + last.len, next, kind;
            if (last.op == Op.CALL_JZ && last.o32 && depth < MAX_DEPTH) {
                returns[depth++] = after;
                next = after + last.imm;
                kind = CALL;
            } else if ((last.op == Op.RET || last.op == Op.RET_IW) && last.o32 && depth > 0) {
                next = returns[--depth];
                kind = RET;
            } else {
                break;
            }
            if (((csBase + eip ^ csBase + next) & ~0xFFF) != 0) break;
            CodeCache.Block b = cache.dispatched(next);
            if (b == null || !b.cacheable || b.csD != block.csD || b.wrapsIp || total + b.insns.length > MAX_INSNS) break;
            kinds.set(kinds.size() - 1, kind);
            part = b.insns;
            at = next;
        }
        Insn[] all = new Insn[total];
        int n = parts.size();
        int[] eips = new int[n], ends = new int[n], endKinds = new int[n];
        int k = 0;
        for (int s = 0; s < n; s++) {
            System.arraycopy(parts.get(s), 0, all, k, parts.get(s).length);
            k += parts.get(s).length;
            eips[s] = starts.get(s);
            ends[s] = k;
            endKinds[s] = kinds.get(s);
        }
        return new CallSegments(all, eips, ends, endKinds);
    }

    int segments() {
        return ends.length;
    }

    /** Each segment's first address and length in bytes, in pairs. */
    int[] spans() {
        int[] spans = new int[2 * ends.length];
        for (int s = 0; s < ends.length; s++) {
            Insn last = insns[ends[s] - 1];
            spans[2 * s] = eips[s];
            spans[2 * s + 1] = last.off + last.len;
        }
        return spans;
    }

    /** The segment instruction {@code k} belongs to. */
    int segmentOf(int k) {
        int s = 0;
        while (k >= ends[s]) s++;
        return s;
    }

    /** The address of instruction {@code k}. */
    int address(int k) {
        return eips[segmentOf(k)] + insns[k].off;
    }

    /** {@link #CALL} or {@link #RET} if instruction {@code k} ends a segment and goes on into the next; else 0. */
    int joins(int k) {
        int s = segmentOf(k);
        return k == ends[s] - 1 ? kinds[s] : 0;
    }

    /** The first address of the segment after instruction {@code k} (which {@link #joins} it). */
    int nextAddress(int k) {
        return eips[segmentOf(k) + 1];
    }
}
