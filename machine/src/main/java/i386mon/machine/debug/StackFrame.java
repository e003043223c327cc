package i386mon.machine.debug;

import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.SourceLine;
import java.util.List;

/**
 * One frame of a backtrace. {@code pc} is where the frame executes (frame 0: EIP; a caller: the
 * return address, whose source line is looked up at {@code pc - 1}, inside the call, as gdb does);
 * {@code cfa} is the stack pointer before the call that made the frame (where ESP is again when it
 * returns), -1 when unknown; {@code registers} EAX..EDI as recovered for this frame (a value that
 * could not be recovered is the callee's, as gdb shows it). An {@link Kind#INTERRUPT} frame stands
 * for the CPU's interrupt or exception frame: {@code vector} and {@code errorCode} (-1 when none)
 * were pushed by the entry stub, and the next frame is the interrupted code. {@code arguments} are the
 * function's parameters with their values at this frame's pc (null when DWARF does not describe the function).
 */
public record StackFrame(int level, Kind kind, long pc, long cfa, int[] registers, Function function, String symbol,
                         SourceLine line, Unwound unwound, int vector, long errorCode,
                         List<FrameArgument> arguments) {
    public enum Kind { NORMAL, INTERRUPT }

    /** How the frame's caller was found. */
    public enum Unwound {
        /** By the DWARF call frame information at the frame's pc. */
        CFI("call frame information"),
        /** By the saved frame pointer chain: return address at [EBP+4], caller's EBP at [EBP]. */
        FRAME_POINTER("frame pointer chain"),
        /** From the interrupt frame the entry stub and the CPU pushed. */
        INTERRUPT_FRAME("interrupt frame"),
        /** This is the last frame. */
        NONE("");

        private final String text;

        Unwound(String text) { this.text = text; }

        public String text() { return text; }
    }

    public StackFrame {
        registers = registers.clone();
        arguments = arguments == null ? null : List.copyOf(arguments);
    }

    /** The function's name from DWARF, else the covering symbol's name, else null. */
    public String functionName() {
        if (function != null) return function.name();
        if (symbol == null) return null;
        int plus = symbol.indexOf('+');
        return plus < 0 ? symbol : symbol.substring(0, plus);
    }

    @Override public int[] registers() { return registers.clone(); }

    /** This frame with {@code args} as its arguments. */
    public StackFrame withArguments(List<FrameArgument> args) {
        return new StackFrame(level, kind, pc, cfa, registers, function, symbol, line, unwound, vector, errorCode, args);
    }
}
