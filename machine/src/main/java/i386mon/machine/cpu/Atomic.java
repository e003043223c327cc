package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;

/** XADD, CMPXCHG and CMPXCHG8B. The memory forms always write (SDM: the destination is written back on failure). */
final class Atomic {
    private Atomic() { }

    static void xadd(Cpu c, Insn i, int size) {
        int s = c.regSized(i.reg, size);
        if (i.mod == 3) {
            int d = c.regSized(i.rm, size);
            int sum = Executor.alu(c, 0, d, s, size);
            c.setRegSized(i.reg, size, d);
            c.setRegSized(i.rm, size, sum);
            return;
        }
        int lin = c.linWrite(i.seg, Executor.ea(c, i), size);
        int d = Executor.rmwRead(c, lin, size);
        int sum = (d + s) & Cpu.mask(size);
        Executor.memWrite(c, lin, size, sum);
        Executor.alu(c, 0, d, s, size);
        c.setRegSized(i.reg, size, d);
    }

    static void cmpxchg(Cpu c, Insn i, int size) {
        int acc = c.regSized(EAX, size);
        if (i.mod == 3) {
            int d = c.regSized(i.rm, size);
            Executor.alu(c, 7, acc, d, size);
            if (acc == d) c.setRegSized(i.rm, size, c.regSized(i.reg, size)); else c.setRegSized(EAX, size, d);
            return;
        }
        int lin = c.linWrite(i.seg, Executor.ea(c, i), size);
        int d = Executor.rmwRead(c, lin, size);
        boolean eq = acc == d;
        Executor.memWrite(c, lin, size, eq ? c.regSized(i.reg, size) : d);
        Executor.alu(c, 7, acc, d, size);
        if (!eq) c.setRegSized(EAX, size, d);
    }

    static void cmpxchg8b(Cpu c, Insn i) {
        int off = Executor.ea(c, i);
        int lin = c.linWrite(i.seg, off, 8);
        int lo = c.mmu.readForWrite32(lin), hi = c.mmu.readForWrite32(lin + 4);
        boolean eq = lo == c.r[EAX] && hi == c.r[EDX];
        c.mmu.write64(lin, eq ? (c.r[ECX] & 0xFFFF_FFFFL) << 32 | (c.r[EBX] & 0xFFFF_FFFFL)
                : (hi & 0xFFFF_FFFFL) << 32 | (lo & 0xFFFF_FFFFL));
        if (!eq) {
            c.r[EAX] = lo;
            c.r[EDX] = hi;
        }
        c.setFlag(Cpu.ZF, eq);
    }
}
