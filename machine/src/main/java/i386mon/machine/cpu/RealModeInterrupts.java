package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CS;
import static i386mon.machine.cpu.Cpu.SS;

import i386mon.machine.fault.CpuException;

/**
 * Interrupt and exception delivery in real-address mode (SDM vol. 3, 20.1.4; vol. 2, INT n,
 * REAL-ADDRESS-MODE): the handler's IP and CS come from the 4-byte vector at IDTR.base + 4 * vector;
 * FLAGS, CS and IP are pushed as words (no error code, whatever the exception), and IF, TF and AC are
 * cleared. A vector beyond the IDTR limit is #GP; so, with a zero limit, every interrupt ends in a
 * triple fault (the classic reboot). A push beyond the stack limit is #SS.
 */
final class RealModeInterrupts implements InterruptDelivery {
    private final Cpu c;

    RealModeInterrupts(Cpu c) { this.c = c; }

    @Override
    public void deliver(int vector, int err, boolean hasErr, int kind, int returnEip) {
        if (c.observer != null) c.observer.delivering(vector, err, hasErr, kind == HARDWARE, kind == SOFTWARE);
        if (Integer.compareUnsigned(vector * 4 + 3, c.idtLimit) > 0) throw CpuException.gp(0);
        int entry = c.idtBase + vector * 4;
        int ip = c.mmu.readSystem16(entry) & 0xFFFF, sel = c.mmu.readSystem16(entry + 2) & 0xFFFF;
        int flags = c.materialize();
        int sp = c.sp();
        int a1 = sp - 2, a2 = sp - 4, a3 = sp - 6;
        if (!c.stack32()) { a1 &= 0xFFFF; a2 &= 0xFFFF; a3 &= 0xFFFF; }
        // All three slots are checked before any is written: a fault leaves the stack untouched.
        c.linWrite(SS, a1, 2);
        c.linWrite(SS, a2, 2);
        c.linWrite(SS, a3, 2);
        c.write16(SS, a1, flags);
        c.write16(SS, a2, c.segSel[CS]);
        c.write16(SS, a3, returnEip);
        c.setSp(a3);
        c.setSegmentCache(CS, sel, sel << 4, c.segLimit[CS], c.segAttr[CS]);
        c.eip = ip;
        c.flags &= ~(Cpu.IF | Cpu.TF | Cpu.AC);
        c.halted = false;
        c.stepTrap = false; // entering a handler (TF now clear) cancels a pending single-step trap
        c.attention = true;
    }
}
