package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;

/**
 * The CPU's architectural and pending state for a snapshot, taken between instructions: general
 * registers, EIP, EFLAGS with the lazy arithmetic flags evaluated, every segment register with its
 * hidden cache, the descriptor-table registers, CR0-CR4, EFER, the debug registers, the x87 words
 * we model, the MSR values kept in the CPU (TSC offset, microcode signature; IA32_APIC_BASE is the
 * local APIC's), halt/shutdown, the interrupt shadow, a pending single-step trap, a caught
 * exception not yet delivered, the last exception and its chain, and the retired count. Decoded
 * code is not state: the code cache is emptied on restore, since memory changed under it.
 */
public final class CpuState implements Stateful {
    private final Cpu c;

    public CpuState(Cpu cpu) { this.c = cpu; }

    @Override
    public void saveState(StateWriter out) {
        out.ints(c.r).i32(c.eip).i32(c.eflags());
        out.ints(c.segSel).ints(c.segBase).ints(c.segLimit).ints(c.segAttr);
        out.i32(c.gdtBase).i32(c.gdtLimit).i32(c.idtBase).i32(c.idtLimit);
        out.i32(c.cr0).i32(c.cr2).i32(c.cr3).i32(c.cr4).i64(c.efer).ints(c.dr);
        out.i64(c.tscOffset).i64(c.microcodeSignature).i32(c.cpl);
        out.i32(c.fpuControl).i32(c.fpuStatus).i32(c.fpuTag);
        out.bool(c.halted).bool(c.shutdown).i32(c.irqShadow).bool(c.stepTrap).bool(c.nmiBlocked);
        exception(out, c.pendingException);
        exception(out, c.lastException);
        out.i32(c.lastExceptionEip);
        out.ints(c.exceptions.chain).ints(c.exceptions.chainErrors).i32(c.exceptions.chainLength);
        out.i64(c.retired());
    }

    @Override
    public void restoreState(StateReader in) {
        int[] r = in.ints();
        int eip = in.i32(), eflags = in.i32();
        int[] sel = in.ints(), base = in.ints(), limit = in.ints(), attr = in.ints();
        if (r.length != 8 || sel.length != 8 || base.length != 8 || limit.length != 8 || attr.length != 8) {
            throw new i386mon.machine.state.StateFormatException("the saved state of the cpu has the wrong register count");
        }
        System.arraycopy(r, 0, c.r, 0, 8);
        c.eip = eip;
        c.flags = eflags;
        c.lazy = 0;
        for (int s = 0; s < 8; s++) c.setSegmentCache(s, sel[s], base[s], limit[s], attr[s]);
        c.gdtBase = in.i32();
        c.gdtLimit = in.i32();
        c.idtBase = in.i32();
        c.idtLimit = in.i32();
        c.cr0 = in.i32();
        c.cr2 = in.i32();
        c.cr3 = in.i32();
        c.cr4 = in.i32();
        c.efer = in.i64();
        copy(in.ints(), c.dr);
        c.tscOffset = in.i64();
        c.microcodeSignature = in.i64();
        c.cpl = in.i32();
        c.fpuControl = in.i32();
        c.fpuStatus = in.i32();
        c.fpuTag = in.i32();
        c.halted = in.bool();
        c.shutdown = in.bool();
        c.irqShadow = in.i32();
        c.stepTrap = in.bool();
        c.nmiBlocked = in.bool();
        c.pendingException = exception(in);
        c.lastException = exception(in);
        c.lastExceptionEip = in.i32();
        copy(in.ints(), c.exceptions.chain);
        copy(in.ints(), c.exceptions.chainErrors);
        c.exceptions.chainLength = in.i32();
        c.totalRetired = in.i64();
        c.sliceRetired = 0;
        in.end();
        // the MMU's own state (TLB, PDPTEs) is restored by MmuState; here only the CPL and mode it follows
        c.mmu.setCpl(c.cpl);
        c.selectMode();
        c.dispatchGen++;
        c.code.clear();
        c.stop = Cpu.Stop.NONE;
        c.attention = true;
    }

    private static void copy(int[] from, int[] to) {
        if (from.length != to.length) throw new i386mon.machine.state.StateFormatException("the saved state of the cpu has the wrong array size");
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static void exception(StateWriter out, CpuException e) {
        out.bool(e != null);
        if (e != null) out.i32(e.vector).i32(e.errorCode).bool(e.hasErrorCode).i32(e.linearAddress);
    }

    private static CpuException exception(StateReader in) {
        if (!in.bool()) return null;
        int vector = in.i32(), code = in.i32();
        boolean hasCode = in.bool();
        int linear = in.i32();
        if (vector == CpuException.PF) return CpuException.pageFault(linear, code);
        return hasCode ? CpuException.fault(vector, code) : CpuException.fault(vector);
    }
}
