package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.PF;
import static i386mon.machine.cpu.Cpu.SF;
import static i386mon.machine.cpu.Cpu.ZF;

/**
 * An independent flag model for the tests, written from the SDM's definitions with wide
 * arithmetic (CF: the unsigned result does not fit; OF: the signed result does not fit; AF: carry
 * or borrow out of bit 3) rather than the bit tricks the CPU uses.
 */
final class Ref {
    private Ref() { }

    static final int ARITH = CF | PF | AF | ZF | SF | OF;
    /** By default a flag an instruction does not define is unchanged, not undefined. */
    private static final int UNDEFINED_DEFAULT = 0;

    /** Edge values for an operand size: 0, 1, -1, the sign boundaries and the maximum values. */
    static int[] edges(int size) {
        switch (size) {
            case 1: return new int[] {0, 1, 2, 0x0F, 0x10, 0x7F, 0x80, 0x81, 0xFE, 0xFF};
            case 2: return new int[] {0, 1, 0x0F, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF};
            default: return new int[] {0, 1, 0x0F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0x80000001,
                    0xFFFFFFFE, 0xFFFFFFFF};
        }
    }

    static long umask(int size) { return size == 4 ? 0xFFFF_FFFFL : size == 2 ? 0xFFFF : 0xFF; }

    static long signed(int v, int size) { return size == 4 ? v : size == 2 ? (short) v : (byte) v; }

    static boolean fitsSigned(long v, int size) { return v >= -(1L << (size * 8 - 1)) && v < 1L << (size * 8 - 1); }

    /** ZF SF PF of a result. */
    static int szp(long res, int size) {
        long r = res & umask(size);
        int f = 0;
        if (r == 0) f |= ZF;
        if ((r >>> (size * 8 - 1) & 1) != 0) f |= SF;
        if (Long.bitCount(r & 0xFF) % 2 == 0) f |= PF;
        return f;
    }

    /** Result (low bits) and flags of an ALU operation; {@code bits} holds the flags, {@code value} the result. */
    static final class Out {
        /** The result; the flags it sets; the flags it writes (the rest keep their value); the flags it leaves undefined. */
        final int value, flags, defined, undefined;

        Out(long value, int flags, int defined) { this(value, flags, defined, ARITH & ~defined & UNDEFINED_DEFAULT); }

        Out(long value, int flags, int defined, int undefined) {
            this.value = (int) value;
            this.flags = flags;
            this.defined = defined;
            this.undefined = undefined;
        }
    }

    static Out add(int a, int b, boolean carryIn, int size) {
        long m = umask(size), c = carryIn ? 1 : 0;
        long u = (a & m) + (b & m) + c, s = signed(a, size) + signed(b, size) + c;
        int f = szp(u, size);
        if (u > m) f |= CF;
        if (!fitsSigned(s, size)) f |= OF;
        if ((a & 0xF) + (b & 0xF) + c > 0xF) f |= AF;
        return new Out(u & m, f, ARITH);
    }

    static Out sub(int a, int b, boolean borrowIn, int size) {
        long m = umask(size), c = borrowIn ? 1 : 0;
        long u = (a & m) - (b & m) - c, s = signed(a, size) - signed(b, size) - c;
        int f = szp(u, size);
        if (u < 0) f |= CF;
        if (!fitsSigned(s, size)) f |= OF;
        if ((a & 0xF) - (b & 0xF) - c < 0) f |= AF;
        return new Out(u & m, f, ARITH);
    }

    /** AND OR XOR TEST: CF = OF = 0, AF undefined. */
    static Out logic(long res, int size) {
        return new Out(res & umask(size), szp(res, size), ARITH & ~AF, AF);
    }
}
