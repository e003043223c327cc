package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.DS;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.FS;
import static i386mon.machine.cpu.Cpu.GS;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Descriptor.conforming;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.isCallGate;
import static i386mon.machine.cpu.Descriptor.isCode;
import static i386mon.machine.cpu.Descriptor.limit;
import static i386mon.machine.cpu.Descriptor.present;
import static i386mon.machine.cpu.Descriptor.switchesTasks;
import static i386mon.machine.cpu.Descriptor.writableData;

import i386mon.machine.fault.CpuException;

/**
 * Far JMP and CALL (to a code segment or through a call gate, to the same or a more privileged
 * level), RETF and IRET (to the same or an outer level) as protected mode does them (SDM vol. 3,
 * 5.8; vol. 2, JMP, CALL, RET, IRET). Transfers to a TSS or a task gate, and IRET with NT, go to
 * the {@link TaskSwitch}.
 */
final class ProtectedModeTransfers implements ControlTransfer {
    private final Cpu c;
    private final DescriptorTables tables;
    private final InnerStacks stacks;
    private final TaskSwitch tasks;

    ProtectedModeTransfers(Cpu c, DescriptorTables tables, InnerStacks stacks, TaskSwitch tasks) {
        this.c = c;
        this.tables = tables;
        this.stacks = stacks;
        this.tasks = tasks;
    }

    /** The descriptor a far JMP or CALL names; a null selector is #GP(0). */
    private long farTarget(int sel) {
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        return tables.read(sel, 0);
    }

    /** Validates a far JMP/CALL target that is a code segment; returns the new CPL. */
    private int checkDirectCode(int sel, int hi) {
        int rpl = sel & 3;
        if (conforming(hi)) {
            if (dpl(hi) > c.cpl) throw CpuException.gp(sel & 0xFFFC);
        } else if (rpl > c.cpl || dpl(hi) != c.cpl) {
            throw CpuException.gp(sel & 0xFFFC);
        }
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        return c.cpl;
    }

    /** Code segment or call gate at the same privilege. */
    @Override
    public void farJump(int sel, int off, int size) {
        sel &= 0xFFFF;
        long d = farTarget(sel);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (isCode(hi)) {
            checkDirectCode(sel, hi);
            jumpTo(sel, lo, hi, size == 4 ? off : off & 0xFFFF, c.cpl);
            return;
        }
        if (isCallGate(hi)) {
            int[] target = callGateTarget(sel, lo, hi);
            long td = tables.read(target[0], 0);
            int tlo = (int) td, thi = (int) (td >>> 32);
            if (!conforming(thi) && dpl(thi) != c.cpl || conforming(thi) && dpl(thi) > c.cpl) throw CpuException.gp(target[0] & 0xFFFC);
            if (!present(thi)) throw CpuException.fault(CpuException.NP, target[0] & 0xFFFC);
            jumpTo(target[0], tlo, thi, target[1], c.cpl);
            return;
        }
        if (switchesTasks(hi)) {
            tasks.jump(sel, lo, hi);
            return;
        }
        throw CpuException.gp(sel & 0xFFFC);
    }

    /** The target {selector, offset, operand size, parameter count} of call gate {@code sel}, checked. */
    private int[] callGateTarget(int sel, int lo, int hi) {
        if (dpl(hi) < c.cpl || dpl(hi) < (sel & 3)) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        int tsel = lo >>> 16;
        boolean gate32 = Descriptor.type(hi) == Descriptor.CALL_GATE32;
        int toff = gate32 ? (lo & 0xFFFF) | (hi & 0xFFFF0000) : lo & 0xFFFF;
        if ((tsel & 0xFFFC) == 0) throw CpuException.gp(0);
        long td = tables.read(tsel, 0);
        int thi = (int) (td >>> 32);
        if (!isCode(thi) || dpl(thi) > c.cpl) throw CpuException.gp(tsel & 0xFFFC);
        return new int[] {tsel, toff, gate32 ? 4 : 2, hi & 0x1F};
    }

    private void jumpTo(int sel, int lo, int hi, int off, int newCpl) {
        if (Integer.compareUnsigned(off, limit(hi, lo)) > 0) throw CpuException.gp(0);
        tables.setAccessed(sel, hi);
        tables.loadCache(CS, (sel & 0xFFFC) | newCpl, lo, hi);
        c.setCpl(newCpl);
        c.eip = off;
    }

