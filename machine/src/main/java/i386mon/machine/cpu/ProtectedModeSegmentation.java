package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.LDTR;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Cpu.TR;
import static i386mon.machine.cpu.Descriptor.attr;
import static i386mon.machine.cpu.Descriptor.base;
import static i386mon.machine.cpu.Descriptor.conforming;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.isData;
import static i386mon.machine.cpu.Descriptor.isSystem;
import static i386mon.machine.cpu.Descriptor.limit;
import static i386mon.machine.cpu.Descriptor.present;
import static i386mon.machine.cpu.Descriptor.readableOrData;
import static i386mon.machine.cpu.Descriptor.type;

import i386mon.machine.fault.CpuException;

/**
 * Segment register loads with their #GP/#NP/#SS checks, SLDT, STR, LLDT, LTR, and the descriptor
 * queries LAR, LSL, VERR, VERW, as protected mode does them (SDM vol. 3, 3.4.3, 5.5 and 5.6).
 */
final class ProtectedModeSegmentation implements Segmentation {
    private final Cpu c;
    private final DescriptorTables tables;

    ProtectedModeSegmentation(Cpu c, DescriptorTables tables) {
        this.c = c;
        this.tables = tables;
    }

    /** SDM vol. 3, 5.5 and 5.6: the checks of MOV/POP Sreg and LDS/LES/LFS/LGS/LSS. */
    @Override
    public void load(int s, int sel) {
        sel &= 0xFFFF;
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (s == SS) throw CpuException.gp(0);
            // A null selector loads an unusable segment; using it raises #GP(0).
            c.setSegmentCache(s, sel, 0, 0, 0);
            return;
        }
        long d = tables.read(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (s == SS) {
            if (rpl != c.cpl || !isData(hi) || (hi & 0x200) == 0 || dpl(hi) != c.cpl) throw CpuException.gp(sel & 0xFFFC);
            if (!present(hi)) throw CpuException.fault(CpuException.SS, sel & 0xFFFC);
        } else {
            if (!readableOrData(hi)) throw CpuException.gp(sel & 0xFFFC);
            if (!conforming(hi) && (rpl > dpl(hi) || c.cpl > dpl(hi))) throw CpuException.gp(sel & 0xFFFC);
            if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        }
        tables.setAccessed(sel, hi);
        tables.loadCache(s, sel, lo, hi);
    }

    @Override
    public int sldt() { return c.segSel[LDTR]; }

    @Override
    public int str() { return c.segSel[TR]; }

    @Override
    public void lldt(int sel) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) { c.setSegmentCache(LDTR, sel, 0, 0, 0); return; }
        if ((sel & 4) != 0) throw CpuException.gp(sel & 0xFFFC);
        long d = tables.read(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!isSystem(hi) || type(hi) != Descriptor.LDT) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        c.setSegmentCache(LDTR, sel, base(lo, hi), limit(hi, lo), attr(hi));
    }

    @Override
    public void ltr(int sel) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        if ((sel & 4) != 0) throw CpuException.gp(sel & 0xFFFC);
        long d = tables.read(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        int type = type(hi);
        if (!isSystem(hi) || (type != Descriptor.TSS16 && type != Descriptor.TSS32)) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        hi |= 0x200; // busy
        tables.writeHigh(sel, hi);
        c.setSegmentCache(TR, sel, base(lo, hi), limit(hi, lo), attr(hi));
    }

    /** The descriptor high dword of {@code sel}, or null for a null selector or one outside its table. */
    private Integer entryHigh(int sel) {
        if ((sel & 0xFFFC) == 0) return null;
        int a = tables.address(sel);
        return a == -1 ? null : tables.high(a);
    }

    /** LAR, LSL, VERR and VERW see no descriptor more privileged than CPL and RPL (unless conforming code). */
    private boolean hiddenByPrivilege(int sel, int hi) {
        return !conforming(hi) && (dpl(hi) < c.cpl || dpl(hi) < (sel & 3));
    }

    /** The descriptor high dword if {@code sel} is visible at CPL/RPL for LAR/LSL/VERR/VERW, else null. */
    private Integer visible(int sel, boolean forLsl) {
        sel &= 0xFFFF;
        Integer hi = entryHigh(sel);
        if (hi == null) return null;
        if (isSystem(hi)) {
            int type = type(hi);
            boolean ok = forLsl ? type == 1 || type == 2 || type == 3 || type == 9 || type == 0xB
                    : type == 1 || type == 2 || type == 3 || type == 4 || type == 5 || type == 9 || type == 0xB || type == 0xC;
            if (!ok) return null;
        }
        return hiddenByPrivilege(sel, hi) ? null : hi;
    }

    /**
     * The SDM masks with 0x00FxFF00, bits 19:16 undefined; they read as 0 here, as in QEMU, so a
     * call gate's offset bits do not leak into the result.
     */
    @Override
    public long lar(int sel) {
        Integer hi = visible(sel, false);
        return hi == null ? -1 : hi & 0x00F0FF00;
    }

    @Override
    public long lsl(int sel) {
        Integer hi = visible(sel, true);
        if (hi == null) return -1;
        int lo = tables.low(tables.address(sel & 0xFFFF));
        return limit(hi, lo) & 0xFFFF_FFFFL;
    }

    @Override
    public boolean verify(int sel, boolean write) {
        sel &= 0xFFFF;
        Integer hi = entryHigh(sel);
        if (hi == null || isSystem(hi) || hiddenByPrivilege(sel, hi)) return false;
        return write ? isData(hi) && (hi & 0x200) != 0 : readableOrData(hi);
    }
}
