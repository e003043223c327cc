package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.DS;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.FS;
import static i386mon.machine.cpu.Cpu.GS;
import static i386mon.machine.cpu.Cpu.LDTR;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Descriptor.attr;
import static i386mon.machine.cpu.Descriptor.base;
import static i386mon.machine.cpu.Descriptor.conforming;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.isCode;
import static i386mon.machine.cpu.Descriptor.isSystem;
import static i386mon.machine.cpu.Descriptor.limit;
import static i386mon.machine.cpu.Descriptor.present;
import static i386mon.machine.cpu.Descriptor.readableOrData;
import static i386mon.machine.cpu.Descriptor.type;
import static i386mon.machine.cpu.Descriptor.writableData;

import i386mon.machine.fault.CpuException;

/**
 * The new task's LDTR and segment registers, loaded after a task switch has committed, with the
 * checks of SDM vol. 3 table 7-1 in the new task's CPL (the RPL of its CS selector): every failure
 * is #TS(selector) except a segment that is not present, #NP (#SS for SS). A fault here is
 * delivered in the new task, whose selectors are already in the registers (their caches unusable
 * until loaded), as the SDM's 7.3 step 13 and QEMU do.
 */
final class TaskSegmentLoads {
    /** The order the segments are loaded and checked in (QEMU's): CS and SS first, they fix the CPL's stack. */
    private static final int[] ORDER = {CS, SS, ES, DS, FS, GS};

    private final Cpu c;
    private final DescriptorTables tables;

    TaskSegmentLoads(Cpu c, DescriptorTables tables) {
        this.c = c;
        this.tables = tables;
    }

    /** Puts the selectors of {@code t} in the registers with unusable caches, before any check. */
    void selectorsOnly(TaskState t) {
        for (int s = 0; s < 6; s++) c.setSegmentCache(s, t.segs[s], 0, 0, 0);
        c.setSegmentCache(LDTR, t.ldt, 0, 0, 0);
    }

    /** Loads LDTR, then the six segment registers, from {@code t}; {@code ext} is the EXT bit of error codes. */
    void load(TaskState t, int ext) {
        loadLdt(t.ldt, ext);
        if ((t.eflags & Cpu.VM) != 0) {
            for (int s : ORDER) Virtual8086Segmentation.loadSegment(c, s, t.segs[s]);
            return;
        }
        for (int s : ORDER) loadSegment(s, t.segs[s], ext);
    }

    private CpuException ts(int sel, int ext) { return CpuException.fault(CpuException.TS, (sel & 0xFFFC) | ext); }

    private void loadLdt(int sel, int ext) {
        if ((sel & 0xFFFC) == 0) return; // a null LDT: the cache stays unusable
        if ((sel & 4) != 0 || tables.address(sel) == -1) throw ts(sel, ext);
        long d = tables.read(sel, ext);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!isSystem(hi) || type(hi) != Descriptor.LDT || !present(hi)) throw ts(sel, ext);
        c.setSegmentCache(LDTR, sel, base(lo, hi), limit(hi, lo), attr(hi));
    }

    private void loadSegment(int s, int sel, int ext) {
        if ((sel & 0xFFFC) == 0) {
            if (s == CS || s == SS) throw ts(sel, ext);
            return; // a null data segment register: unusable, as a null load leaves it
        }
        if (tables.address(sel) == -1) throw ts(sel, ext);
        long d = tables.read(sel, ext);
        int lo = (int) d, hi = (int) (d >>> 32);
        int rpl = sel & 3, cpl = c.cpl;
        if (s == CS) {
            if (!isCode(hi) || (conforming(hi) ? dpl(hi) > rpl : dpl(hi) != rpl)) throw ts(sel, ext);
        } else if (s == SS) {
            if (!writableData(hi) || dpl(hi) != cpl || rpl != cpl) throw ts(sel, ext);
        } else {
            if (!readableOrData(hi) || !conforming(hi) && (dpl(hi) < cpl || dpl(hi) < rpl)) throw ts(sel, ext);
        }
        if (!present(hi)) {
            throw CpuException.fault(s == SS ? CpuException.SS : CpuException.NP, (sel & 0xFFFC) | ext);
        }
        tables.setAccessed(sel, hi);
        tables.loadCache(s, sel, lo, hi);
    }
}
