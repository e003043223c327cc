package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.DS;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.FS;
import static i386mon.machine.cpu.Cpu.GS;
import static i386mon.machine.cpu.Cpu.LDTR;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Cpu.TR;

import i386mon.machine.fault.CpuException;

/**
 * Segmentation and privilege as the 386 does them (SDM vol. 3, chapters 5 and 6): descriptor
 * loads with their #GP/#NP/#SS/#TS checks, data access checks for non-flat segments, interrupt
 * and exception delivery through IDT gates with the TSS stack switch, far transfers (including
 * call gates), RETF and IRET to the same or an outer level.
 *
 * <p>Not emulated: task switches (task gates, JMP/CALL to a TSS, IRET with NT), virtual-8086
 * mode and real mode; each raises #GP instead of silently doing something else.
 */
final class ProtectedMode {
    /** Delivery kinds: they decide the EXT bit of error codes and the gate-DPL check. */
    static final int EXCEPTION = 0, HARDWARE = 1, SOFTWARE = 2, ICEBP = 3;

    private final Cpu c;

    ProtectedMode(Cpu c) { this.c = c; }

    // ---- descriptors

    static int base(int lo, int hi) { return (lo >>> 16) | (hi & 0xFF) << 16 | (hi & 0xFF000000); }

    static int limit(int hi, int lo) {
        int l = (lo & 0xFFFF) | (hi & 0xF0000);
        return (hi & (1 << 23)) != 0 ? l << 12 | 0xFFF : l;
    }

    static int attr(int hi) { return hi & 0x00FFFF00; }

    static int dpl(int hi) { return (hi >>> 13) & 3; }

    static boolean present(int hi) { return (hi & 0x8000) != 0; }

    static boolean isSystem(int hi) { return (hi & 0x1000) == 0; }

    static boolean isCode(int hi) { return !isSystem(hi) && (hi & 0x800) != 0; }

    static boolean isData(int hi) { return !isSystem(hi) && (hi & 0x800) == 0; }

    static boolean readableOrData(int hi) { return isData(hi) || (hi & 0x200) != 0; }

    static boolean conforming(int hi) { return isCode(hi) && (hi & 0x400) != 0; }

    private int tableBase(int sel) { return (sel & 4) != 0 ? c.segBase[LDTR] : c.gdtBase; }

    private int tableLimit(int sel) {
        if ((sel & 4) != 0) return (c.segSel[LDTR] & 0xFFFC) == 0 ? -1 : c.segLimit[LDTR];
        return c.gdtLimit;
    }

    /** Descriptor address for {@code sel}, or -1 if outside its table. */
    private int descriptorAddress(int sel) {
        int lim = tableLimit(sel), off = sel & 0xFFF8;
        if (lim == -1 && (sel & 4) != 0) return -1;
        if (Integer.compareUnsigned(off + 7, lim) > 0) return -1;
        return tableBase(sel) + off;
    }

    /** The two descriptor dwords (lo in the low half), or #GP(sel) when out of the table. */
    long descriptor(int sel, int ext) {
        int a = descriptorAddress(sel);
        if (a == -1) throw CpuException.gp((sel & 0xFFFC) | ext);
        return (c.mmu.readSystem32(a) & 0xFFFF_FFFFL) | (long) c.mmu.readSystem32(a + 4) << 32;
    }

    /** Sets the Accessed bit of a code/data descriptor in memory, as the CPU does on a load. */
    private void setAccessed(int sel, int hi) {
        if ((hi & 0x100) == 0) {
            int a = descriptorAddress(sel);
            c.mmu.writeSystem32(a + 4, hi | 0x100);
        }
    }

    private void loadCache(int s, int sel, int lo, int hi) {
        c.setSegmentCache(s, sel, base(lo, hi), limit(hi, lo), attr(hi) | 0x100);
    }

