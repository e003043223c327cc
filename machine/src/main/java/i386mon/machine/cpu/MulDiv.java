package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EDX;

import i386mon.machine.fault.CpuException;

/**
 * One-operand MUL/IMUL/DIV/IDIV on AL/AX/EAX. MUL and IMUL set CF=OF when the high half is
 * significant; SF ZF PF follow the low half as QEMU computes them (the SDM leaves them undefined).
 * DIV and IDIV raise #DE on a zero divisor or a quotient that does not fit, and leave flags alone.
 */
final class MulDiv {
    private MulDiv() { }

    static void mul(Cpu c, int src, int size, boolean signed) {
        switch (size) {
            case 1: {
                int a = c.r[EAX] & 0xFF, p = signed ? (byte) a * (byte) src : a * (src & 0xFF);
                c.setReg16(EAX, p);
                boolean high = signed ? p != (byte) p : (p & 0xFF00) != 0;
                c.setResultFlags(p, 1, high, high);
                return;
            }
            case 2: {
                int a = c.r[EAX] & 0xFFFF, p = signed ? (short) a * (short) src : a * (src & 0xFFFF);
                c.setReg16(EAX, p);
                c.setReg16(EDX, p >>> 16);
                boolean high = signed ? p != (short) p : (p & 0xFFFF0000) != 0;
                c.setResultFlags(p, 2, high, high);
                return;
            }
            default: {
                long p = signed ? (long) c.r[EAX] * (long) src : (c.r[EAX] & 0xFFFF_FFFFL) * (src & 0xFFFF_FFFFL);
                c.r[EAX] = (int) p;
                c.r[EDX] = (int) (p >>> 32);
                boolean high = signed ? p != (int) p : (p >>> 32) != 0;
                c.setResultFlags((int) p, 4, high, high);
            }
        }
    }

    static void div(Cpu c, int src, int size, boolean signed) {
        switch (size) {
            case 1: {
                int d = signed ? (byte) src : src & 0xFF;
                if (d == 0) throw CpuException.fault(CpuException.DE);
                int n = signed ? (short) c.r[EAX] : c.r[EAX] & 0xFFFF;
                int q = n / d, r = n % d;
                if (signed ? q != (byte) q : q > 0xFF) throw CpuException.fault(CpuException.DE);
                c.setReg16(EAX, (q & 0xFF) | (r & 0xFF) << 8);
                return;
            }
            case 2: {
                int d = signed ? (short) src : src & 0xFFFF;
                if (d == 0) throw CpuException.fault(CpuException.DE);
                int n = (c.r[EDX] & 0xFFFF) << 16 | (c.r[EAX] & 0xFFFF);
                long q, r;
                if (signed) {
                    q = (long) n / d;
                    r = (long) n % d;
                    if (q != (short) q) throw CpuException.fault(CpuException.DE);
                } else {
                    long un = n & 0xFFFF_FFFFL;
                    q = un / d;
                    r = un % d;
                    if (q > 0xFFFF) throw CpuException.fault(CpuException.DE);
                }
                c.setReg16(EAX, (int) q);
                c.setReg16(EDX, (int) r);
                return;
            }
            default: {
                if (src == 0) throw CpuException.fault(CpuException.DE);
                long n = (long) c.r[EDX] << 32 | (c.r[EAX] & 0xFFFF_FFFFL);
                long q, r;
                if (signed) {
                    if (n == Long.MIN_VALUE && src == -1) throw CpuException.fault(CpuException.DE);
                    q = n / src;
                    r = n % src;
                    if (q != (int) q) throw CpuException.fault(CpuException.DE);
                } else {
                    long d = src & 0xFFFF_FFFFL;
                    q = Long.divideUnsigned(n, d);
                    r = Long.remainderUnsigned(n, d);
                    if ((q >>> 32) != 0) throw CpuException.fault(CpuException.DE);
                }
                c.r[EAX] = (int) q;
                c.r[EDX] = (int) r;
            }
        }
    }
}