    /** Including call gates to a more privileged level (SDM vol. 3, 5.8.5). */
    @Override
    public void farCall(int sel, int off, int size, int returnEip) {
        sel &= 0xFFFF;
        long d = farTarget(sel);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (isCode(hi)) {
            checkDirectCode(sel, hi);
            int target = size == 4 ? off : off & 0xFFFF;
            if (Integer.compareUnsigned(target, limit(hi, lo)) > 0) throw CpuException.gp(0);
            ControlTransfer.pushReturnAddress(c, size, returnEip);
            jumpTo(sel, lo, hi, target, c.cpl);
            return;
        }
        if (switchesTasks(hi)) {
            tasks.call(sel, lo, hi);
            return;
        }
        if (!isCallGate(hi)) throw CpuException.gp(sel & 0xFFFC);
        int[] g = callGateTarget(sel, lo, hi);
        int tsel = g[0], toff = g[1], gsize = g[2], params = g[3];
        long td = tables.read(tsel, 0);
        int tlo = (int) td, thi = (int) (td >>> 32);
        if (!present(thi)) throw CpuException.fault(CpuException.NP, tsel & 0xFFFC);
        // Checked before anything is committed: a #GP here must leave the caller's SS:ESP.
        if (Integer.compareUnsigned(toff, limit(thi, tlo)) > 0) throw CpuException.gp(0);
        if (!conforming(thi) && dpl(thi) < c.cpl) {
            int newCpl = dpl(thi);
            int[] ss = stacks.fromTss(newCpl, 0);
            int newSs = ss[0], sp = ss[1];
            long sd = stacks.descriptor(newSs, newCpl, 0);
            int oldSs = c.segSel[SS], oldEsp = c.r[Cpu.ESP];
            int[] frame = new int[4 + params];
            frame[0] = oldSs;
            frame[1] = oldEsp;
            for (int k = 0; k < params; k++) frame[2 + params - 1 - k] = c.peekStack(k * gsize, gsize);
            frame[2 + params] = c.segSel[CS];
            frame[3 + params] = returnEip;
            stacks.switchAndPush(newSs, sp, sd, frame, frame.length, gsize);
            jumpTo(tsel, tlo, thi, toff, newCpl);
            return;
        }
        ControlTransfer.pushReturnAddress(c, gsize, returnEip);
        jumpTo(tsel, tlo, thi, toff, c.cpl);
    }

    /**
     * The code segment a RETF or IRET returns to: not null, RPL not above the CPL (no return inward),
     * a code segment whose DPL equals the RPL (or, conforming, is not above it), present.
     */
    private long returnCodeDescriptor(int sel) {
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        int rpl = sel & 3;
        if (rpl < c.cpl) throw CpuException.gp(sel & 0xFFFC);
        long d = tables.read(sel, 0);
        int hi = (int) (d >>> 32);
        if (!isCode(hi)) throw CpuException.gp(sel & 0xFFFC);
        if (conforming(hi) ? dpl(hi) > rpl : dpl(hi) != rpl) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        return d;
    }

    /** To the same or an outer privilege level (SDM vol. 3, 5.8.6). */
    @Override
    public void farReturn(int size, int popBytes) {
        int newEip = c.peekStack(0, size);
        int sel = c.peekStack(size, size) & 0xFFFF;
        int rpl = sel & 3;
        long d = returnCodeDescriptor(sel);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (size == 2) newEip &= 0xFFFF;
        if (rpl == c.cpl) {
            if (Integer.compareUnsigned(newEip, limit(hi, lo)) > 0) throw CpuException.gp(0);
            c.setSp(c.sp() + 2 * size + popBytes);
            jumpTo(sel, lo, hi, newEip, c.cpl);
            return;
        }
        int newEsp = c.peekStack(2 * size + popBytes, size);
        int newSs = c.peekStack(3 * size + popBytes, size) & 0xFFFF;
        int[] ssd = checkOuterStack(newSs, rpl);
        if (Integer.compareUnsigned(newEip, limit(hi, lo)) > 0) throw CpuException.gp(0);
        jumpTo(sel, lo, hi, newEip, rpl);
        tables.setAccessed(newSs, ssd[1]);
        tables.loadCache(SS, newSs, ssd[0], ssd[1]);
        c.setSp(size == 4 ? newEsp + popBytes : (newEsp + popBytes) & 0xFFFF);
        nullInaccessibleSegments();
    }

