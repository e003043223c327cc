package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/**
 * The x87 subset kernels use to probe and initialise the FPU: FNINIT, FNCLEX, FNSTSW (AX and m16),
 * FNSTCW, FLDCW. CR0.EM or CR0.TS raise #NM first (SDM vol. 3, 2.5). Any other x87 instruction
 * raises #UD: full x87 arithmetic is not emulated yet.
 */
final class X87 {
    private X87() { }

    static void execute(Cpu c, Insn i) {
        if ((c.cr0 & (Cpu.CR0_EM | Cpu.CR0_TS)) != 0) throw CpuException.fault(CpuException.NM);
        int esc = i.sub;
        if (i.mod == 3) {
            if (esc == 3 && i.reg == 4 && i.rm == 3) { // FNINIT
                c.fpuControl = 0x37F;
                c.fpuStatus = 0;
                c.fpuTag = 0xFFFF;
                return;
            }
            if (esc == 3 && i.reg == 4 && i.rm == 2) { // FNCLEX
                c.fpuStatus &= 0x7F00;
                return;
            }
            if (esc == 7 && i.reg == 4 && i.rm == 0) { // FNSTSW AX
                c.setReg16(Cpu.EAX, c.fpuStatus);
                return;
            }
            throw CpuException.ud();
        }
        int off = Executor.ea(c, i);
        if (esc == 1 && i.reg == 7) { c.write16(i.seg, off, c.fpuControl); return; } // FNSTCW
        if (esc == 1 && i.reg == 5) { c.fpuControl = c.read16(i.seg, off) | 0x40; return; } // FLDCW (bit 6 reads as 1)
        if (esc == 5 && i.reg == 7) { c.write16(i.seg, off, c.fpuStatus); return; } // FNSTSW m16
        throw CpuException.ud();
    }
}
