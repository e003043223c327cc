package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.SS;

import i386mon.machine.fault.CpuException;

/**
 * The limit and type checks of a data access through a segment that is not flat (SDM vol. 3, 5.3
 * and 5.4). They read the segment cache, which each mode fills when it loads a segment register,
 * so one static method serves every mode and the memory-access path calls it with no mode dispatch.
 * A null selector in DS/ES/FS/GS is unusable in protected mode because its load clears the cache's
 * P bit; the selector itself is not tested, since in real and virtual-8086 mode selector 0 is an
 * ordinary segment (the IVT's), and a cache loaded before (the reset state) stays usable as on
 * hardware.
 * In real-address mode only the limit is checked ({@code Cpu.limitChecksOnly}): the attributes are
 * whatever protected mode left, and an 8086 program writes through CS. The branch is on this slow
 * path only; flat segments never come here.
 */
final class SegmentChecks {
    private SegmentChecks() { }

    /** Checks a data access of {@code size} bytes at {@code s:off}; returns the linear address. */
    static int checkData(Cpu c, int s, int off, int size, boolean write) {
        int attr = c.segAttr[s];
        int type = (attr >>> 8) & 0xF;
        boolean code = (type & 8) != 0;
        if (!c.limitChecksOnly) {
            if ((attr & 0x8000) == 0) throw fault(s);
            if (write ? code || (type & 2) == 0 : code && (type & 2) == 0) throw fault(s);
        }
        int last = off + size - 1, limit = c.segLimit[s];
        boolean ok;
        if (!code && (type & 4) != 0) {
            int upper = (attr & 0x400000) != 0 ? -1 : 0xFFFF; // expand-down: offsets above the limit
            ok = Integer.compareUnsigned(off, limit) > 0 && Integer.compareUnsigned(last, upper) <= 0
                    && Integer.compareUnsigned(last, off) >= 0;
        } else {
            ok = Integer.compareUnsigned(last, limit) <= 0 && Integer.compareUnsigned(last, off) >= 0;
        }
        if (!ok) throw fault(s);
        return c.segBase[s] + off;
    }

    /**
     * #SS(0) through SS, #GP(0) through the others (SDM vol. 3, 6.15), made only when thrown: every
     * stack access through a segment that is not flat (real mode's 64 KiB ones: SeaBIOS's 16-bit
     * code, option ROMs, boot sectors) comes through here.
     */
    private static CpuException fault(int s) {
        return s == SS ? CpuException.fault(CpuException.SS, 0) : CpuException.gp(0);
    }
}
