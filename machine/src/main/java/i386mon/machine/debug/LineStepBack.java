package i386mon.machine.debug;

import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.debug.dwarf.FrameRule;
import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.SourceLine;
import java.util.HashMap;
import java.util.Map;

/**
 * reverse-step and reverse-next by source line, as gdb does them: back to the first instruction
 * of the previous line executed (of the current line when stopped in its middle). reverse-next
 * passes over calls made meanwhile; reverse-step goes into a callee with line information that
 * returned meanwhile and stops at the start of the last line it executed. Going back past the
 * function's first instruction lands at the start of the caller's line that made the call.
 * Inlined code (by {@link DebugInfo#ownLineAt}) is passed over, as the line it was inlined into.
 * <p>
 * The past is replayed instruction by instruction over a window before now (doubled until the
 * line's start is in it), noting each instruction's place and its frame (the canonical frame
 * address from the DWARF call frame information); code without line information is passed over.
 */
final class LineStepBack {
    private static final int ESP = 4, EBP = 5;
    /** The first window replayed step by step; most lines start within it. */
    private static final long FIRST_WINDOW = 2048;

    private final DebugTarget target;
    private final Timeline timeline;
    private final ReverseExecution reverse;
    private final DebugInfo dwarf;
    private final Map<Long, SourceLine> lines = new HashMap<>();
    private final Map<Long, FrameRule> rules = new HashMap<>();

    LineStepBack(DebugTarget target, Timeline timeline, ReverseExecution reverse) {
        this.target = target;
        this.timeline = timeline;
        this.reverse = reverse;
        this.dwarf = target.debugInfo();
    }

    /** The instructions replayed: before each, its count, linear address, ESP and EBP (growable arrays, no object per step). */
    private static final class Trace {
        long[] count = new long[256];
        long[] pc = new long[256];
        int[] esp = new int[256];
        int[] ebp = new int[256];
        int size;

        void add(long c, long p, int sp, int bp) {
            if (size == count.length) {
                count = java.util.Arrays.copyOf(count, size * 2);
                pc = java.util.Arrays.copyOf(pc, size * 2);
                esp = java.util.Arrays.copyOf(esp, size * 2);
                ebp = java.util.Arrays.copyOf(ebp, size * 2);
            }
            count[size] = c;
            pc[size] = p;
            esp[size] = sp;
            ebp[size] = bp;
            size++;
        }
    }

    /** Whether the instruction about to run has a source line (else reverse stepping goes by instruction). */
    boolean hasLineHere() {
        return dwarf.lineAt(pc()) != null;
    }

    /**
     * Goes back one source line ({@code overCalls}: reverse-next). Returns null when there, else
     * the stop that ended it (the start of the history reached).
     */
    StopReason back(boolean overCalls) {
        long now = target.instructionsRetired();
        long nowPc = pc();
        int nowEsp = target.reg(ESP), nowEbp = target.reg(EBP);
        long start = timeline.start();
        for (long window = FIRST_WINDOW; ; window *= 2) {
            long from = Math.max(start, now - window);
            Trace t = record(from, now);
            long to = search(t, nowPc, nowEsp, nowEbp, overCalls);
            if (to >= 0) {
                timeline.rewindTo(to);
                return reverse.replay(to, null);
            }
            if (from == start) {
                timeline.rewindTo(start);
                StopReason r = reverse.replay(start, null);
                return r != null ? r : ReverseExecution.NO_HISTORY;
            }
        }
    }

    /** Replays from {@code from} to {@code now} one instruction at a time, noting each. */
    private Trace record(long from, long now) {
        Trace t = new Trace();
        timeline.rewindTo(from);
        if (reverse.replay(from, null) != null) return t;
        long c;
        while ((c = target.instructionsRetired()) < now) {
            t.add(c, pc(), target.reg(ESP), target.reg(EBP));
            if (reverse.replay(c + 1, null) != null) break;
        }
        return t;
    }

    /**
     * The count of the line start to go back to, or -1 when the trace does not reach back to it.
     * Walks back from now over the instructions of the frame being stepped (its CFA): a run of
     * the same line is extended to its first instruction; another line ends it.
     */
    private long search(Trace t, long nowPc, int nowEsp, int nowEbp, boolean overCalls) {
        long frame = cfa(nowPc, nowEsp, nowEbp);
        SourceLine key = line(nowPc);
        int best = t.size; // the earliest instruction of the line run found so far; t.size: now itself
        for (int i = t.size - 1; i >= 0; i--) {
            SourceLine l = line(t.pc[i]);
            if (l == null) continue; // no line information (assembly stubs, a prologue): passed over
            long c = cfa(t.pc[i], t.esp[i], t.ebp[i]);
            if (c >= 0 && frame >= 0 && c < frame) { // a callee (or an interrupt handler) that ran before now
                // a line run that began at its line's first address ends there, as gdb stops at a step range's start
                if (best != t.size && t.pc[best] == line(t.pc[best]).start()) return t.count[best];
                if (overCalls) continue;
                frame = c; // reverse-step: into it, to the start of the last line it ran
                key = l;
                best = i;
                continue;
            }
            if (c >= 0 && frame >= 0 && c > frame) { // the caller, before this function began
                if (best != t.size) return t.count[best];
                frame = c; // already at the function's first line: to the start of the caller's line
                key = l;
                best = i;
                continue;
            }
            if (sameLine(l, key)) {
                best = i;
                continue;
            }
            if (best != t.size) return t.count[best];
            key = l; // now is the first instruction of its line: the previous line's start is wanted
            best = i;
        }
        return -1;
    }

    private static boolean sameLine(SourceLine a, SourceLine b) {
        return b != null && a.line() == b.line() && a.file().equals(b.file());
    }

    private long pc() {
        return (target.segBase(DebugTarget.SEG_CS) + target.eip()) & 0xFFFF_FFFFL;
    }

    /**
     * The line of the code at {@code pc}, or null without one; a function's prologue (the line
     * row at its entry) counts as none, so that going back from its first line reaches the
     * caller, as in gdb.
     */
    private SourceLine line(long pc) {
        if (lines.containsKey(pc)) return lines.get(pc);
        SourceLine l = lineOutsidePrologue(pc);
        lines.put(pc, l);
        return l;
    }

    private SourceLine lineOutsidePrologue(long pc) {
        SourceLine l = dwarf.ownLineAt(pc); // inlined code is passed over as a call would be
        if (l == null) return null;
        Function f = dwarf.functionAt(pc);
        return f != null && l.start() == f.entry() ? null : l;
    }

    /** The canonical frame address at {@code pc} with these registers, or -1 when no call frame information covers it. */
    private long cfa(long pc, int esp, int ebp) {
        FrameRule r = rules.get(pc);
        if (r == null && !rules.containsKey(pc)) {
            r = dwarf.frameRuleAt(pc);
            rules.put(pc, r);
        }
        if (r == null) return -1;
        int base = r.cfaRegister() == ESP ? esp : r.cfaRegister() == EBP ? ebp : 0;
        if (r.cfaRegister() != ESP && r.cfaRegister() != EBP) return -1;
        return (base + r.cfaOffset()) & 0xFFFF_FFFFL;
    }
}
