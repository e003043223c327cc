package i386mon.machine.cpu;

import i386mon.machine.cpu.OpcodeTable.Op;

import static i386mon.machine.cpu.Executor.ea;
import static i386mon.machine.cpu.Executor.getE;
import static i386mon.machine.cpu.Executor.privileged;

import i386mon.machine.fault.CpuException;

/** System instructions: descriptor-table registers, LDTR/TR, MSW, control and debug registers. */
final class SystemOps {
    private SystemOps() { }

    /** CR4 bits this CPU implements: VME/PVI are absent (virtual-8086 mode without its extensions; CPUID does not report VME). */
    static final int CR4_VALID = 1 << 2 /* TSD */ | 1 << 3 /* DE */ | 1 << 4 /* PSE */ | 1 << 5 /* PAE */
            | 1 << 6 /* MCE */ | 1 << 7 /* PGE */ | 1 << 8 /* PCE */;
    static final int CR0_VALID = Cpu.CR0_PE | Cpu.CR0_MP | Cpu.CR0_EM | Cpu.CR0_TS | Cpu.CR0_NE | Cpu.CR0_WP
            | Cpu.CR0_AM | Cpu.CR0_NW | Cpu.CR0_CD | Cpu.CR0_PG;

    static void execute(Cpu c, Insn i) {
        switch (i.op) {
            case UD: throw CpuException.ud();
            case SLDT: protectedOnly(c); storeSelector(c, i, c.segments.sldt()); return;
            case STR: protectedOnly(c); storeSelector(c, i, c.segments.str()); return;
            case LLDT: protectedOnly(c); privileged(c); c.segments.lldt(getE(c, i, 2)); return;
            case LTR: protectedOnly(c); privileged(c); c.segments.ltr(getE(c, i, 2)); return;
            case VERR: protectedOnly(c); c.setFlag(Cpu.ZF, c.segments.verify(getE(c, i, 2), false)); return;
            case VERW: protectedOnly(c); c.setFlag(Cpu.ZF, c.segments.verify(getE(c, i, 2), true)); return;
            case SGDT: storeTable(c, i, c.gdtLimit, c.gdtBase); return;
            case SIDT: storeTable(c, i, c.idtLimit, c.idtBase); return;
            case LGDT: case LIDT: {
                privileged(c);
                int off = ea(c, i);
                int limit = c.read16(i.seg, off), base = c.read32(i.seg, off + 2);
                if (!i.o32) base &= 0x00FFFFFF; // a 16-bit operand loads a 24-bit base
                if (i.op == Op.LGDT) c.setGdtr(base, limit); else c.setIdtr(base, limit);
                return;
            }
            case SMSW:
                if (i.mod == 3) c.setRegSized(i.rm, Executor.osize(i), c.cr0); else c.write16(i.seg, ea(c, i), c.cr0);
                return;
            case LMSW: {
                privileged(c);
                int v = getE(c, i, 2) & 0xF;
                // LMSW sets PE but never clears it (SDM vol. 2, LMSW).
                writeCr0(c, (c.cr0 & ~0xE) | v | (c.cr0 & Cpu.CR0_PE));
                return;
            }
            case INVLPG:
                privileged(c);
                c.mmu.invlpg(c.segBase[i.seg] + ea(c, i));
                return;
            case LAR: case LSL: {
                protectedOnly(c);
                long v = i.op == Op.LAR ? c.segments.lar(getE(c, i, 2)) : c.segments.lsl(getE(c, i, 2));
                c.setFlag(Cpu.ZF, v != -1);
                if (v != -1) c.setRegSized(i.reg, Executor.osize(i), (int) v);
                return;
            }
            case CLTS: privileged(c); writeCr0(c, c.cr0 & ~Cpu.CR0_TS); return;
            case INVD: case WBINVD: privileged(c); return;
            case MOV_R_CR: privileged(c); c.r[i.rm] = readCr(c, i.reg); return;
            case MOV_CR_R: privileged(c); writeCr(c, i.reg, c.r[i.rm]); return;
            case MOV_R_DR: privileged(c); c.r[i.rm] = c.dr[debugIndex(c, i.reg)]; return;
            case MOV_DR_R: {
                privileged(c);
                int n = debugIndex(c, i.reg), v = c.r[i.rm];
                if (n == 6) v = (v & 0x0000E00F) | 0xFFFF0FF0; // DR6 reserved bits read as 1
                if (n == 7) v = (v & 0xFFFF2BFF) | 0x400;
                c.dr[n] = v;
                return;
            }
            default: throw new IllegalStateException("no handler for " + i.entry);
        }
    }

