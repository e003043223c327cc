package i386mon.machine.debug;

import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.debug.dwarf.FrameRule;
import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.SourceLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the guest's stack from the current CPU state: each frame's caller by the DWARF call
 * frame information at its pc when the kernel has some, else by the frame pointer chain; an
 * interrupt entry stub (an IDT gate's code that pushed the vector and an error code, then
 * {@code pushal} and segment registers before calling a C handler) is recognised from its code,
 * shown as an interrupt frame and the walk continues into the interrupted code. The walk says why it
 * ended. Reads are side-effect free ({@link DebugTarget#readLinear}).
 */
public final class StackWalker {
    /** At most this many frames: a corrupt stack must not make a backtrace endless. */
    public static final int MAX_FRAMES = 256;
    private static final int ESP = 4, EBP = 5, DWARF_EIP = 8;
    /** Instructions an entry stub may have between its gate address and the jump to the common code. */
    private static final int STUB_INSTRUCTIONS = 4;

    /** The frames, innermost first, and why there are no more. */
    public record Walk(List<StackFrame> frames, String end) { }

    private final DebugTarget target;
    private final DebugInfo dwarf;

    public StackWalker(DebugTarget target) {
        this.target = target;
        this.dwarf = target.debugInfo();
    }

    public Walk walk(int maxFrames) {
        int limit = Math.min(maxFrames, MAX_FRAMES);
        List<StackFrame> frames = new ArrayList<>();
        List<FrameArguments.State> states = new ArrayList<>();
        // one frame more than shown: a frame's entry values come from its caller's call site
        String end = walk(limit + 1, frames, states);
        int shown = frames.size();
        for (int i = 0; i < frames.size(); i++) {
            // as a walk to the limit would stop: at a frame, or after an interrupt frame and its handler, that reaches it
            boolean pairedWithNext = i + 1 < frames.size() && frames.get(i + 1).kind() == StackFrame.Kind.INTERRUPT;
            if (i + 1 >= limit && !pairedWithNext) {
                shown = i + 1;
                break;
            }
        }
        if (shown < frames.size() || end.startsWith("more frames not shown")) end = "more frames not shown (at most " + limit + ")";
        List<StackFrame> out = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            FrameArguments.State state = states.get(i);
            StackFrame f = frames.get(i);
            if (state != null) {
                state.caller = i + 1 < states.size() ? states.get(i + 1) : null;
                f = f.withArguments(FrameArguments.of(state));
            }
            out.add(f);
        }
        return new Walk(out, end);
    }

    /** Walks at most {@code limit} frames (an interrupt frame and its handler may go one over) into {@code frames}; why it stopped. */
    private String walk(int limit, List<StackFrame> frames, List<FrameArguments.State> states) {
        int[] regs = new int[8];
        for (int i = 0; i < 8; i++) regs[i] = target.reg(i);
        boolean[] known = {true, true, true, true, true, true, true, true};
        long pc = target.eip() & 0xFFFF_FFFFL;
        boolean caller = false; // pc is a return address (look up pc - 1)
        while (true) {
            long lookup = caller ? pc - 1 : pc;
            Function f = dwarf.functionAt(lookup);
            String symbol = target.describe((int) lookup);
            if (symbol != null && symbol.startsWith("0x")) symbol = null;
            SourceLine line = dwarf.lineAt(lookup);
            if (frames.size() >= limit) return "more frames not shown (at most " + limit + ")";
            Step next;
            try {
                next = interruptStub(pc, regs, caller);
                if (next == null) next = unwind(lookup, regs, known, frames.isEmpty());
            } catch (Unreadable e) {
                frames.add(new StackFrame(frames.size(), StackFrame.Kind.NORMAL, pc, -1, regs, f, symbol, line, StackFrame.Unwound.NONE, -1, -1, null));
                states.add(state(f, pc, lookup, regs, known, -1));
                return e.getMessage();
            }
            if (next.interrupt != null) {
                // the handler's frame, then the interrupt frame itself, then the interrupted code
                frames.add(new StackFrame(frames.size(), StackFrame.Kind.NORMAL, pc, next.cfa, regs, f, symbol, line, StackFrame.Unwound.INTERRUPT_FRAME, -1, -1,
                        null));
                states.add(state(f, pc, lookup, regs, known, next.cfa));
                Interrupt in = next.interrupt;
                frames.add(new StackFrame(frames.size(), StackFrame.Kind.INTERRUPT, in.stubPc, next.cfa, regs, null,
                        target.describe((int) in.stubPc), null, StackFrame.Unwound.INTERRUPT_FRAME, in.vector, in.errorCode, null));
                states.add(null);
                if (frames.size() >= limit) return "more frames not shown (at most " + limit + ")";
                regs = next.regs;
                known = next.known;
                pc = next.pc;
                caller = false; // the interrupted instruction itself (or the one after a trap) is where it resumes
                continue;
            }
            frames.add(new StackFrame(frames.size(), StackFrame.Kind.NORMAL, pc, next.cfa, regs, f, symbol, line,
                    next.end != null ? StackFrame.Unwound.NONE : next.how, -1, -1, null));
            states.add(state(f, pc, lookup, regs, known, next.cfa));
            if (next.end != null) return next.end;
            String stop = implausible(next, regs);
            if (stop != null) return stop;
            regs = next.regs;
            known = next.known;
            pc = next.pc;
            caller = true;
        }
    }

    /** What a frame's arguments are computed from, once its caller is known (null without DWARF for its function). */
    private FrameArguments.State state(Function f, long pc, long lookup, int[] regs, boolean[] known, long cfa) {
        return f == null ? null : new FrameArguments.State(target, f, pc, lookup, regs, known, cfa);
    }

    /** Why the caller {@code next} cannot be right, or null. */
    private String implausible(Step next, int[] regs) {
        if (next.pc == 0) return "return address 0: the outermost frame";
        long oldSp = regs[ESP] & 0xFFFF_FFFFL, newSp = next.regs[ESP] & 0xFFFF_FFFFL;
        if (newSp <= oldSp) return String.format("the caller's stack pointer 0x%08x is not above this frame's 0x%08x: corrupt stack?", newSp, oldSp);
        if (dwarf.functionAt(next.pc - 1) == null && dwarf.lineAt(next.pc - 1) == null && describes(next.pc - 1) == null) {
            return String.format("return address 0x%08x is not in the kernel's code", next.pc);
        }
        return null;
    }

    private String describes(long address) {
        String d = target.describe((int) address);
        return d == null || d.startsWith("0x") ? null : d;
    }

    /** A caller's state, or why there is none ({@code end}). */
    private static final class Step {
        long pc;
        long cfa = -1;
        int[] regs;
        /** Which of {@code regs} were recovered; the others are unknown in the caller. */
        boolean[] known = new boolean[8];
        StackFrame.Unwound how;
        String end;
        Interrupt interrupt;

        static Step end(String why, long cfa) {
            Step s = new Step();
            s.end = why;
            s.cfa = cfa;
            return s;
        }
    }

    private record Interrupt(long stubPc, int vector, long errorCode) { }

    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) { super(message, null, false, false); }
    }

    private Step unwind(long lookup, int[] regs, boolean[] known, boolean innermost) throws Unreadable {
        FrameRule rule = dwarf.frameRuleAt(lookup);
        if (rule != null) return byCfi(rule, regs, known);
        Function f = dwarf.functionAt(lookup);
        String name = f != null ? f.name() : describes(lookup);
        if (innermost && name != null && atEntry(lookup, f)) {
            // on a function's first instruction the return address is at [ESP], the frame not yet built
            Step s = new Step();
            long sp = regs[ESP] & 0xFFFF_FFFFL;
            s.regs = regs.clone();
            s.pc = read32(sp, "the return address");
            s.regs[ESP] = (int) (sp + 4);
            s.known = calleeSaved(known); // on the first instruction the callee has changed no register yet
            s.cfa = sp + 4;
            s.how = StackFrame.Unwound.FRAME_POINTER;
            return s;
        }
        long ebp = regs[EBP] & 0xFFFF_FFFFL;
        if (ebp == 0) return Step.end("EBP is 0 and there is no call frame information: the frame pointer chain ends", -1);
        if ((ebp & 3) != 0) return Step.end(String.format("EBP 0x%08x is not aligned: no frame pointer chain here", ebp), -1);
        Step s = new Step();
        s.regs = regs.clone();
        s.regs[EBP] = (int) read32(ebp, "the saved frame pointer");
        s.pc = read32(ebp + 4, "the return address");
        s.regs[ESP] = (int) (ebp + 8);
        s.known[ESP] = s.known[EBP] = true; // where the prologue saved EBX, ESI, EDI is not known without analysing it
        s.cfa = ebp + 8;
        s.how = StackFrame.Unwound.FRAME_POINTER;
        return s;
    }

    private boolean atEntry(long pc, Function f) {
        if (f != null) return f.entry() == pc;
        String d = describes(pc);
        return d != null && d.indexOf('+') < 0;
    }

    /** DWARF 5 section 6.4.1: CFA = register + offset; saved registers at CFA + n; ESP = CFA. */
    private Step byCfi(FrameRule rule, int[] regs, boolean[] known) throws Unreadable {
        if (rule.cfaRegister() < 0 || rule.cfaRegister() > 7) {
            return Step.end("the call frame information computes the CFA by an expression, which is not evaluated", -1);
        }
        long cfa = (regs[rule.cfaRegister()] + rule.cfaOffset()) & 0xFFFF_FFFFL;
        Step s = new Step();
        s.cfa = cfa;
        s.regs = regs.clone();
        s.known = calleeSaved(known);
        s.how = StackFrame.Unwound.CFI;
        FrameRule.Rule ra = rule.registers().get(rule.returnAddressRegister());
        if (ra == null || ra.kind() == FrameRule.Rule.Kind.UNDEFINED) return Step.end("the return address is undefined here: the outermost frame", cfa);
        for (var e : rule.registers().entrySet()) {
            int r = e.getKey();
            if (r > 7 && r != DWARF_EIP) continue;
            FrameRule.Rule how = e.getValue();
            long value;
            switch (how.kind()) {
                case OFFSET: value = read32((cfa + how.value()) & 0xFFFF_FFFFL, "a saved register"); break;
                case VAL_OFFSET: value = cfa + how.value(); break;
                case REGISTER: {
                    boolean ok = how.value() >= 0 && how.value() < 8;
                    value = ok ? regs[(int) how.value()] : 0;
                    if (r < 8) s.known[r] = ok && known[(int) how.value()];
                    if (r == rule.returnAddressRegister()) s.pc = value & 0xFFFF_FFFFL;
                    else if (r < 8) s.regs[r] = (int) value;
                    continue;
                }
                case UNDEFINED: if (r < 8) s.known[r] = false; continue;
                case EXPRESSION: return Step.end("a register is saved by a DWARF expression, which is not evaluated", cfa);
                default: continue;
            }
            if (r == rule.returnAddressRegister()) s.pc = value & 0xFFFF_FFFFL;
            else if (r < 8) {
                s.regs[r] = (int) value;
                s.known[r] = true;
            }
        }
        s.regs[ESP] = (int) cfa;
        s.known[ESP] = true;
        return s;
    }

    /**
     * What a caller still knows of {@code known}: EAX, ECX and EDX are call-clobbered (System V
     * i386 ABI 2.2.2), so their values in the callee say nothing about the caller's; the others
     * are preserved, or restored by a rule the unwinder applies on top.
     */
    private static boolean[] calleeSaved(boolean[] known) {
        boolean[] k = known.clone();
        k[0] = k[1] = k[2] = false;
        return k;
    }

    /**
     * When {@code pc} is the return address of the call in an interrupt entry stub's common code,
     * the interrupt frame below it: the vector and error code the stub pushed, the registers its
     * {@code pushal} saved, and EIP, CS, EFLAGS (and ESP, SS from another ring) the CPU pushed
     * (SDM Vol. 3 6.12.1). Null when the code there is not such a stub.
     */
    private Step interruptStub(long pc, int[] regs, boolean caller) throws Unreadable {
        if (!caller) return null;
        String sym = describes(pc - 1);
        if (sym == null) return null;
        int plus = sym.indexOf('+');
        String name = plus < 0 ? sym : sym.substring(0, plus);
        Integer start = target.symbol(name);
        if (start == null) return null;
        // the stack effect of the common code from its start to the call that returned to pc
        long at = start & 0xFFFF_FFFFL;
        int depth = 0, pushal = -1;
        byte[] code = new byte[15];
        while (at < pc) {
            if (!target.readLinear((int) at, code, 0, code.length).ok()) return null;
            Disassembler.Decoded d = target.disassemble(code, 0, (int) at, false);
            String m = d.mnemonic();
            if (at + d.length() == pc) {
                if (!m.startsWith("call")) return null;
                break;
            }
            if (m.equals("pusha") || m.equals("pushal")) {
                pushal = depth;
                depth += 32;
            } else if (m.startsWith("push")) {
                depth += m.endsWith("w") ? 2 : 4;
            } else if (m.startsWith("pop") || m.startsWith("call") || m.startsWith("ret") || m.startsWith("j") || d.operands().endsWith("%esp")) {
                return null; // not straight-line code whose stack effect can be counted
            }
            at += d.length();
        }
        if (pushal < 0) return null;
        long sp = regs[ESP] & 0xFFFF_FFFFL; // ESP after the call returned: as at the call
        long entry = sp + depth; // ESP on entry to the common code
        int vector = (int) read32(entry, "the interrupt vector");
        long error = read32(entry + 4, "the error code");
        long eip = read32(entry + 8, "the interrupted EIP");
        int cs = (int) read32(entry + 12, "the interrupted CS") & 0xFFFF;
        long eflags = read32(entry + 16, "the interrupted EFLAGS");
        if (vector < 0 || vector > 255 || (eflags & 2) == 0 || (cs & 0xFFFC) == 0 || !gateLeadsTo(vector, start & 0xFFFF_FFFFL)) return null;
        long saved = entry - pushal - 32; // pushal's block: EDI ESI EBP ESP EBX EDX ECX EAX from low to high
        Step s = new Step();
        s.regs = new int[8];
        int[] order = {7, 6, 5, 4, 3, 2, 1, 0};
        for (int i = 0; i < 8; i++) s.regs[order[i]] = (int) read32(saved + 4L * i, "the registers pushal saved");
        boolean otherRing = (cs & 3) != (target.segSelector(DebugTarget.SEG_CS) & 3);
        s.regs[ESP] = (int) (otherRing ? read32(entry + 20, "the interrupted ESP") : entry + 20);
        Arrays.fill(s.known, true); // pushal saved every register
        s.pc = eip;
        s.cfa = entry + 20;
        s.how = StackFrame.Unwound.INTERRUPT_FRAME;
        long stubPc = gateTarget(vector);
        boolean cpuPushedError = vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30;
        s.interrupt = new Interrupt(stubPc < 0 ? start : stubPc, vector, cpuPushedError ? error : -1);
        return s;
    }

    /** The IDT gate for {@code vector} (SDM Vol. 3 6.11), or -1 when it is absent or not readable. */
    private long gateTarget(int vector) {
        if (vector * 8 + 7 > target.idtrLimit()) return -1;
        byte[] g = new byte[8];
        if (!target.readLinear(target.idtrBase() + vector * 8, g, 0, 8).ok()) return -1;
        if ((g[5] & 0x80) == 0) return -1;
        return (g[0] & 0xFFL) | (g[1] & 0xFFL) << 8 | (g[6] & 0xFFL) << 16 | (g[7] & 0xFFL) << 24;
    }

    /** Whether the gate for {@code vector} runs a short stub that jumps to {@code common}. */
    private boolean gateLeadsTo(int vector, long common) {
        long at = gateTarget(vector);
        if (at < 0) return false;
        if (at == common) return true;
        byte[] code = new byte[15];
        for (int i = 0; i < STUB_INSTRUCTIONS; i++) {
            if (!target.readLinear((int) at, code, 0, code.length).ok()) return false;
            Disassembler.Decoded d = target.disassemble(code, 0, (int) at, false);
            if (d.mnemonic().startsWith("jmp")) {
                try {
                    return Long.decode(d.operands().trim()) == common;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            at += d.length();
        }
        return false;
    }

    private long read32(long address, String what) throws Unreadable {
        byte[] b = new byte[4];
        var r = target.readLinear((int) address, b, 0, 4);
        if (!r.ok()) throw new Unreadable(String.format("cannot read %s at 0x%08x: %s", what, address & 0xFFFF_FFFFL, r.cause()));
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }
}
