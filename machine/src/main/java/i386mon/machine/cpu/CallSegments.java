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

    private CallSegments(Insn[] insns, int[] eips, int[] ends, int[] kinds) {
        this.insns = insns;
        this.eips = eips;
        this.ends = ends;
        this.kinds = kinds;
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

    private int segmentOf(int k) {
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