    /** MOV/POP to a data segment register or SS, and LDS/LES/LFS/LGS/LSS (SDM vol. 3, 5.5 and 5.6). */
    void loadSegment(int s, int sel) {
        sel &= 0xFFFF;
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (s == SS) throw CpuException.gp(0);
            // A null selector loads an unusable segment; using it raises #GP(0).
            c.setSegmentCache(s, sel, 0, 0, 0);
            return;
        }
        long d = descriptor(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (s == SS) {
            if (rpl != c.cpl || !isData(hi) || (hi & 0x200) == 0 || dpl(hi) != c.cpl) throw CpuException.gp(sel & 0xFFFC);
            if (!present(hi)) throw CpuException.fault(CpuException.SS, sel & 0xFFFC);
        } else {
            if (!readableOrData(hi)) throw CpuException.gp(sel & 0xFFFC);
            if (!conforming(hi) && (rpl > dpl(hi) || c.cpl > dpl(hi))) throw CpuException.gp(sel & 0xFFFC);
            if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        }
        setAccessed(sel, hi);
        loadCache(s, sel, lo, hi);
    }

    /** Checks a data access through a non-flat segment; returns the linear address. */
    int checkData(int s, int off, int size, boolean write) {
        int attr = c.segAttr[s];
        CpuException fault = s == SS ? CpuException.fault(CpuException.SS, 0) : null;
        if (s != CS && s != SS && (c.segSel[s] & 0xFFFC) == 0) throw CpuException.gp(0);
        if ((attr & 0x8000) == 0) throw fault != null ? fault : CpuException.gp(0);
        int type = (attr >>> 8) & 0xF;
        boolean code = (type & 8) != 0;
        if (write ? code || (type & 2) == 0 : code && (type & 2) == 0) throw fault != null ? fault : CpuException.gp(0);
        int last = off + size - 1, limit = c.segLimit[s];
        boolean ok;
        if (!code && (type & 4) != 0) {
            int upper = (attr & 0x400000) != 0 ? -1 : 0xFFFF; // expand-down: offsets above the limit
            ok = Integer.compareUnsigned(off, limit) > 0 && Integer.compareUnsigned(last, upper) <= 0
                    && Integer.compareUnsigned(last, off) >= 0;
        } else {
            ok = Integer.compareUnsigned(last, limit) <= 0 && Integer.compareUnsigned(last, off) >= 0;
        }
        if (!ok) throw fault != null ? fault : CpuException.gp(0);
        return c.segBase[s] + off;
    }

    // ---- interrupts and exceptions (SDM vol. 3, 6.12)

