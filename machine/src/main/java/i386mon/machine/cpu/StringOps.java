package i386mon.machine.cpu;

import i386mon.machine.cpu.OpcodeTable.Op;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.ESI;

/**
 * MOVS STOS LODS CMPS SCAS INS OUTS with REP/REPE/REPNE in both directions. Each iteration commits
 * ECX/ESI/EDI before the next, so a fault in mid-string leaves the registers of the iterations
 * done and EIP at the instruction: the handler returns and the string resumes. Long repeats yield
 * every {@link Executor#REP_CHUNK} iterations (EIP stays on the instruction) so interrupts are taken.
 * With EFLAGS.TF set they yield after every iteration, so the single-step #DB follows each one
 * with EIP still on the instruction while the count is not zero (SDM vol. 2, REP, Operation:
 * pending events are serviced before each iteration; vol. 3, 17.3.1.4). REP MOVS and REP STOS move
 * whole runs of a chunk within a page at once ({@link PageStrings}), with the same result and count.
 */
final class StringOps {
    private StringOps() { }

    private static int size(Insn i) { return i.sub == 1 ? 1 : i.o32 ? 4 : 2; }

    private static int delta(Cpu c, int size) { return (c.flags & Cpu.DF) != 0 ? -size : size; }

    /** The offset an index register ({@code ESI}, {@code EDI}) holds under the instruction's address size. */
    static int offset(Cpu c, Insn i, int reg) { return i.a32 ? c.r[reg] : c.r[reg] & 0xFFFF; }

    private static int si(Cpu c, Insn i) { return offset(c, i, ESI); }

    private static int di(Cpu c, Insn i) { return offset(c, i, EDI); }

    /** Moves register {@code reg} by {@code d}, within 16 bits under 16-bit addressing. */
    static void advance(Cpu c, Insn i, int reg, int d) {
        if (i.a32) c.r[reg] += d; else c.setReg16(reg, c.r[reg] + d);
    }

    private static int count(Cpu c, Insn i) { return i.a32 ? c.r[ECX] : c.r[ECX] & 0xFFFF; }

    private static void decCount(Cpu c, Insn i) { advance(c, i, ECX, -1); }

    /**
     * After one iteration of a repeated instruction: true to go on. When the chunk of {@code chunk}
     * iterations is used up with work left, EIP is moved back onto the instruction so it resumes
     * after pending events.
     */
    private static boolean more(Cpu c, Insn i, int done, int chunk) {
        if (count(c, i) == 0) return false;
        if (done >= chunk) {
            c.eip -= i.len;
            return false;
        }
        return true;
    }

    private static void retire(Cpu c, int iterations) {
        if (iterations > 1) c.sliceRetired += iterations - 1;
    }

    /**
     * One string instruction, repeated as its prefix says: REP runs while ECX (CX) is not zero;
     * CMPS and SCAS also stop on ZF (REPE while equal, REPNE while not).
     */
    static void execute(Cpu c, Insn i) {
        int size = size(i), d = delta(c, size), n = 0, port = c.r[EDX] & 0xFFFF;
        if (i.rep != 0 && count(c, i) == 0) return;
        boolean compares = i.entry.repeatTestsZf();
        if (i.op == Op.INS || i.op == Op.OUTS) Executor.checkIo(c, port, size);
        // The instruction began with TF set: one iteration, then the trap (the run loop delivers it).
        int chunk = c.stepTrap ? 1 : Executor.REP_CHUNK;
        if (i.rep != 0 && chunk > 1 && (i.op == Op.MOVS || i.op == Op.STOS)) {
            repeatByPages(c, i, size, d, chunk);
            return;
        }
        do {
            iteration(c, i, size, d, port);
            n++;
            if (i.rep == 0) return;
            decCount(c, i);
        } while ((!compares || c.zf() == (i.rep == 1)) && more(c, i, n, chunk));
        retire(c, n);
    }

    /**
     * REP MOVS/STOS: the same iterations, chunks and count as the loop in {@link #execute}, but as
     * many iterations at a time as {@link PageStrings} can do directly, one ordinary iteration
     * where it cannot.
     */
    private static void repeatByPages(Cpu c, Insn i, int size, int d, int chunk) {
        int n = 0;
        do {
            int max = (int) Math.min(Integer.toUnsignedLong(count(c, i)), chunk - n);
            int done = PageStrings.run(c, i, size, d, max);
            if (done == 0) {
                iteration(c, i, size, d, 0);
                decCount(c, i);
                done = 1;
            }
            n += done;
        } while (more(c, i, n, chunk));
        retire(c, n);
    }

    /** One element: its reads and writes, then ESI/EDI moved; it commits before the next begins. */
    private static void iteration(Cpu c, Insn i, int size, int d, int port) {
        switch (i.op) {
            case MOVS: {
                int v = c.readSized(i.seg, si(c, i), size);
                c.writeSized(ES, di(c, i), size, v);
                advance(c, i, ESI, d);
                advance(c, i, EDI, d);
                return;
            }
            case STOS:
                c.writeSized(ES, di(c, i), size, c.r[EAX]);
                advance(c, i, EDI, d);
                return;
            case LODS:
                c.setRegSized(EAX, size, c.readSized(i.seg, si(c, i), size));
                advance(c, i, ESI, d);
                return;
            case CMPS: {
                int a = c.readSized(i.seg, si(c, i), size), b = c.readSized(ES, di(c, i), size);
                Executor.alu(c, 7, a, b, size);
                advance(c, i, ESI, d);
                advance(c, i, EDI, d);
                return;
            }
            case SCAS:
                Executor.alu(c, 7, c.regSized(EAX, size), c.readSized(ES, di(c, i), size), size);
                advance(c, i, EDI, d);
                return;
            case INS: {
                c.linWrite(ES, di(c, i), size); // the destination is checked before the port is read
                int v = Executor.in(c, port, size);
                c.writeSized(ES, di(c, i), size, v);
                advance(c, i, EDI, d);
                return;
            }
            default: // OUTS
                Executor.out(c, port, size, c.readSized(i.seg, si(c, i), size));
                advance(c, i, ESI, d);
        }
    }
}
