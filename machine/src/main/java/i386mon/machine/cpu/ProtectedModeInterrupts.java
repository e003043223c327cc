package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.DS;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.FS;
import static i386mon.machine.cpu.Cpu.GS;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Descriptor.conforming;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.isCode;
import static i386mon.machine.cpu.Descriptor.limit;
import static i386mon.machine.cpu.Descriptor.present;

import i386mon.machine.fault.CpuException;

/**
 * Interrupt and exception delivery through the IDT (SDM vol. 3, 6.10 to 6.12): interrupt and trap
 * gates of 16 or 32 bits, to the same privilege level or to an inner one on the stack from the
 * TSS, from virtual-8086 mode to ring 0 with the V86 segment registers on the frame. An IDT task
 * gate goes to the {@link TaskSwitch}. Virtual-8086 mode delivers through this same class.
 */
final class ProtectedModeInterrupts implements InterruptDelivery {
    /** IDT gate types with the S bit (bit 4 here): only system descriptors are gates. */
    private static final int TASK_GATE = 0x05, INTERRUPT_GATE16 = 0x06, TRAP_GATE16 = 0x07, INTERRUPT_GATE32 = 0x0E,
            TRAP_GATE32 = 0x0F;

    private static final int[] DATA_SEGMENTS = {ES, DS, FS, GS};

    private final Cpu c;
    private final DescriptorTables tables;
    private final InnerStacks stacks;
    private final TaskSwitch tasks;

    ProtectedModeInterrupts(Cpu c, DescriptorTables tables, InnerStacks stacks, TaskSwitch tasks) {
        this.c = c;
        this.tables = tables;
        this.stacks = stacks;
        this.tasks = tasks;
    }

    @Override
    public void deliver(int vector, int err, boolean hasErr, int kind, int returnEip) {
        if (c.observer != null) c.observer.delivering(vector, err, hasErr, kind == HARDWARE, kind == SOFTWARE);
        int ext = kind == SOFTWARE ? 0 : 1;
        int idtErr = vector * 8 | 2 | ext;
        if (Integer.compareUnsigned(vector * 8 + 7, c.idtLimit) > 0) throw CpuException.gp(idtErr);
        int glo = c.mmu.readSystem32(c.idtBase + vector * 8), ghi = c.mmu.readSystem32(c.idtBase + vector * 8 + 4);
        int gtype = (ghi >>> 8) & 0x1F;
        if (gtype != TASK_GATE && gtype != INTERRUPT_GATE32 && gtype != TRAP_GATE32 && gtype != INTERRUPT_GATE16
                && gtype != TRAP_GATE16) {
            throw CpuException.gp(idtErr);
        }
        if (kind == SOFTWARE && dpl(ghi) < c.cpl) throw CpuException.gp(idtErr);
        if (!present(ghi)) throw CpuException.fault(CpuException.NP, idtErr);
        if (gtype == TASK_GATE) {
            tasks.interrupt(glo, ext, err, hasErr, kind == SOFTWARE || kind == ICEBP, returnEip);
            return;
        }
        boolean gate32 = (gtype & 8) != 0, trapGate = (gtype & 1) != 0;
        int sel = glo >>> 16;
        int off = gate32 ? (glo & 0xFFFF) | (ghi & 0xFFFF0000) : glo & 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(ext);
        long d = tables.read(sel, ext);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!isCode(hi) || dpl(hi) > c.cpl) throw CpuException.gp((sel & 0xFFFC) | ext);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, (sel & 0xFFFC) | ext);
        boolean fromV86 = (c.flags & Cpu.VM) != 0;
        // From virtual-8086 mode only to a non-conforming ring-0 handler (SDM vol. 3, 20.3.1.1).
        if (fromV86 && (conforming(hi) || dpl(hi) != 0)) throw CpuException.gp((sel & 0xFFFC) | ext);
        int newCpl = conforming(hi) ? c.cpl : dpl(hi);
        if (Integer.compareUnsigned(off, limit(hi, lo)) > 0) throw CpuException.gp(ext);
        int eflags = c.materialize();
        int size = gate32 ? 4 : 2;
        if (newCpl < c.cpl) {
            // Inter-privilege: the new stack comes from the TSS (SDM vol. 3, 6.12.1).
            int[] ss = stacks.fromTss(newCpl, ext);
            int newSs = ss[0], newEsp = ss[1];
            long sd = stacks.descriptor(newSs, newCpl, ext);
            // From V86 the frame starts with GS, FS, DS, ES (SDM vol. 3, figure 6-5 and 20-5).
            int[] frame = fromV86
                    ? new int[] {c.segSel[GS], c.segSel[FS], c.segSel[DS], c.segSel[ES], c.segSel[SS], c.r[Cpu.ESP],
                            eflags, c.segSel[CS], returnEip, err}
                    : new int[] {c.segSel[SS], c.r[Cpu.ESP], eflags, c.segSel[CS], returnEip, err};
            stacks.switchAndPush(newSs, newEsp, sd, frame, hasErr ? frame.length : frame.length - 1, size);
            if (fromV86) {
                for (int s : DATA_SEGMENTS) c.setSegmentCache(s, 0, 0, 0, 0); // null: the V86 values are on the frame
            }
        } else {
            int n = hasErr ? 4 : 3;
            int[] frame = {eflags, c.segSel[CS], returnEip, err};
            int sp = c.sp();
            for (int k = 0; k < n; k++) {
                sp -= size;
                if (!c.stack32()) sp &= 0xFFFF;
                c.writeSized(SS, sp, size, frame[k]);
            }
            c.setSp(sp);
        }
        tables.setAccessed(sel, hi);
        tables.loadCache(CS, (sel & 0xFFFC) | newCpl, lo, hi);
        c.setCpl(newCpl);
        c.eip = off;
        int clear = Cpu.TF | Cpu.NT | Cpu.RF | Cpu.VM | (trapGate ? 0 : Cpu.IF);
        c.flags &= ~clear;
        c.halted = false;
        c.stepTrap = false; // entering a handler (TF now clear) cancels a pending single-step trap
        c.attention = true;
        c.selectMode(); // VM is clear now
    }
}