    /** Delivers {@code vector} through the IDT. Commits nothing unless the whole frame is written. */
    void deliver(int vector, int err, boolean hasErr, int kind, int returnEip) {
        if (c.observer != null) c.observer.delivering(vector, err, hasErr, kind == HARDWARE, kind == SOFTWARE);
        int ext = kind == SOFTWARE ? 0 : 1;
        int idtErr = vector * 8 | 2 | ext;
        if (Integer.compareUnsigned(vector * 8 + 7, c.idtLimit) > 0) throw CpuException.gp(idtErr);
        int glo = c.mmu.readSystem32(c.idtBase + vector * 8), ghi = c.mmu.readSystem32(c.idtBase + vector * 8 + 4);
        int gtype = (ghi >>> 8) & 0x1F;
        if (gtype != 0x0E && gtype != 0x0F && gtype != 0x06 && gtype != 0x07) throw CpuException.gp(idtErr); // task gates: not emulated
        if (kind == SOFTWARE && dpl(ghi) < c.cpl) throw CpuException.gp(idtErr);
        if (!present(ghi)) throw CpuException.fault(CpuException.NP, idtErr);
        boolean gate32 = (gtype & 8) != 0, trapGate = (gtype & 1) != 0;
        int sel = glo >>> 16;
        int off = gate32 ? (glo & 0xFFFF) | (ghi & 0xFFFF0000) : glo & 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(ext);
        long d = descriptor(sel, ext);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!isCode(hi) || dpl(hi) > c.cpl) throw CpuException.gp((sel & 0xFFFC) | ext);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, (sel & 0xFFFC) | ext);
        int newCpl = conforming(hi) ? c.cpl : dpl(hi);
        if (Integer.compareUnsigned(off, limit(hi, lo)) > 0) throw CpuException.gp(ext);
        int eflags = c.materialize();
        int size = gate32 ? 4 : 2;
        if (newCpl < c.cpl) {
            // Inter-privilege: the new stack comes from the TSS (SDM vol. 3, 6.12.1).
            int[] ss = stackFromTss(newCpl, ext);
            int newSs = ss[0], newEsp = ss[1];
            long sd = innerStack(newSs, newCpl, ext);
            int slo = (int) sd, shi = (int) (sd >>> 32);
            int sbase = base(slo, shi);
            boolean s32 = (shi & 0x400000) != 0;
            int n = hasErr ? 6 : 5;
            int sp = newEsp;
            int[] frame = {c.segSel[SS], c.r[Cpu.ESP], eflags, c.segSel[CS], returnEip, err};
            for (int k = 0; k < n; k++) {
                sp -= size;
                int a = sbase + (s32 ? sp : sp & 0xFFFF);
                if (size == 4) c.mmu.writeSystem32(a, frame[k]); else c.mmu.writeSystem16(a, frame[k]);
            }
            setAccessed(newSs, shi);
            loadCache(SS, newSs, slo, shi);
            if (s32) c.r[Cpu.ESP] = sp; else c.setReg16(Cpu.ESP, sp);
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
        setAccessed(sel, hi);
        loadCache(CS, (sel & 0xFFFC) | newCpl, lo, hi);
        c.setCpl(newCpl);
        c.eip = off;
        int clear = Cpu.TF | Cpu.NT | Cpu.RF | Cpu.VM | (trapGate ? 0 : Cpu.IF);
        c.flags &= ~clear;
        c.halted = false;
        c.stepTrap = false; // entering a handler (TF now clear) cancels a pending single-step trap
        c.attention = true;
    }

    /**
     * The descriptor of the stack segment {@code ss} taken from the TSS for a switch to privilege
     * {@code level}: every check failure is #TS(ss + EXT), including a selector outside its table,
     * except a not-present segment, #SS(ss + EXT) (SDM vol. 2, INT n and CALL: the TSS stack checks).
     */
    private long innerStack(int ss, int level, int ext) {
        if ((ss & 0xFFFC) == 0 || (ss & 3) != level || descriptorAddress(ss) == -1) {
            throw CpuException.fault(CpuException.TS, (ss & 0xFFFC) | ext);
        }
        long sd = descriptor(ss, ext);
        int shi = (int) (sd >>> 32);
        if (dpl(shi) != level || !isData(shi) || (shi & 0x200) == 0) throw CpuException.fault(CpuException.TS, (ss & 0xFFFC) | ext);
        if (!present(shi)) throw CpuException.fault(CpuException.SS, (ss & 0xFFFC) | ext);
        return sd;
    }

    /** SS:ESP for privilege level {@code level} from the current TSS, or #TS. */
    private int[] stackFromTss(int level, int ext) {
        int type = (c.segAttr[TR] >>> 8) & 0xF;
        boolean tss32 = (type & 8) != 0;
        int off = tss32 ? 4 + level * 8 : 2 + level * 4;
        int need = tss32 ? off + 5 : off + 3;
        if ((c.segSel[TR] & 0xFFFC) == 0 || Integer.compareUnsigned(need, c.segLimit[TR]) > 0) {
            throw CpuException.fault(CpuException.TS, (c.segSel[TR] & 0xFFFC) | ext);
        }
        int b = c.segBase[TR] + off;
        if (tss32) return new int[] {c.mmu.readSystem16(b + 4) & 0xFFFF, c.mmu.readSystem32(b)};
        return new int[] {c.mmu.readSystem16(b + 2) & 0xFFFF, c.mmu.readSystem16(b) & 0xFFFF};
    }

    // ---- far transfers

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

    /** JMP ptr16:32 / JMP m16:32 (code segment or call gate at the same privilege). */
    void farJump(int sel, int off, int size) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        long d = descriptor(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (isCode(hi)) {
            checkDirectCode(sel, hi);
            jumpTo(sel, lo, hi, size == 4 ? off : off & 0xFFFF, c.cpl);
            return;
        }
        if (isSystem(hi) && ((hi >>> 8) & 0xF) == 0xC || isSystem(hi) && ((hi >>> 8) & 0xF) == 0x4) {
            int[] target = callGateTarget(sel, lo, hi);
            long td = descriptor(target[0], 0);
            int tlo = (int) td, thi = (int) (td >>> 32);
            if (!conforming(thi) && dpl(thi) != c.cpl || conforming(thi) && dpl(thi) > c.cpl) throw CpuException.gp(target[0] & 0xFFFC);
            if (!present(thi)) throw CpuException.fault(CpuException.NP, target[0] & 0xFFFC);
            jumpTo(target[0], tlo, thi, target[1], c.cpl);
            return;
        }
        throw CpuException.gp(sel & 0xFFFC); // TSS and task gates: task switches are not emulated
    }

    private int[] callGateTarget(int sel, int lo, int hi) {
        if (dpl(hi) < c.cpl || dpl(hi) < (sel & 3)) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        int tsel = lo >>> 16;
        boolean gate32 = ((hi >>> 8) & 0xF) == 0xC;
        int toff = gate32 ? (lo & 0xFFFF) | (hi & 0xFFFF0000) : lo & 0xFFFF;
        if ((tsel & 0xFFFC) == 0) throw CpuException.gp(0);
        long td = descriptor(tsel, 0);
        int thi = (int) (td >>> 32);
        if (!isCode(thi) || dpl(thi) > c.cpl) throw CpuException.gp(tsel & 0xFFFC);
        return new int[] {tsel, toff, gate32 ? 4 : 2, hi & 0x1F};
    }

    private void jumpTo(int sel, int lo, int hi, int off, int newCpl) {
        if (Integer.compareUnsigned(off, limit(hi, lo)) > 0) throw CpuException.gp(0);
        setAccessed(sel, hi);
        loadCache(CS, (sel & 0xFFFC) | newCpl, lo, hi);
        c.setCpl(newCpl);
        c.eip = off;
    }

    /** CALL ptr16:32 / CALL m16:32, including call gates to a more privileged level (SDM vol. 3, 5.8.5). */
    void farCall(int sel, int off, int size, int returnEip) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        long d = descriptor(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (isCode(hi)) {
            checkDirectCode(sel, hi);
            int target = size == 4 ? off : off & 0xFFFF;
            if (Integer.compareUnsigned(target, limit(hi, lo)) > 0) throw CpuException.gp(0);
            pushFrame(size, c.segSel[CS], returnEip);
            jumpTo(sel, lo, hi, target, c.cpl);
            return;
        }
        int type = (hi >>> 8) & 0xF;
        if (!isSystem(hi) || (type != 0xC && type != 0x4)) throw CpuException.gp(sel & 0xFFFC);
        int[] g = callGateTarget(sel, lo, hi);
        int tsel = g[0], toff = g[1], gsize = g[2], params = g[3];
        long td = descriptor(tsel, 0);
        int tlo = (int) td, thi = (int) (td >>> 32);
        if (!present(thi)) throw CpuException.fault(CpuException.NP, tsel & 0xFFFC);
        // Checked before anything is committed: a #GP here must leave the caller's SS:ESP.
        if (Integer.compareUnsigned(toff, limit(thi, tlo)) > 0) throw CpuException.gp(0);
        if (!conforming(thi) && dpl(thi) < c.cpl) {
            int newCpl = dpl(thi);
            int[] ss = stackFromTss(newCpl, 0);
            int newSs = ss[0], sp = ss[1];
            long sd = innerStack(newSs, newCpl, 0);
            int slo = (int) sd, shi = (int) (sd >>> 32);
            int sbase = base(slo, shi);
            int oldSs = c.segSel[SS], oldEsp = c.r[Cpu.ESP];
            int[] copied = new int[params];
            for (int k = 0; k < params; k++) copied[k] = c.peekStack(k * gsize, gsize);
            int[] frame = new int[4 + params];
            frame[0] = oldSs;
            frame[1] = oldEsp;
            for (int k = 0; k < params; k++) frame[2 + k] = copied[params - 1 - k];
            frame[2 + params] = c.segSel[CS];
            frame[3 + params] = returnEip;
            for (int v : frame) {
                sp -= gsize;
                if (gsize == 4) c.mmu.writeSystem32(sbase + sp, v); else c.mmu.writeSystem16(sbase + (sp & 0xFFFF), v);
            }
            setAccessed(newSs, shi);
            loadCache(SS, newSs, slo, shi);
            c.r[Cpu.ESP] = sp;
            jumpTo(tsel, tlo, thi, toff, newCpl);
            return;
        }
        pushFrame(gsize, c.segSel[CS], returnEip);
        jumpTo(tsel, tlo, thi, toff, c.cpl);
    }

    private void pushFrame(int size, int cs, int eip) {
        int sp = c.sp();
        int a1 = sp - size, a2 = sp - 2 * size;
        if (!c.stack32()) { a1 &= 0xFFFF; a2 &= 0xFFFF; }
        c.writeSized(SS, a1, size, cs);
        c.writeSized(SS, a2, size, eip);
        c.setSp(a2);
    }

    /**
     * The code segment a RETF or IRET returns to: not null, RPL not above the CPL (no return inward),
     * a code segment whose DPL equals the RPL (or, conforming, is not above it), present.
     */
    private long returnCodeDescriptor(int sel) {
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        int rpl = sel & 3;
        if (rpl < c.cpl) throw CpuException.gp(sel & 0xFFFC);
        long d = descriptor(sel, 0);
        int hi = (int) (d >>> 32);
        if (!isCode(hi)) throw CpuException.gp(sel & 0xFFFC);
        if (conforming(hi) ? dpl(hi) > rpl : dpl(hi) != rpl) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        return d;
    }

    /** RETF [imm16], to the same or an outer privilege level (SDM vol. 3, 5.8.6). */
    void farReturn(int size, int popBytes) {
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
        setAccessed(newSs, ssd[1]);
        loadCache(SS, newSs, ssd[0], ssd[1]);
        c.setSp(size == 4 ? newEsp + popBytes : (newEsp + popBytes) & 0xFFFF);
        nullInaccessibleSegments();
    }

    private int[] checkOuterStack(int ss, int rpl) {
        if ((ss & 0xFFFC) == 0) throw CpuException.gp(0);
        long sd = descriptor(ss, 0);
        int slo = (int) sd, shi = (int) (sd >>> 32);
        if ((ss & 3) != rpl || dpl(shi) != rpl || !isData(shi) || (shi & 0x200) == 0) throw CpuException.gp(ss & 0xFFFC);
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

    /** IRET in protected mode (SDM vol. 2, IRET: PROTECTED-MODE-RETURN). */
    void iret(int size) {
        if ((c.flags & Cpu.NT) != 0) throw CpuException.gp(0); // task return: not emulated
        int newEip = c.peekStack(0, size);
        int sel = c.peekStack(size, size) & 0xFFFF;
        int newFlags = c.peekStack(2 * size, size);
        if (size == 2) newFlags = (c.materialize() & 0xFFFF0000) | (newFlags & 0xFFFF);
        if ((newFlags & Cpu.VM) != 0 && c.cpl == 0) throw CpuException.gp(0); // return to virtual-8086: not emulated
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
            setAccessed(newSs, ssd[1]);
            loadCache(SS, newSs, ssd[0], ssd[1]);
            c.setSp(size == 4 ? newEsp : newEsp & 0xFFFF);
            nullInaccessibleSegments();
        }
        writeFlags(newFlags, oldCpl, size == 4 ? -1 : 0xFFFF, true);
    }

    /**
     * EFLAGS written by POPF or IRET: IOPL only at CPL 0, IF only at CPL <= IOPL (SDM vol. 2, POPF);
     * VM and RF are never set by POPF.
     */
    void writeFlags(int v, int atCpl, int sizeMask, boolean iret) {
        int old = c.materialize();
        int iopl = (old >>> 12) & 3;
        int writable = Cpu.CF | Cpu.PF | Cpu.AF | Cpu.ZF | Cpu.SF | Cpu.TF | Cpu.DF | Cpu.OF | Cpu.NT | Cpu.AC | Cpu.ID;
        if (iret) writable |= Cpu.RF;
        if (atCpl == 0) writable |= Cpu.IOPL | Cpu.IF;
        else if (atCpl <= iopl) writable |= Cpu.IF;
        writable &= sizeMask;
        c.flags = (old & ~writable) | (v & writable) | 2;
        c.attention = true;
    }

    // ---- LLDT, LTR, LAR, LSL, VERR, VERW

    void lldt(int sel) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) { c.setSegmentCache(LDTR, sel, 0, 0, 0); return; }
        if ((sel & 4) != 0) throw CpuException.gp(sel & 0xFFFC);
        long d = descriptor(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        if (!isSystem(hi) || ((hi >>> 8) & 0xF) != 2) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        c.setSegmentCache(LDTR, sel, base(lo, hi), limit(hi, lo), attr(hi));
    }

    void ltr(int sel) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) throw CpuException.gp(0);
        if ((sel & 4) != 0) throw CpuException.gp(sel & 0xFFFC);
        long d = descriptor(sel, 0);
        int lo = (int) d, hi = (int) (d >>> 32);
        int type = (hi >>> 8) & 0xF;
        if (!isSystem(hi) || (type != 1 && type != 9)) throw CpuException.gp(sel & 0xFFFC);
        if (!present(hi)) throw CpuException.fault(CpuException.NP, sel & 0xFFFC);
        hi |= 0x200; // busy
        c.mmu.writeSystem32(descriptorAddress(sel) + 4, hi);
        c.setSegmentCache(TR, sel, base(lo, hi), limit(hi, lo), attr(hi));
    }

    /** The descriptor high dword if {@code sel} is visible at CPL/RPL for LAR/LSL/VERR/VERW, else null. */
    private Integer visible(int sel, boolean forLsl) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) return null;
        int a = descriptorAddress(sel);
        if (a == -1) return null;
        int hi = c.mmu.readSystem32(a + 4);
        if (isSystem(hi)) {
            int type = (hi >>> 8) & 0xF;
            boolean ok = forLsl ? type == 1 || type == 2 || type == 3 || type == 9 || type == 0xB
                    : type == 1 || type == 2 || type == 3 || type == 4 || type == 5 || type == 9 || type == 0xB || type == 0xC;
            if (!ok) return null;
        }
        if (!conforming(hi) && (dpl(hi) < c.cpl || dpl(hi) < (sel & 3))) return null;
        return hi;
    }

    /**
     * LAR: access rights or -1 (ZF=0). The SDM masks with 0x00FxFF00, bits 19:16 undefined; they
     * read as 0 here, as in QEMU, so a call gate's offset bits do not leak into the result.
     */
    long lar(int sel) {
        Integer hi = visible(sel, false);
        return hi == null ? -1 : hi & 0x00F0FF00;
    }

    long lsl(int sel) {
        Integer hi = visible(sel, true);
        if (hi == null) return -1;
        int lo = c.mmu.readSystem32(descriptorAddress(sel & 0xFFFF));
        return limit(hi, lo) & 0xFFFF_FFFFL;
    }

    boolean verify(int sel, boolean write) {
        sel &= 0xFFFF;
        if ((sel & 0xFFFC) == 0) return false;
        int a = descriptorAddress(sel);
        if (a == -1) return false;
        int hi = c.mmu.readSystem32(a + 4);
        if (isSystem(hi)) return false;
        if (!conforming(hi) && (dpl(hi) < c.cpl || dpl(hi) < (sel & 3))) return false;
        return write ? isData(hi) && (hi & 0x200) != 0 : readableOrData(hi);
    }
}
