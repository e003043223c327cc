package i386mon.machine.cpu;

import i386mon.machine.mmu.HostAccess;

/**
 * The memory accesses of compiled code ({@link BlockCompiler}): a flat segment's host TLB hit
 * inline, and only on a miss the fault point recorded ({@link Cpu#jitAt}, {@link Cpu#jitRetired}:
 * the checked path may fault, and a device it reaches may read the instruction count) before the
 * interpreter's own access. A hit can neither fault nor ask for attention ({@link HostAccess}), so
 * only a miss tells the compiled code to look: a read answers its value with {@link #ATTENTION}
 * set, a write true, when attention was asked for. The branches live here, one profile for all
 * blocks: a site that missed rarely does not make HotSpot throw its compiled block away.
 */
final class CompiledAccess {
    /** Set in a read's answer (above its 32 bits) when the checked path ran and attention is asked for. */
    static final long ATTENTION = 1L << 32;

    private CompiledAccess() { }

    /** Reads {@code size} bytes at {@code s:off} as {@link Cpu#readSized}, zero-extended; {@code at}, {@code retired}: the fault point. */
    static long read(Cpu c, int s, int off, int size, int at, long retired) {
        if (c.segFlat[s]) {
            long v = HostAccess.read(c.mmu, c.segBase[s] + off, size);
            if (v != HostAccess.MISS) return v;
        }
        return readChecked(c, s, off, size, at, retired);
    }

    private static long readChecked(Cpu c, int s, int off, int size, int at, long retired) {
        faultPoint(c, at, retired);
        return c.readSized(s, off, size) & 0xFFFF_FFFFL | attention(c);
    }

    /** Writes as {@link Cpu#writeSized}; true if the checked path ran and attention is asked for. */
    static boolean write(Cpu c, int s, int off, int size, int v, int at, long retired) {
        if (c.segFlat[s] && HostAccess.write(c.mmu, c.segBase[s] + off, size, v)) return false;
        return writeChecked(c, s, off, size, v, at, retired);
    }

    private static boolean writeChecked(Cpu c, int s, int off, int size, int v, int at, long retired) {
        faultPoint(c, at, retired);
        c.writeSized(s, off, size, v);
        return c.attention;
    }

    /** A read-modify-write's read: checked for writing (the interpreter's {@link Cpu#linWrite} and {@link Executor#rmwRead}), as {@link #read}. */
    static long readForWrite(Cpu c, int s, int off, int size, int at, long retired) {
        if (c.segFlat[s]) {
            long v = HostAccess.readForWrite(c.mmu, c.segBase[s] + off, size);
            if (v != HostAccess.MISS) return v;
        }
        return readForWriteChecked(c, s, off, size, at, retired);
    }

    private static long readForWriteChecked(Cpu c, int s, int off, int size, int at, long retired) {
        faultPoint(c, at, retired);
        return Executor.rmwRead(c, c.linWrite(s, off, size), size) & 0xFFFF_FFFFL | attention(c);
    }

    /**
     * A read-modify-write's write after {@link #readForWrite} (whose checks passed and whose fault
     * point, on a miss, is recorded): the same entry if the read hit, else the interpreter's
     * {@link Executor#memWrite}. True if that asked for attention.
     */
    static boolean writeBack(Cpu c, int s, int off, int size, int v) {
        if (c.segFlat[s] && HostAccess.write(c.mmu, c.segBase[s] + off, size, v)) return false;
        return writeBackChecked(c, s, off, size, v);
    }

    private static boolean writeBackChecked(Cpu c, int s, int off, int size, int v) {
        Executor.memWrite(c, c.linWrite(s, off, size), size, v);
        return c.attention;
    }

    /** A push's write of {@code v} at linear {@code lin} of a flat 32-bit stack (as {@link Cpu#push32}); true as {@link #write}. */
    static boolean push32(Cpu c, int lin, int v, int at, long retired) {
        if (HostAccess.write(c.mmu, lin, 4, v)) return false;
        return push32Checked(c, lin, v, at, retired);
    }

    private static boolean push32Checked(Cpu c, int lin, int v, int at, long retired) {
        faultPoint(c, at, retired);
        c.mmu.write32(lin, v);
        return c.attention;
    }

    /** The dword at linear {@code lin} of a flat 32-bit stack (a pop's or a return's read), as {@link #read}. */
    static long stackRead32(Cpu c, int lin, int at, long retired) {
        long v = HostAccess.read(c.mmu, lin, 4);
        if (v != HostAccess.MISS) return v;
        return stackRead32Checked(c, lin, at, retired);
    }

    private static long stackRead32Checked(Cpu c, int lin, int at, long retired) {
        faultPoint(c, at, retired);
        return c.mmu.read32(lin) & 0xFFFF_FFFFL | attention(c);
    }

    private static void faultPoint(Cpu c, int at, long retired) {
        c.jitAt = at;
        c.jitRetired = retired;
    }

    private static long attention(Cpu c) {
        return c.attention ? ATTENTION : 0;
    }
}
