package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.TR;
import static i386mon.machine.cpu.Descriptor.attr;
import static i386mon.machine.cpu.Descriptor.base;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.isSystem;
import static i386mon.machine.cpu.Descriptor.limit;
import static i386mon.machine.cpu.Descriptor.present;
import static i386mon.machine.cpu.Descriptor.type;

import i386mon.machine.fault.CpuException;

/**
 * Task switches (SDM vol. 3, 7.3): the four ways into one (JMP, CALL, an interrupt or exception
 * through an IDT task gate, IRET with EFLAGS.NT), each with its busy-bit, backlink and NT rules.
 * The checks before the commit point leave the old task untouched; once the new TR is loaded,
 * a fault (table 7-1: a bad LDT, CS, SS or data segment, EIP beyond the CS limit) is delivered in
 * the new task. Every mode's control transfers and interrupt deliveries come here.
 */
final class TaskSwitch {
    /** What started the switch (SDM vol. 3, table 7-2). */
    private static final int JUMP = 0, CALL = 1, INTERRUPT = 2, RETURN = 3;
    /** DR6.BT: the #DB was raised by the new task's T bit. */
    static final int DR6_BT = 1 << 15;
    /** DR7 L0-L3: local breakpoint enables, cleared on every task switch (SDM vol. 3, 17.2.4). */
    private static final int DR7_LOCAL = 0x55;

    private final Cpu c;
    private final DescriptorTables tables;
    private final TaskSegmentLoads segments;

    TaskSwitch(Cpu c, DescriptorTables tables) {
        this.c = c;
        this.tables = tables;
        this.segments = new TaskSegmentLoads(c, tables);
    }

    /** JMP to an available TSS or a task gate ({@code selector}, descriptor dwords {@code lo}, {@code hi}). */
    void jump(int selector, int lo, int hi) { throughDescriptor(selector, lo, hi, JUMP); }

    /** CALL to an available TSS or a task gate: the new task's backlink is the current TSS. */
    void call(int selector, int lo, int hi) { throughDescriptor(selector, lo, hi, CALL); }

    /** SDM vol. 2, JMP and CALL: TASK-GATE and TASK-STATE-SEGMENT. */
    private void throughDescriptor(int sel, int lo, int hi, int source) {
        if (dpl(hi) < c.cpl || dpl(hi) < (sel & 3)) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        int tss = sel;
        long d = (lo & 0xFFFF_FFFFL) | (long) hi << 32;
        if (type(hi) == Descriptor.TASK_GATE) {
            tss = lo >>> 16;
            d = availableTss(tss, 0);
        } else if ((sel & 4) != 0) {
            throw CpuException.gp(sel & 0xFFFC); // a TSS descriptor is only valid in the GDT
        }
        switchByInstruction(tss, d, source);
    }

    /** The descriptor of the TSS a task gate names: in the GDT, an available TSS, present. */
    private long availableTss(int tss, int ext) {
        if ((tss & 4) != 0 || tables.address(tss) == -1) throw CpuException.gp((tss & 0xFFFC) | ext);
        long d = tables.read(tss, ext);
        int hi = (int) (d >>> 32);
        if (!isSystem(hi) || type(hi) != Descriptor.TSS16 && type(hi) != Descriptor.TSS32) {
            throw CpuException.gp((tss & 0xFFFC) | ext); // busy, or not a TSS
        }
        if (!present(hi)) throw CpuException.fault(CpuException.NP, (tss & 0xFFFC) | ext);
        return d;
    }

    /**
     * An interrupt or exception whose IDT entry is the task gate with low dword {@code gateLo}
     * (its DPL and P bit already checked): the switch saves {@code returnEip} in the old task, then
     * {@code err} is pushed on the new task's stack when {@code hasErr} (SDM vol. 2, INT n: TASK-GATE).
     * {@code byInstruction}: INT n, INT3, INTO or INT1 started it, and the run loop would rewind
     * EIP to that instruction on a fault, so a fault after the commit point is delivered here;
     * otherwise it is thrown to the delivery's caller with the CPU already in the new task.
     */
    void interrupt(int gateLo, int ext, int err, boolean hasErr, boolean byInstruction, int returnEip) {
        int tss = gateLo >>> 16;
        long d = availableTss(tss, ext);
        TaskState next = commit(tss, d, INTERRUPT, ext, returnEip);
        try {
            enter(next, ext);
            if (hasErr) pushErrorCode(err, TaskState.is32(type((int) (d >>> 32))) ? 4 : 2, ext);
            checkEip();
        } catch (CpuException fault) {
            if (!byInstruction) throw fault;
            c.raise(fault);
            return;
        }
        trapIfAsked(next);
        c.halted = false;
        c.stepTrap = false; // the new task starts with its own TF
    }

    private void pushErrorCode(int err, int size, int ext) {
        try {
            c.push(err, size);
        } catch (CpuException e) {
            if (e.vector == CpuException.SS) throw CpuException.fault(CpuException.SS, ext);
            throw e;
        }
    }

