package i386mon.machine.debug;

import i386mon.machine.debug.dwarf.CallSite;
import i386mon.machine.debug.dwarf.Expression;
import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.Parameter;
import i386mon.machine.debug.dwarf.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's argument values: each formal parameter's location at the frame's pc evaluated with the
 * registers the unwinder recovered for the frame and read through the side-effect-free debug
 * read, printed as gdb prints them in a backtrace (gdb's "print frame-arguments scalars").
 */
final class FrameArguments {
    /** gdb's default "print elements" limit for strings. */
    private static final int STRING_LIMIT = 200;
    /** gdb's default "print repeats": a run longer than this is shown as one repeated character. */
    private static final int REPEATS = 10;

    private FrameArguments() { }

    /**
     * A frame as the walk found it: its function (null without DWARF), its pc and the address its
     * locations are looked up at (the pc, or a return address - 1), the registers the unwinder
     * recovered and which of them it could ({@code known}), its CFA (-1 when unknown), and its
     * caller (null when none, or when this frame was entered by an interrupt, not a call).
     */
    static final class State implements Expression.Frame {
        final DebugTarget target;
        final Function function;
        final long pc, lookup, cfa;
        final int[] regs;
        final boolean[] known;
        State caller;

        State(DebugTarget target, Function function, long pc, long lookup, int[] regs, boolean[] known, long cfa) {
            this.target = target;
            this.function = function;
            this.pc = pc;
            this.lookup = lookup;
            this.regs = regs.clone();
            this.known = known.clone();
            this.cfa = cfa;
        }

        @Override public boolean known(int n) { return n >= 0 && n < 8 && known[n]; }
        @Override public long register(int n) { return regs[n] & 0xFFFF_FFFFL; }
        @Override public long cfa() { return cfa; }
        @Override public boolean read(long address, byte[] b) { return target.readLinear((int) address, b, 0, b.length).ok(); }

        /**
         * As gdb's entry values: the caller's call site at this frame's return address, calling this
         * function, says what it passed in {@code block}'s place (a register, or the stack slot that
         * DW_OP_fbreg N names and the caller wrote at ESP + N); its value there, evaluated in the caller's frame.
         */
        @Override public Long entryValue(byte[] block) {
            String key = Expression.place(block, 0x91);
            if (key == null || caller == null || function == null) return null;
            CallSite site = target.debugInfo().callSiteAt(caller.pc);
            if (site == null || !function.name().equals(site.callee())) return null;
            for (CallSite.Argument a : site.arguments()) {
                if (!key.equals(Expression.place(a.location(), 0x74))) continue;
                Expression.Result r = Expression.evaluate(a.value(), caller.function == null ? null : caller.function.frameBase(), caller, 4);
                return r.kind() == Expression.Result.Kind.VALUE || r.kind() == Expression.Result.Kind.MEMORY ? r.value() : null;
            }
            return null;
        }
    }

    /** The arguments of the frame {@code state} (whose caller is linked when there is one). */
    static List<FrameArgument> of(State state) {
        List<FrameArgument> out = new ArrayList<>();
        for (Parameter p : state.function.parameters()) out.add(argument(p, state));
        return out;
    }

    private static FrameArgument argument(Parameter p, State frame) {
        if (p.location().error() != null) return new FrameArgument(p.name(), "<error: " + p.location().error() + ">", null, null, null);
        ValueType type = p.type();
        if (type.kind() == ValueType.Kind.AGGREGATE) return new FrameArgument(p.name(), "...", null, null, null);
        int size = type.size() > 0 ? Math.min(type.size(), 8) : 4;
        byte[] expr = p.location().at(frame.lookup);
        Long entry = expr == null || size > 4 ? null : frame.entryValue(expr);
        String entryText = entry == null ? null : text(frame.target, type, size, entry & mask(size), frame);
        if (entry != null) entry &= mask(size);
        if (expr == null) return new FrameArgument(p.name(), "<optimized out>", null, entryText, entry);
        Expression.Result r = Expression.evaluate(expr, frame.function.frameBase(), frame, size);
        long value;
        switch (r.kind()) {
            case OPTIMIZED_OUT: return new FrameArgument(p.name(), "<optimized out>", null, entryText, entry);
            case ERROR: return new FrameArgument(p.name(), "<error: " + r.error() + ">", null, entryText, entry);
            case MEMORY: {
                byte[] b = new byte[size];
                if (!frame.read(r.value(), b)) {
                    return new FrameArgument(p.name(), String.format("<error: Cannot access memory at address 0x%x>", r.value()), null, entryText, entry);
                }
                value = 0;
                for (int i = size - 1; i >= 0; i--) value = value << 8 | (b[i] & 0xFF);
                break;
            }
            default: value = r.value(); break;
        }
        value &= mask(size);
        return new FrameArgument(p.name(), text(frame.target, type, size, value, frame), value, entryText, entry);
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** The value as gdb prints it for its type. */
    static String text(DebugTarget target, ValueType type, int size, long value, Expression.Frame memory) {
        switch (type.kind()) {
            case SIGNED: case ENUM: return Long.toString(signed(value, size));
            case BOOLEAN: return value == 0 ? "false" : value == 1 ? "true" : Long.toString(value);
            case SIGNED_CHAR: return signed(value, size) + " " + character((int) value & 0xFF);
            case UNSIGNED_CHAR: return value + " " + character((int) value & 0xFF);
            case FLOAT: return size == 4 ? Float.toString(Float.intBitsToFloat((int) value)) : Double.toString(Double.longBitsToDouble(value));
            case POINTER: return hex(value);
            case FUNCTION_POINTER: {
                String d = target.describe((int) value);
                if (value == 0 || d == null || d.startsWith("0x")) return hex(value);
                int plus = d.indexOf("+0x");
                return hex(value) + " <" + (plus < 0 ? d : d.substring(0, plus) + "+" + Long.parseLong(d.substring(plus + 3), 16)) + ">";
            }
            case STRING: return value == 0 ? "0x0" : hex(value) + " " + string(value, memory);
            case UNSIGNED: case UNKNOWN: default: return Long.toUnsignedString(value);
        }
    }

    private static long signed(long value, int size) {
        return size >= 8 ? value : value << (64 - 8 * size) >> (64 - 8 * size);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** 'A', '\n', '\000' as gdb writes a char. */
    private static String character(int c) {
        return "'" + (c == '\'' ? "\\'" : escaped(c, '\'')) + "'";
    }

    private static String escaped(int c, char quote) {
        switch (c) {
            case 7: return "\\a";
            case 8: return "\\b";
            case 9: return "\\t";
            case 10: return "\\n";
            case 11: return "\\v";
            case 12: return "\\f";
            case 13: return "\\r";
            case 27: return "\\033";
            case '\\': return "\\\\";
            default:
                if (c == quote) return "\\" + quote;
                if (c < 0x20 || c >= 0x7f) return String.format("\\%03o", c);
                return String.valueOf((char) c);
        }
    }

    /**
     * The NUL-terminated string at {@code address} as gdb prints it: quoted with C escapes, runs of
     * more than {@value #REPEATS} equal characters as {@code 'c' <repeats N times>}, at most
     * {@value #STRING_LIMIT} characters then "...", and gdb's error when memory cannot be read.
     */
    private static String string(long address, Expression.Frame memory) {
        List<Integer> chars = new ArrayList<>();
        byte[] b = new byte[1];
        boolean truncated = true;
        String error = null;
        for (int i = 0; i < STRING_LIMIT; i++) {
            if (!memory.read(address + i, b)) {
                error = String.format("<error: Cannot access memory at address 0x%x>", address + i);
                truncated = false;
                break;
            }
            if (b[0] == 0) {
                truncated = false;
                break;
            }
            chars.add(b[0] & 0xFF);
        }
        if (chars.isEmpty() && error != null) return error;
        StringBuilder sb = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < chars.size(); ) {
            int c = chars.get(i), run = 1;
            while (i + run < chars.size() && chars.get(i + run) == c) run++;
            if (run > REPEATS) {
                if (inQuotes) sb.append("\", ");
                else if (sb.length() > 0) sb.append(", ");
                sb.append(character(c)).append(" <repeats ").append(run).append(" times>");
                inQuotes = false;
                i += run;
                continue;
            }
            if (!inQuotes) {
                if (sb.length() > 0) sb.append(", ");
                sb.append('"');
                inQuotes = true;
            }
            sb.append(escaped(c, '"'));
            i++;
        }
        if (inQuotes) sb.append('"');
        if (sb.length() == 0) sb.append("\"\"");
        if (truncated) sb.append("...");
        if (error != null) sb.append(error);
        return sb.toString();
    }
}
