package i386mon.machine.debug.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a DWARF location expression (DWARF 5 section 2.5 and 2.6) for one frame: the stack
 * machine's common operations on 32-bit values, register and memory locations, DW_OP_stack_value
 * and DW_OP_implicit_value, pieces that make up the whole value, DW_OP_entry_value as far as the
 * frame can answer it. A value that depends on a register the frame does not know, or on an entry
 * value it cannot tell, is optimized out; an operation not evaluated here is an error naming it.
 */
public final class Expression {
    /** What an expression needs from the frame it is evaluated in. */
    public interface Frame {
        /** Whether register {@code n} (DWARF's i386 numbering) is known in this frame. */
        boolean known(int n);

        /** Register {@code n}'s value in this frame (only when {@link #known}). */
        long register(int n);

        /** The canonical frame address (DW_OP_call_frame_cfa), -1 when unknown. */
        long cfa();

        /** Reads {@code out.length} bytes at {@code address} without side effects; false when not readable. */
        boolean read(long address, byte[] out);

        /**
         * The value that the location {@code block} (DW_OP_regN or DW_OP_fbreg N) held when the
         * function was entered, from the caller's call site, or null when it cannot be known.
         */
        default Long entryValue(byte[] block) { return null; }
    }

    /** The outcome: a value, the address of the value in memory, optimized out, or an error. */
    public record Result(Kind kind, long value, String error) {
        public enum Kind { VALUE, MEMORY, OPTIMIZED_OUT, ERROR }

        static final Result OPTIMIZED_OUT = new Result(Kind.OPTIMIZED_OUT, 0, null);

        static Result error(String why) { return new Result(Kind.ERROR, 0, why); }
    }

    private static final long MASK = 0xFFFF_FFFFL;

    private Expression() { }

    /**
     * Evaluates {@code expr} in {@code frame}; {@code frameBase} is the function's DW_AT_frame_base
     * (for DW_OP_fbreg) or null; {@code size} the value's size in bytes (to tell a whole piece).
     */
    public static Result evaluate(byte[] expr, byte[] frameBase, Frame frame, int size) {
        try {
            return run(expr, frameBase, frame, size, 0);
        } catch (DwarfException e) {
            return Result.error(e.getMessage());
        }
    }