    private int[] checkOuterStack(int ss, int rpl) {
        if ((ss & 0xFFFC) == 0) throw CpuException.gp(0);
        long sd = tables.read(ss, 0);
        int slo = (int) sd, shi = (int) (sd >>> 32);
        if ((ss & 3) != rpl || dpl(shi) != rpl || !writableData(shi)) throw CpuException.gp(ss & 0xFFFC);
        if (!present(shi)) throw CpuException.fault(CpuException.SS, ss & 0xFFFC);
        return new int[] {slo, shi};
    }

    /** After a return to an outer level, data segments the new CPL may not use become null. */
    private void nullInaccessibleSegments() {
        for (int s : new int[] {ES, DS, FS, GS}) {
            int attr = c.segAttr[s];
            boolean dataOrNonConforming = (attr & 0x1000) != 0 && ((attr & 0x800) == 0 || (attr & 0x400) == 0);
            if (dataOrNonConforming && ((attr >>> 13) & 3) < c.cpl) c.setSegmentCache(s, 0, 0, 0, 0);
        }
    }

    /** SDM vol. 2, IRET: PROTECTED-MODE-RETURN. */
    @Override
    public void iret(int size) {
        if ((c.flags & Cpu.NT) != 0) {
            tasks.nestedReturn();
            return;
        }
        int newEip = c.peekStack(0, size);
        int sel = c.peekStack(size, size) & 0xFFFF;
        int newFlags = c.peekStack(2 * size, size);
        if (size == 2) newFlags = (c.materialize() & 0xFFFF0000) | (newFlags & 0xFFFF);
        if ((newFlags & Cpu.VM) != 0 && c.cpl == 0) {
            returnToVirtual8086(newEip, sel, newFlags);
            return;
        }
        int rpl = sel & 3;
        long d = returnCodeDescriptor(sel);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (size == 2) newEip &= 0xFFFF;
        int oldCpl = c.cpl;
        if (rpl == c.cpl) {
            if (Integer.compareUnsigned(newEip, limit(hi, lo)) > 0) throw CpuException.gp(0);
            c.setSp(c.sp() + 3 * size);
            jumpTo(sel, lo, hi, newEip, c.cpl);
        } else {
            int newEsp = c.peekStack(3 * size, size);
            int newSs = c.peekStack(4 * size, size) & 0xFFFF;
            int[] ssd = checkOuterStack(newSs, rpl);
            if (Integer.compareUnsigned(newEip, limit(hi, lo)) > 0) throw CpuException.gp(0);
            jumpTo(sel, lo, hi, newEip, rpl);
            tables.setAccessed(newSs, ssd[1]);
            tables.loadCache(SS, newSs, ssd[0], ssd[1]);
            c.setSp(size == 4 ? newEsp : newEsp & 0xFFFF);
            nullInaccessibleSegments();
        }
        c.writeFlags(newFlags, oldCpl, size == 4 ? -1 : 0xFFFF, true);
    }

    /**
     * RETURN-TO-VIRTUAL-8086-MODE (SDM vol. 2, IRET; vol. 3, 20.3.1.3): a 32-bit IRET at CPL 0 whose
     * EFLAGS image has VM set pops EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS and loads every segment
     * as virtual-8086 mode does, at CPL 3, with IP the low 16 bits of the popped EIP (as QEMU). Only
     * a stack fault can stop it, before anything changes.
     */
    private void returnToVirtual8086(int newEip, int cs, int newFlags) {
        int[] frame = new int[6];
        for (int k = 0; k < 6; k++) frame[k] = c.peekStack(12 + 4 * k, 4); // ESP, SS, ES, DS, FS, GS
        c.flags = (newFlags & 0x003F7FD5) | 2;
        c.lazy = 0;
        c.attention = true;
        c.setCpl(3);
        c.selectMode();
        Virtual8086Segmentation.loadSegment(c, CS, cs);
        Virtual8086Segmentation.loadSegment(c, SS, frame[1]);
        Virtual8086Segmentation.loadSegment(c, ES, frame[2]);
        Virtual8086Segmentation.loadSegment(c, DS, frame[3]);
        Virtual8086Segmentation.loadSegment(c, FS, frame[4]);
        Virtual8086Segmentation.loadSegment(c, GS, frame[5]);
        c.r[Cpu.ESP] = frame[0];
        c.eip = newEip & 0xFFFF;
    }
}