    /** IRET with EFLAGS.NT set: back to the task named by the current TSS's backlink (SDM vol. 2, IRET: TASK-RETURN). */
    void nestedReturn() {
        int link = c.mmu.readSystem16(c.segBase[TR]) & 0xFFFF;
        if ((link & 4) != 0 || tables.address(link) == -1) throw CpuException.fault(CpuException.TS, link & 0xFFFC);
        long d = tables.read(link, 0);
        int hi = (int) (d >>> 32);
        if (!isSystem(hi) || type(hi) != Descriptor.BUSY_TSS16 && type(hi) != Descriptor.BUSY_TSS32) {
            throw CpuException.fault(CpuException.TS, link & 0xFFFC);
        }
        if (!present(hi)) throw CpuException.fault(CpuException.NP, link & 0xFFFC);
        switchByInstruction(link, d, RETURN);
    }

    /** A JMP, CALL or IRET switch: a fault after the commit point is delivered in the new task, here. */
    private void switchByInstruction(int sel, long d, int source) {
        TaskState next = commit(sel, d, source, 0, c.eip);
        try {
            enter(next, 0);
            checkEip();
        } catch (CpuException fault) {
            c.raise(fault);
            return;
        }
        trapIfAsked(next);
    }

    private void checkEip() {
        if (Integer.compareUnsigned(c.eip, c.segLimit[CS]) > 0) throw CpuException.gp(0);
    }

    /**
     * SWITCH-TASKS (SDM vol. 3, 7.3) up to its commit point, to the TSS {@code sel} with descriptor
     * {@code d}; the old task resumes at {@code savedEip}. A fault before the TR is loaded leaves
     * the old task's registers as they were. Returns the new task's state for {@link #enter}.
     */
    private TaskState commit(int sel, long d, int source, int ext, int savedEip) {
        int lo = (int) d, hi = (int) (d >>> 32);
        int newType = type(hi), newBase = base(lo, hi), newLimit = limit(hi, lo);
        if (Integer.compareUnsigned(newLimit, TaskState.minLimit(newType)) < 0) {
            throw CpuException.fault(CpuException.TS, (sel & 0xFFFC) | ext);
        }
        int oldSel = c.segSel[TR], oldBase = c.segBase[TR], oldType = (c.segAttr[TR] >>> 8) & 0xF;
        if (Integer.compareUnsigned(c.segLimit[TR], TaskState.minLimit(oldType)) < 0) {
            throw CpuException.fault(CpuException.TS, (oldSel & 0xFFFC) | ext);
        }
        // Everything the new task needs is read before anything is written: a #PF here changes nothing.
        TaskState next = TaskState.read(c.mmu, newBase, TaskState.is32(newType));
        int oldFlags = c.materialize();
        if (source == RETURN) oldFlags &= ~Cpu.NT;
        // Steps 6-10: the old task's busy bit, its state, the backlink, NT and the new busy bit.
        if (source == JUMP || source == RETURN) {
            int a = tables.address(oldSel);
            if (a != -1) tables.writeHigh(oldSel, tables.high(a) & ~0x200);
        }
        TaskState.save(c, oldBase, TaskState.is32(oldType), savedEip, oldFlags);
        if (source == CALL || source == INTERRUPT) {
            c.mmu.writeSystem16(newBase, oldSel);
            next.eflags |= Cpu.NT;
        }
        if (source != RETURN) {
            hi |= 0x200;
            tables.writeHigh(sel, hi);
        }
        // Step 11, the commit point: the new TR, then the registers (step 12).
        c.setSegmentCache(TR, sel, newBase, newLimit, attr(hi));
        c.cr0 |= Cpu.CR0_TS;
        c.dr[7] &= ~DR7_LOCAL;
        c.flags = (next.eflags & 0x003F7FD5) | 2;
        c.lazy = 0;
        c.eip = next.eip;
        System.arraycopy(next.regs, 0, c.r, 0, 8);
        segments.selectorsOnly(next);
        c.setCpl((next.eflags & Cpu.VM) != 0 ? 3 : next.segs[CS] & 3);
        c.attention = true;
        c.selectMode();
        return next;
    }

    /** The rest of step 12 and step 13: CR3 (paging on, 32-bit TSS), then LDTR and the segments with their checks. */
    private void enter(TaskState next, int ext) {
        if (next.tss32 && (c.cr0 & Cpu.CR0_PG) != 0) {
            c.mmu.writeCr3(next.cr3); // flushes the TLB as MOV CR3 does
            c.cr3 = next.cr3;
        }
        segments.load(next, ext);
    }

    /** The T bit: #DB before the new task's first instruction (SDM vol. 3, 7.2.1 and 17.3.1.5). */
    private void trapIfAsked(TaskState next) {
        if (!next.trap) return;
        c.dr[6] |= DR6_BT;
        CpuException db = CpuException.fault(CpuException.DB);
        c.exceptions.begin(db);
        c.lastException = db;
        c.pendingException = db;
        c.attention = true;
    }
}