    private static final class Unknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unknown() { super(null, null, false, false); }
    }

    private static Result run(byte[] expr, byte[] frameBase, Frame frame, int size, int depth) {
        ByteCursor c = new ByteCursor(expr, "a DWARF expression");
        long[] stack = new long[64];
        int sp = 0;
        Result location = null; // a register or implicit location that ends the expression (or a piece)
        List<long[]> pieces = new ArrayList<>(); // {value, size in bytes}
        try {
            while (!c.atEnd()) {
                int op = c.u8();
                if (sp > stack.length - 2) return Result.error("DWARF expression stack overflow");
                if (op >= 0x30 && op <= 0x4f) { stack[sp++] = op - 0x30; continue; } // DW_OP_lit<n>
                if (op >= 0x50 && op <= 0x6f) { location = new Result(Result.Kind.VALUE, register(frame, op - 0x50), null); continue; }
                if (op >= 0x70 && op <= 0x8f) { stack[sp++] = (register(frame, op - 0x70) + c.sleb()) & MASK; continue; }
                switch (op) {
                    case 0x03: stack[sp++] = c.u32(); break; // addr
                    case 0x06: need(sp, 1); stack[sp - 1] = memory(frame, stack[sp - 1], 4); break; // deref
                    case 0x08: stack[sp++] = c.u8(); break;
                    case 0x09: stack[sp++] = (byte) c.u8() & MASK; break;
                    case 0x0a: stack[sp++] = c.u16(); break;
                    case 0x0b: stack[sp++] = (short) c.u16() & MASK; break;
                    case 0x0c: stack[sp++] = c.u32(); break;
                    case 0x0d: stack[sp++] = c.u32(); break;
                    case 0x0e: case 0x0f: stack[sp++] = c.u64() & MASK; break;
                    case 0x10: stack[sp++] = c.uleb() & MASK; break;
                    case 0x11: stack[sp++] = c.sleb() & MASK; break;
                    case 0x12: need(sp, 1); stack[sp] = stack[sp - 1]; sp++; break; // dup
                    case 0x13: need(sp, 1); sp--; break; // drop
                    case 0x14: need(sp, 2); stack[sp] = stack[sp - 2]; sp++; break; // over
                    case 0x15: { int i = c.u8(); need(sp, i + 1); stack[sp] = stack[sp - 1 - i]; sp++; break; } // pick
                    case 0x16: { need(sp, 2); long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; } // swap
                    case 0x17: { need(sp, 3); long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = stack[sp - 3]; stack[sp - 3] = t; break; } // rot
                    case 0x19: need(sp, 1); stack[sp - 1] = Math.abs((int) stack[sp - 1]) & MASK; break;
                    case 0x1f: need(sp, 1); stack[sp - 1] = -stack[sp - 1] & MASK; break;
                    case 0x20: need(sp, 1); stack[sp - 1] = ~stack[sp - 1] & MASK; break;
                    case 0x23: need(sp, 1); stack[sp - 1] = (stack[sp - 1] + c.uleb()) & MASK; break; // plus_uconst
                    case 0x1a: case 0x1b: case 0x1c: case 0x1d: case 0x1e: case 0x21: case 0x22: case 0x24: case 0x25:
                    case 0x26: case 0x27: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: case 0x2e: {
                        need(sp, 2);
                        long b = stack[--sp], a = stack[sp - 1];
                        stack[sp - 1] = binary(op, a, b) & MASK;
                        break;
                    }
                    case 0x90: location = new Result(Result.Kind.VALUE, register(frame, (int) c.uleb()), null); break; // regx
                    case 0x91: { // fbreg
                        long offset = c.sleb();
                        if (frameBase == null || depth > 0) return Result.error("DW_OP_fbreg without a frame base");
                        Result base = run(frameBase, null, frame, 4, depth + 1);
                        if (base.kind() != Result.Kind.MEMORY) return base.kind() == Result.Kind.VALUE ? Result.error("the frame base is not an address") : base;
                        stack[sp++] = (base.value() + offset) & MASK;
                        break;
                    }
                    case 0x92: { int r = (int) c.uleb(); stack[sp++] = (register(frame, r) + c.sleb()) & MASK; break; } // bregx
                    case 0x93: { // piece
                        long bytes = c.uleb();
                        Result part = location != null ? location : sp > 0 ? new Result(Result.Kind.MEMORY, stack[--sp], null) : Result.OPTIMIZED_OUT;
                        if (part.kind() == Result.Kind.OPTIMIZED_OUT) throw new Unknown();
                        pieces.add(new long[] {part.kind() == Result.Kind.MEMORY ? memory(frame, part.value(), (int) Math.min(bytes, 4)) : part.value(), bytes});
                        location = null;
                        sp = 0;
                        break;
                    }
                    case 0x94: { int n = c.u8(); need(sp, 1); stack[sp - 1] = memory(frame, stack[sp - 1], n); break; } // deref_size
                    case 0x96: break; // nop
                    case 0x9c: { // call_frame_cfa
                        if (frame.cfa() < 0) throw new Unknown();
                        stack[sp++] = frame.cfa();
                        break;
                    }
                    case 0x9e: { // implicit_value: the value's bytes in the expression
                        long n = c.uleb();
                        byte[] b = c.bytes(n);
                        long v = 0;
                        for (int i = (int) Math.min(n, 8) - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
                        location = new Result(Result.Kind.VALUE, v, null);
                        break;
                    }
                    case 0x9f: need(sp, 1); location = new Result(Result.Kind.VALUE, stack[--sp], null); break; // stack_value
                    case 0xa3: case 0xf3: { // entry_value: the value at the function's entry, from the caller's call site
                        Long v = frame.entryValue(c.bytes(c.uleb()));
                        if (v == null) throw new Unknown();
                        stack[sp++] = v & MASK;
                        break;
                    }
                    default: return Result.error(String.format("DWARF expression operation 0x%02x is not evaluated", op));
                }
            }
        } catch (Unknown e) {
            return Result.OPTIMIZED_OUT;
        }
        if (!pieces.isEmpty()) {
            long v = 0;
            int shift = 0;
            for (long[] p : pieces) {
                if (shift < 64) v |= (p[0] & (p[1] >= 8 ? -1L : (1L << (8 * p[1])) - 1)) << shift;
                shift += (int) (8 * p[1]);
            }
            if (shift < 8 * size) return Result.OPTIMIZED_OUT; // pieces that do not cover the value: the rest is missing
            return new Result(Result.Kind.VALUE, v, null);
        }
        if (location != null) return location;
        if (sp == 0) return Result.OPTIMIZED_OUT; // an empty expression: no location
        return new Result(Result.Kind.MEMORY, stack[sp - 1], null);
    }

    /**
     * Where a lone location operation puts a value, to match a callee's parameter with a call
     * site's argument: "r0" for DW_OP_reg0, "s8" for {@code stackOp} 8 (DW_OP_fbreg in the callee,
     * DW_OP_breg4 in the caller: on i386 both name the same stack slot); null for anything else.
     */
    public static String place(byte[] block, int stackOp) {
        if (block.length == 1 && (block[0] & 0xFF) >= 0x50 && (block[0] & 0xFF) <= 0x57) return "r" + ((block[0] & 0xFF) - 0x50);
        if (block.length < 2 || (block[0] & 0xFF) != stackOp) return null;
        try {
            ByteCursor c = new ByteCursor(block, "a DWARF expression");
            c.u8();
            long offset = c.sleb();
            return c.atEnd() ? "s" + offset : null;
        } catch (DwarfException e) {
            return null;
        }
    }

    private static void need(int sp, int n) {
        if (sp < n) throw new DwarfException("DWARF expression stack underflow");
    }

    private static long register(Frame frame, int n) {
        if (!frame.known(n)) throw new Unknown();
        return frame.register(n) & MASK;
    }

    private static long memory(Frame frame, long address, int size) {
        if (size < 1 || size > 4) throw DwarfException.format("DW_OP_deref_size %d is not evaluated", size);
        byte[] b = new byte[size];
        if (!frame.read(address, b)) throw DwarfException.format("Cannot access memory at address 0x%x", address);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }

    /** The binary operations on the two top entries ({@code a} below {@code b}); DWARF's division and comparisons are signed. */
    private static long binary(int op, long a, long b) {
        int sa = (int) a, sb = (int) b;
        switch (op) {
            case 0x1a: return a & b;
            case 0x1b: if (sb == 0) throw new DwarfException("DWARF expression divides by zero"); return sa / sb;
            case 0x1c: return a - b;
            case 0x1d: if (b == 0) throw new DwarfException("DWARF expression divides by zero"); return a % b;
            case 0x1e: return a * b;
            case 0x21: return a | b;
            case 0x22: return a + b;
            case 0x24: return b >= 32 ? 0 : a << b;
            case 0x25: return b >= 32 ? 0 : a >>> b;
            case 0x26: return sa >> Math.min(b, 31);
            case 0x27: return a ^ b;
            case 0x29: return sa == sb ? 1 : 0;
            case 0x2a: return sa >= sb ? 1 : 0;
            case 0x2b: return sa > sb ? 1 : 0;
            case 0x2c: return sa <= sb ? 1 : 0;
            case 0x2d: return sa < sb ? 1 : 0;
            default: return sa != sb ? 1 : 0;
        }
    }
}
