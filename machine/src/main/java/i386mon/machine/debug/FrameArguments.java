package i386mon.machine.debug;

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
     * The arguments of {@code f} at {@code lookup} (the pc, or a caller's return address - 1);
     * {@code known} says which of {@code regs} the unwinder could recover; {@code cfa} is -1 when unknown.
     */
    static List<FrameArgument> of(DebugTarget target, Function f, long lookup, int[] regs, boolean[] known, long cfa) {
        List<FrameArgument> out = new ArrayList<>();
        Expression.Frame frame = new Expression.Frame() {
            @Override public boolean known(int n) { return n >= 0 && n < 8 && known[n]; }
            @Override public long register(int n) { return regs[n] & 0xFFFF_FFFFL; }
            @Override public long cfa() { return cfa; }
            @Override public boolean read(long address, byte[] b) { return target.readLinear((int) address, b, 0, b.length).ok(); }
        };
        for (Parameter p : f.parameters()) out.add(argument(target, p, lookup, f.frameBase(), frame));
        return out;
    }

    private static FrameArgument argument(DebugTarget target, Parameter p, long lookup, byte[] frameBase, Expression.Frame frame) {
        if (p.location().error() != null) return new FrameArgument(p.name(), "<error: " + p.location().error() + ">", null);
        byte[] expr = p.location().at(lookup);
        if (expr == null) return new FrameArgument(p.name(), "<optimized out>", null);
        ValueType type = p.type();
        if (type.kind() == ValueType.Kind.AGGREGATE) return new FrameArgument(p.name(), "...", null);
        int size = type.size() > 0 ? Math.min(type.size(), 8) : 4;
        Expression.Result r = Expression.evaluate(expr, frameBase, frame, size);
        long value;
        switch (r.kind()) {
            case OPTIMIZED_OUT: return new FrameArgument(p.name(), "<optimized out>", null);
            case ERROR: return new FrameArgument(p.name(), "<error: " + r.error() + ">", null);
            case MEMORY: {
                byte[] b = new byte[size];
                if (!frame.read(r.value(), b)) {
                    return new FrameArgument(p.name(), String.format("<error: Cannot access memory at address 0x%x>", r.value()), null);
                }
                value = 0;
                for (int i = size - 1; i >= 0; i--) value = value << 8 | (b[i] & 0xFF);
                break;
            }
            default: value = r.value(); break;
        }
        if (size < 8) value &= (1L << (8 * size)) - 1;
        return new FrameArgument(p.name(), text(target, type, size, value, frame), value);
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
