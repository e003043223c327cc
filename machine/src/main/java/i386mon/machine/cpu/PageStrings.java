package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.ESI;

import i386mon.machine.cpu.OpcodeTable.Op;
import i386mon.machine.fault.CpuException;
import i386mon.machine.mmu.Mmu;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * REP MOVS and REP STOS many iterations at once, up to the nearest page end of either side, when
 * every element lies in a page the host TLB reaches directly: a read entry for the source (RAM or
 * ROM, no watchpoint) and a write entry for the destination (dirty, writable RAM, no watchpoint,
 * no cached code). Those iterations then have no effect but the bytes and the registers, the same
 * as the per-iteration path gives: the elements move in order (an overlapping move gives the
 * element-by-element result) and ESI/EDI/ECX end as after that many iterations. Anything else
 * (a page not in the host TLB yet, an element crossing a page or the offset wrap, a segment
 * check that may fail) is left to one ordinary iteration, which also refills the host TLB, so
 * faults, Accessed/Dirty updates and watchpoints happen exactly where they did.
 */
final class PageStrings {
    private PageStrings() { }

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Runs up to {@code max} (at least 1) iterations of the REP MOVS/STOS {@code i} of element
     * {@code size} moving by {@code d}; returns how many it did, 0 if the next one needs the
     * per-iteration path.
     */
    static int run(Cpu c, Insn i, int size, int d, int max) {
        boolean movs = i.op == Op.MOVS;
        int dOff = StringOps.offset(c, i, EDI), dLin = c.segBase[ES] + dOff;
        int k = fit(dOff, dLin, size, d, i.a32, max);
        int sOff = 0, sLin = 0;
        if (movs && k > 0) {
            sOff = StringOps.offset(c, i, ESI);
            sLin = c.segBase[i.seg] + sOff;
            k = fit(sOff, sLin, size, d, i.a32, k);
        }
        if (k == 0) return 0;
        Mmu mmu = c.mmu;
        byte[] dst = mmu.directWriteStore(dLin), src = movs ? mmu.directReadStore(sLin) : null;
        if (dst == null || movs && src == null) return 0;
        if (!segmentAllows(c, ES, dOff, size, d, k, true) || movs && !segmentAllows(c, i.seg, sOff, size, d, k, false)) return 0;
        // the lowest byte of each side: the first element's going up, the last one's going down
        int back = d < 0 ? (k - 1) * size : 0, len = k * size;
        int dLow = mmu.directWriteIndex(dLin) - back;
        if (movs) {
            move(src, mmu.directReadIndex(sLin) - back, dst, dLow, len, size, d);
        } else {
            fill(dst, dLow, len, size, c.r[EAX]);
        }
        StringOps.advance(c, i, EDI, k * d);
        if (movs) StringOps.advance(c, i, ESI, k * d);
        StringOps.advance(c, i, ECX, -k);
        return k;
    }

    /**
     * How many of {@code max} elements from offset {@code off} (linear {@code lin}) stay within the
     * offset range (no wrap of ESI/EDI, or SI/DI) and within the first element's page, which the
     * first element must not cross.
     */
    private static int fit(int off, int lin, int size, int d, boolean a32, int max) {
        long width = a32 ? 1L << 32 : 1L << 16, o = Integer.toUnsignedLong(off);
        int inPage = lin & 0xFFF;
        if (o + size > width || inPage + size > 0x1000) return 0;
        long byOffset = d > 0 ? (width - o) / size : o / size + 1;
        long byPage = d > 0 ? (0x1000 - inPage) / size : inPage / size + 1;
        return (int) Math.min(max, Math.min(byOffset, byPage));
    }

    /**
     * The segment checks pass for all {@code k} elements: a flat segment always; otherwise the
     * first and the last element are checked, since the offsets a segment allows form one range
     * (expand-up or expand-down) and the type and presence checks are the same for each element.
     */
    private static boolean segmentAllows(Cpu c, int s, int off, int size, int d, int k, boolean write) {
        if (c.segFlat[s]) return true;
        try {
            SegmentChecks.checkData(c, s, off, size, write);
            SegmentChecks.checkData(c, s, off + (k - 1) * d, size, write);
            return true;
        } catch (CpuException e) {
            return false; // the per-iteration path raises it at the right element
        }
    }

    /** MOVS: {@code len} bytes, element by element in the direction of {@code d}. */
    private static void move(byte[] src, int sLow, byte[] dst, int dLow, int len, int size, int d) {
        // A block copy equals the element-by-element order unless an element reads bytes an
        // earlier element wrote: the destination overlapping ahead of the source in the direction of travel.
        boolean ahead = src == dst && (d > 0 ? dLow > sLow && dLow < sLow + len : dLow < sLow && dLow + len > sLow);
        if (!ahead) {
            System.arraycopy(src, sLow, dst, dLow, len);
            return;
        }
        if (d > 0) {
            for (int j = 0; j < len; j += size) System.arraycopy(src, sLow + j, dst, dLow + j, size);
        } else {
            for (int j = len - size; j >= 0; j -= size) System.arraycopy(src, sLow + j, dst, dLow + j, size);
        }
    }

    /** STOS: {@code len} bytes of the accumulator's low {@code size} bytes repeated. */
    private static void fill(byte[] dst, int low, int len, int size, int value) {
        if (size == 1 || size == 2 && (value & 0xFF) == (value >>> 8 & 0xFF) || size == 4 && value == (value & 0xFF) * 0x01010101) {
            java.util.Arrays.fill(dst, low, low + len, (byte) value);
        } else if (size == 2) {
            for (int j = 0; j < len; j += 2) I16.set(dst, low + j, (short) value);
        } else {
            for (int j = 0; j < len; j += 4) I32.set(dst, low + j, value);
        }
    }
}
