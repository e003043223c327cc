package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.LDTR;
import static i386mon.machine.cpu.Cpu.TR;

import i386mon.machine.fault.CpuException;

/**
 * A debugger's register writes with the effects the CPU itself would have: a segment register
 * loaded through the descriptor checks (or its cache written as given), a control register written
 * as MOV to CRn writes it (TLB flushes, paging mode changes). A refused write throws the
 * {@link CpuException} the guest would have got and changes nothing.
 */
public final class RegisterWrites {
    private RegisterWrites() { }

    /**
     * Loads segment register {@code s} (ES..GS, LDTR, TR) as MOV Sreg, LLDT or LTR would at the
     * current CPL; CS as a far JMP to a code segment would (SDM vol. 3, 5.8.1: the CPL stays, so a
     * privilege change needs {@link #setSegmentCache}).
     */
    public static void loadSegment(Cpu c, int s, int selector) {
        int sel = selector & 0xFFFF;
        if (s == CS) loadCs(c, sel);
        else if (s == LDTR) c.segments.lldt(sel);
        else if (s == TR) c.segments.ltr(sel);
        else c.segments.load(s, sel);
        c.attention = true;
    }

    private static void loadCs(Cpu c, int sel) {
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        DescriptorTables tables = new DescriptorTables(c);
        long d = tables.read(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!Descriptor.isCode(hi)) throw CpuException.gp(sel & 0xFFFC);
        boolean ok = Descriptor.conforming(hi) ? Descriptor.dpl(hi) <= c.cpl
                : (sel & 3) <= c.cpl && Descriptor.dpl(hi) == c.cpl;
        if (!ok) throw CpuException.gp(sel & 0xFFFC);
        if (!Descriptor.present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        tables.setAccessed(sel, hi);
        tables.loadCache(CS, (sel & 0xFFFC) | c.cpl, lo, hi);
    }

    /**
     * Writes segment register {@code s}'s selector and hidden cache as given, without any check
     * (a debugger's --raw); CS's RPL becomes the CPL, as a loader sets it.
     */
    public static void setSegmentCache(Cpu c, int s, int selector, int base, int limit, int attr) {
        c.setSegmentCache(s, selector, base, limit, attr);
        if (s == CS) c.setCpl(selector & 3);
        c.attention = true;
    }

    /** MOV to CR0, CR2, CR3 or CR4 with its checks (#GP) and effects (TLB flush, paging mode). */
    public static void writeControl(Cpu c, int n, int value) {
        if (n != 0 && n != 2 && n != 3 && n != 4) throw new IllegalArgumentException("no control register CR" + n);
        SystemOps.writeCr(c, n, value);
        c.attention = true;
    }
}