    /**
     * The descriptor-table instructions are #UD outside protected mode, before the CPL check and
     * any operand access (SDM vol. 2, LLDT etc.: "not recognized in real-address/virtual-8086 mode").
     */
    private static void protectedOnly(Cpu c) {
        if (c.operatingMode() != OperatingMode.PROTECTED) throw CpuException.ud();
    }

    private static void storeSelector(Cpu c, Insn i, int sel) {
        if (i.mod == 3) c.setRegSized(i.rm, Executor.osize(i), sel); else c.write16(i.seg, ea(c, i), sel);
    }

    private static void storeTable(Cpu c, Insn i, int limit, int base) {
        int off = ea(c, i);
        c.linWrite(i.seg, off, 6);
        c.write16(i.seg, off, limit);
        c.write32(i.seg, off + 2, base);
    }

    /** DR4/DR5 alias DR6/DR7 unless CR4.DE makes them #UD (SDM vol. 3, 17.2.2). */
    private static int debugIndex(Cpu c, int n) {
        if (n == 4 || n == 5) {
            if ((c.cr4 & 8) != 0) throw CpuException.ud();
            return n + 2;
        }
        return n;
    }

    private static int readCr(Cpu c, int n) {
        switch (n) {
            case 0: return c.cr0;
            case 2: return c.cr2;
            case 3: return c.cr3;
            case 4: return c.cr4;
            default: throw CpuException.ud();
        }
    }

    static void writeCr(Cpu c, int n, int v) {
        switch (n) {
            case 0: writeCr0(c, v); return;
            case 2: c.cr2 = v; return;
            case 3:
                c.mmu.writeCr3(v); // throws #GP(0) with nothing changed on a bad PAE PDPTE
                c.cr3 = v;
                return;
            case 4:
                if ((v & ~CR4_VALID) != 0) throw CpuException.gp(0);
                applyControl(c, c.cr0, c.cr3, v);
                return;
            default: throw CpuException.ud();
        }
    }

    static void writeCr0(Cpu c, int v) {
        if ((v & Cpu.CR0_PG) != 0 && (v & Cpu.CR0_PE) == 0) throw CpuException.gp(0);
        if ((v & Cpu.CR0_NW) != 0 && (v & Cpu.CR0_CD) == 0) throw CpuException.gp(0);
        // Clearing PE enters real-address mode, setting it protected mode: the segment caches stay as
        // they are until the far jump and segment loads that follow (SDM vol. 3, 9.9.1 and 9.9.2).
        applyControl(c, (v & CR0_VALID) | Cpu.CR0_ET, c.cr3, c.cr4);
    }

    /** Commits new control registers only if the MMU accepts them (PAE PDPTE checks may #GP). */
    private static void applyControl(Cpu c, int cr0, int cr3, int cr4) {
        try {
            c.mmu.setControl(cr0, cr3, cr4, c.efer);
        } catch (CpuException e) {
            c.mmu.setControl(c.cr0, c.cr3, c.cr4, c.efer);
            throw e;
        }
        c.cr0 = cr0;
        c.cr3 = cr3;
        c.cr4 = cr4;
        c.attention = true;
        c.selectMode(); // CR0.PE picks the operating mode
    }
}
