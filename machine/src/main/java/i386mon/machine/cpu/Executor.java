package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBP;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ES;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.ESP;
import static i386mon.machine.cpu.Cpu.L_ADC;
import static i386mon.machine.cpu.Cpu.L_ADD;
import static i386mon.machine.cpu.Cpu.L_DEC;
import static i386mon.machine.cpu.Cpu.L_INC;
import static i386mon.machine.cpu.Cpu.L_LOGIC;
import static i386mon.machine.cpu.Cpu.L_SBB;
import static i386mon.machine.cpu.Cpu.L_SUB;
import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Cpu.mask;

import i386mon.machine.fault.CpuException;

/**
 * Instruction semantics: one switch over the {@link OpcodeTable.Op} handlers, each case a few lines or a call.
 * Operands are read before anything is written, so a faulting instruction leaves no trace (the
 * run loop rewinds EIP); string instructions commit per iteration and restart where they stopped.
 */
final class Executor {
    private Executor() { }

    /** Iterations of a REP string instruction between checks for interrupts. */
    static final int REP_CHUNK = 1024;

    static void execute(Cpu c, Insn i) {
        switch (i.op) {
            case NOP: return;
            case ALU_EB_GB: aluE(c, i, 1, c.reg8(i.reg)); return;
            case ALU_EV_GV: aluE(c, i, osize(i), c.regSized(i.reg, osize(i))); return;
            case ALU_GB_EB: aluG(c, i, 1, getE(c, i, 1)); return;
            case ALU_GV_EV: aluG(c, i, osize(i), getE(c, i, osize(i))); return;
            case ALU_AL_IB: {
                int res = alu(c, i.sub, c.r[EAX] & 0xFF, i.imm, 1);
                if (i.sub != 7) c.setReg8(EAX, res);
                return;
            }
            case ALU_EAX_IZ: {
                int s = osize(i);
                int res = alu(c, i.sub, c.regSized(EAX, s), i.imm, s);
                if (i.sub != 7) c.setRegSized(EAX, s, res);
                return;
            }
            case ALU_EB_IB: aluE(c, i, 1, i.imm); return;
            case ALU_EV_IZ: case ALU_EV_IBS: aluE(c, i, osize(i), i.imm); return;
            case INC_R: {
                int s = osize(i), d = c.regSized(i.sub, s);
                c.setRegSized(i.sub, s, d + 1);
                c.setLazy(L_INC, d + 1, d, 1, s);
                return;
            }
            case DEC_R: {
                int s = osize(i), d = c.regSized(i.sub, s);
                c.setRegSized(i.sub, s, d - 1);
                c.setLazy(L_DEC, d - 1, d, 1, s);
                return;
            }
            case PUSH_R: if (i.o32) c.push32(c.r[i.sub]); else c.push(c.r[i.sub], 2); return;
            case POP_R: {
                int s = osize(i), v = c.pop(s);
                c.setRegSized(i.sub, s, v);
                return;
            }
            case PUSH_SREG: c.push(c.segSel[i.sub], osize(i)); return;
            case POP_SREG: {
                int s = osize(i), v = c.peekStack(0, s);
                c.segments.load(i.sub, v & 0xFFFF);
                c.setSp(c.sp() + s);
                if (i.sub == SS) shadow(c);
                return;
            }
            case PUSHA: pusha(c, osize(i)); return;
            case POPA: popa(c, osize(i)); return;
            case BOUND: bound(c, i); return;
            case ARPL: arpl(c, i); return;
            case PUSH_IMM: c.push(i.imm, osize(i)); return;
            case IMUL_GV_EV_IMM: c.setRegSized(i.reg, osize(i), imul2(c, getE(c, i, osize(i)), i.imm, osize(i))); return;
            case IMUL_GV_EV: {
                int s = osize(i);
                c.setRegSized(i.reg, s, imul2(c, c.regSized(i.reg, s), getE(c, i, s), s));
                return;
            }
            case INS:
            case OUTS:
            case MOVS:
            case CMPS:
            case STOS:
            case LODS:
            case SCAS: StringOps.execute(c, i); return;
            case JCC: if (c.cond(i.sub)) jump(c, i, c.eip + i.imm); return;
            case TEST_EB_GB: logic(c, getE(c, i, 1) & c.reg8(i.reg), 1); return;
            case TEST_EV_GV: logic(c, getE(c, i, osize(i)) & c.r[i.reg], osize(i)); return;
            case TEST_AL_IB: logic(c, c.r[EAX] & i.imm, 1); return;
            case TEST_EAX_IZ: logic(c, c.r[EAX] & i.imm, osize(i)); return;
            case TEST_EB_IB: logic(c, getE(c, i, 1) & i.imm, 1); return;
            case TEST_EV_IZ: logic(c, getE(c, i, osize(i)) & i.imm, osize(i)); return;
            case XCHG_EB_GB: xchg(c, i, 1); return;
            case XCHG_EV_GV: xchg(c, i, osize(i)); return;
            case XCHG_EAX_R: {
                int s = osize(i), a = c.regSized(EAX, s);
                c.setRegSized(EAX, s, c.regSized(i.sub, s));
                c.setRegSized(i.sub, s, a);
                return;
            }
            case MOV_EB_GB: setE(c, i, 1, c.reg8(i.reg)); return;
            case MOV_EV_GV: setE(c, i, osize(i), c.r[i.reg]); return;
            case MOV_GB_EB: c.setReg8(i.reg, getE(c, i, 1)); return;
            case MOV_GV_EV: c.setRegSized(i.reg, osize(i), getE(c, i, osize(i))); return;
            case MOV_EB_IB: setE(c, i, 1, i.imm); return;
            case MOV_EV_IZ: setE(c, i, osize(i), i.imm); return;
            case MOV_R8_IB: c.setReg8(i.sub, i.imm); return;
            case MOV_R_IZ: c.setRegSized(i.sub, osize(i), i.imm); return;
            case MOV_EW_SREG: {
                if (i.reg > 5) throw CpuException.ud();
                int v = c.segSel[i.reg];
                if (i.mod == 3) c.setRegSized(i.rm, osize(i), v); else c.write16(i.seg, ea(c, i), v);
                return;
            }
            case MOV_SREG_EW: {
                if (i.reg == Cpu.CS || i.reg > 5) throw CpuException.ud();
                c.segments.load(i.reg, getE(c, i, 2));
                if (i.reg == SS) shadow(c);
                return;
            }
            case LEA: c.setRegSized(i.reg, osize(i), ea(c, i)); return;
            case POP_EV: popEv(c, i); return;
            case CBW:
                if (i.o32) c.r[EAX] = (short) c.r[EAX]; else c.setReg16(EAX, (byte) c.r[EAX]);
                return;
            case CWD:
                if (i.o32) c.r[EDX] = c.r[EAX] >> 31; else c.setReg16(EDX, ((short) c.r[EAX]) >> 15);
                return;
            case PUSHF: {
                v86Iopl(c);
                int f = c.materialize() & ~(Cpu.VM | Cpu.RF);
                if (i.o32) c.push32(f); else c.push(f, 2);
                return;
            }
            case POPF: {
                v86Iopl(c);
                int s = osize(i), v = c.peekStack(0, s);
                c.setSp(c.sp() + s);
                c.writeFlags(v, c.cpl, i.o32 ? -1 : 0xFFFF, false);
                return;
            }
            case SAHF: {
                int f = c.materialize(), ah = (c.r[EAX] >>> 8) & 0xFF;
                int m = Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF | Cpu.CF;
                c.flags = (f & ~m) | (ah & m);
                return;
            }
            case LAHF: {
                int f = c.materialize();
                int ah = (f & (Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF | Cpu.CF)) | 2;
                c.r[EAX] = (c.r[EAX] & 0xFFFF00FF) | ah << 8;
                return;
            }
            case MOV_AL_MOFFS: c.setReg8(EAX, c.read8(i.seg, ea(c, i))); return;
            case MOV_EAX_MOFFS: c.setRegSized(EAX, osize(i), c.readSized(i.seg, ea(c, i), osize(i))); return;
            case MOV_MOFFS_AL: c.write8(i.seg, ea(c, i), c.r[EAX]); return;
            case MOV_MOFFS_EAX: c.writeSized(i.seg, ea(c, i), osize(i), c.r[EAX]); return;
            case SHIFT_EB_IB: shiftE(c, i, 1, i.imm); return;
            case SHIFT_EV_IB: shiftE(c, i, osize(i), i.imm); return;
            case SHIFT_EB_1: shiftE(c, i, 1, 1); return;
            case SHIFT_EV_1: shiftE(c, i, osize(i), 1); return;
            case SHIFT_EB_CL: shiftE(c, i, 1, c.r[ECX]); return;
            case SHIFT_EV_CL: shiftE(c, i, osize(i), c.r[ECX]); return;
            case RET: {
                int s = osize(i), t = c.peekStack(0, s);
                checkCodeLimit(c, t);
                c.setSp(c.sp() + s);
                c.eip = t;
                return;
            }
            case RET_IW: {
                int s = osize(i), t = c.peekStack(0, s);
                checkCodeLimit(c, t);
                c.setSp(c.sp() + s + (i.imm & 0xFFFF));
                c.eip = t;
                return;
            }
            case LES: loadFarPointer(c, i, ES); return;
            case LDS: loadFarPointer(c, i, Cpu.DS); return;
            case LSS: loadFarPointer(c, i, SS); return;
            case LFS: loadFarPointer(c, i, Cpu.FS); return;
            case LGS: loadFarPointer(c, i, Cpu.GS); return;
            case ENTER: enter(c, i); return;
            case LEAVE: leave(c, osize(i)); return;
            case RETF: c.transfers.farReturn(osize(i), 0); return;
            case RETF_IW: c.transfers.farReturn(osize(i), i.imm & 0xFFFF); return;
            case INT3: c.interrupts.deliver(CpuException.BP, 0, false, InterruptDelivery.SOFTWARE, c.eip); return;
            case INT_IB: v86Iopl(c); c.interrupts.deliver(i.imm, 0, false, InterruptDelivery.SOFTWARE, c.eip); return;
            case INTO: if (c.of()) c.interrupts.deliver(CpuException.OF, 0, false, InterruptDelivery.SOFTWARE, c.eip); return;
            case INT1: c.interrupts.deliver(CpuException.DB, 0, false, InterruptDelivery.ICEBP, c.eip); return;
            case IRET:
                c.transfers.iret(osize(i));
                if (c.nmiBlocked) { // the NMI handler returned: a held NMI may be taken now (SDM vol. 3, 6.7.1)
                    c.nmiBlocked = false;
                    c.attention = true;
                }
                return;
            case AAM: Bcd.aam(c, i.imm); return;
            case AAD: Bcd.aad(c, i.imm); return;
            case DAA: Bcd.daa(c); return;
            case DAS: Bcd.das(c); return;
            case AAA: Bcd.aaa(c); return;
            case AAS: Bcd.aas(c); return;
            case SALC: c.setReg8(EAX, c.cf() ? 0xFF : 0); return;
            case XLAT: {
                int a = (i.a32 ? c.r[EBX] : c.r[EBX] & 0xFFFF) + (c.r[EAX] & 0xFF);
                c.setReg8(EAX, c.read8(i.seg, i.a32 ? a : a & 0xFFFF));
                return;
            }
            case ESC: X87.execute(c, i); return;
            case FWAIT:
                if ((c.cr0 & (Cpu.CR0_TS | Cpu.CR0_MP)) == (Cpu.CR0_TS | Cpu.CR0_MP)) throw CpuException.fault(CpuException.NM);
                return;
            case LOOP: loop(c, i, true); return;
            case LOOPE: loop(c, i, c.zf()); return;
            case LOOPNE: loop(c, i, !c.zf()); return;
            case JECXZ: if ((i.a32 ? c.r[ECX] : c.r[ECX] & 0xFFFF) == 0) jump(c, i, c.eip + i.imm); return;
            case IN_AL_IB: c.setReg8(EAX, in(c, i.imm, 1)); return;
            case IN_EAX_IB: c.setRegSized(EAX, osize(i), in(c, i.imm, osize(i))); return;
            case IN_AL_DX: c.setReg8(EAX, in(c, c.r[EDX] & 0xFFFF, 1)); return;
            case IN_EAX_DX: c.setRegSized(EAX, osize(i), in(c, c.r[EDX] & 0xFFFF, osize(i))); return;
            case OUT_IB_AL: out(c, i.imm, 1, c.r[EAX]); return;
            case OUT_IB_EAX: out(c, i.imm, osize(i), c.r[EAX]); return;
            case OUT_DX_AL: out(c, c.r[EDX] & 0xFFFF, 1, c.r[EAX]); return;
            case OUT_DX_EAX: out(c, c.r[EDX] & 0xFFFF, osize(i), c.r[EAX]); return;
            case CALL_JZ: {
                int target = c.eip + i.imm;
                checkCodeLimit(c, i.o32 ? target : target & 0xFFFF);
                c.push(c.eip, osize(i));
                jump(c, i, target);
                return;
            }
            case JMP_JZ: case JMP_JB: jump(c, i, c.eip + i.imm); return;
            case JMPF_AP: c.transfers.farJump(i.imm2, i.imm, osize(i)); return;
            case CALLF_AP: c.transfers.farCall(i.imm2, i.imm, osize(i), c.eip); return;
            case JMP_EV: jump(c, i, getE(c, i, osize(i))); return;
            case CALL_EV: {
                int target = getE(c, i, osize(i));
                checkCodeLimit(c, i.o32 ? target : target & 0xFFFF);
                c.push(c.eip, osize(i));
                jump(c, i, target);
                return;
            }
            case JMPF_EP: {
                int off = ea(c, i), s = osize(i);
                int target = c.readSized(i.seg, off, s), sel = c.read16(i.seg, off + s);
                c.transfers.farJump(sel, target, s);
                return;
            }
            case CALLF_EP: {
                int off = ea(c, i), s = osize(i);
                int target = c.readSized(i.seg, off, s), sel = c.read16(i.seg, off + s);
                c.transfers.farCall(sel, target, s, c.eip);
                return;
            }
            case PUSH_EV: c.push(getE(c, i, osize(i)), osize(i)); return;
            case HLT:
                privileged(c);
                c.halted = true;
                c.attention = true;
                return;
            case CMC: c.setFlag(CF, !c.cf()); return;
            case CLC: c.setFlag(CF, false); return;
            case STC: c.setFlag(CF, true); return;
            case CLD: c.flags &= ~Cpu.DF; return;
            case STD: c.flags |= Cpu.DF; return;
            case CLI: iopl(c); c.flags &= ~Cpu.IF; return;
            case STI:
                iopl(c);
                if ((c.flags & Cpu.IF) == 0) {
                    c.flags |= Cpu.IF;
                    shadow(c);
                }
                return;
            case NOT_EB: unary(c, i, 1, true); return;
            case NOT_EV: unary(c, i, osize(i), true); return;
            case NEG_EB: unary(c, i, 1, false); return;
            case NEG_EV: unary(c, i, osize(i), false); return;
            case INC_EB: incDec(c, i, 1, true); return;
            case DEC_EB: incDec(c, i, 1, false); return;
            case INC_EV: incDec(c, i, osize(i), true); return;
            case DEC_EV: incDec(c, i, osize(i), false); return;
            case MUL_EB: case MUL_EV: MulDiv.mul(c, getE(c, i, size(i)), size(i), false); return;
            case IMUL_EB: case IMUL_EV: MulDiv.mul(c, getE(c, i, size(i)), size(i), true); return;
            case DIV_EB: case DIV_EV: MulDiv.div(c, getE(c, i, size(i)), size(i), false); return;
            case IDIV_EB: case IDIV_EV: MulDiv.div(c, getE(c, i, size(i)), size(i), true); return;
            case CMOV: {
                int s = osize(i), v = getE(c, i, s);
                if (c.cond(i.sub)) c.setRegSized(i.reg, s, v);
                return;
            }
            case SETCC: setE(c, i, 1, c.cond(i.sub) ? 1 : 0); return;
            case MOVZX_B: c.setRegSized(i.reg, osize(i), getE(c, i, 1)); return;
            case MOVZX_W: c.setRegSized(i.reg, osize(i), getE(c, i, 2)); return;
            case MOVSX_B: c.setRegSized(i.reg, osize(i), (byte) getE(c, i, 1)); return;
            case MOVSX_W: c.setRegSized(i.reg, osize(i), (short) getE(c, i, 2)); return;
            case BSWAP:
                // With a 16-bit operand the result is undefined (SDM); the P6 leaves zero in the low word.
                if (i.o32) c.r[i.sub] = Integer.reverseBytes(c.r[i.sub]); else c.setReg16(i.sub, 0);
                return;
            case BT_EV_GV: Bits.bit(c, i, 0, c.r[i.reg], true); return;
            case BTS_EV_GV: Bits.bit(c, i, 1, c.r[i.reg], true); return;
            case BTR_EV_GV: Bits.bit(c, i, 2, c.r[i.reg], true); return;
            case BTC_EV_GV: Bits.bit(c, i, 3, c.r[i.reg], true); return;
            case BT_EV_IB: Bits.bit(c, i, 0, i.imm, false); return;
            case BTS_EV_IB: Bits.bit(c, i, 1, i.imm, false); return;
            case BTR_EV_IB: Bits.bit(c, i, 2, i.imm, false); return;
            case BTC_EV_IB: Bits.bit(c, i, 3, i.imm, false); return;
            case BSF: Bits.scan(c, i, true); return;
            case BSR: Bits.scan(c, i, false); return;
            case SHLD_IB: Bits.shiftDouble(c, i, i.imm, true); return;
            case SHLD_CL: Bits.shiftDouble(c, i, c.r[ECX], true); return;
            case SHRD_IB: Bits.shiftDouble(c, i, i.imm, false); return;
            case SHRD_CL: Bits.shiftDouble(c, i, c.r[ECX], false); return;
            case XADD_EB_GB: Atomic.xadd(c, i, 1); return;
            case XADD_EV_GV: Atomic.xadd(c, i, osize(i)); return;
            case CMPXCHG_EB_GB: Atomic.cmpxchg(c, i, 1); return;
            case CMPXCHG_EV_GV: Atomic.cmpxchg(c, i, osize(i)); return;
            case CMPXCHG8B: Atomic.cmpxchg8b(c, i); return;
            case CPUID: Cpuid.execute(c.r, c.apicEnabled()); return;
            case RDTSC: {
                if ((c.cr4 & 4) != 0 && c.cpl != 0) throw CpuException.gp(0); // CR4.TSD
                long t = c.tsc();
                c.r[EAX] = (int) t;
                c.r[EDX] = (int) (t >>> 32);
                return;
            }
            case RDPMC: {
                if ((c.cr4 & 0x100) == 0 && c.cpl != 0 || Integer.compareUnsigned(c.r[ECX], 1) > 0) throw CpuException.gp(0);
                c.r[EAX] = 0;
                c.r[EDX] = 0;
                return;
            }
            case RDMSR: {
                privileged(c);
                long v = c.msrs.read(c.r[ECX]);
                c.r[EAX] = (int) v;
                c.r[EDX] = (int) (v >>> 32);
                return;
            }
            case WRMSR:
                privileged(c);
                c.msrs.write(c.r[ECX], (c.r[EDX] & 0xFFFF_FFFFL) << 32 | (c.r[EAX] & 0xFFFF_FFFFL));
                return;
            default:
                if (i.op.fast) FastOps.execute(c, i); else SystemOps.execute(c, i);
        }
    }

    // ---- helpers shared by the instruction classes

    static int osize(Insn i) { return i.o32 ? 4 : 2; }

    /** Operand size of a byte/word/dword group row: bytes for the Eb rows (opcode bit 0 clear). */
    static int size(Insn i) { return (i.opcode & 1) == 0 ? 1 : osize(i); }

    static int ea(Cpu c, Insn i) {
        int a = i.disp;
        if (i.base >= 0) a += c.r[i.base];
        if (i.index >= 0) a += c.r[i.index] << i.scale;
        return i.a32 ? a : a & 0xFFFF;
    }

    static int getE(Cpu c, Insn i, int size) {
        return i.mod == 3 ? c.regSized(i.rm, size) : c.readSized(i.seg, ea(c, i), size);
    }

    static void setE(Cpu c, Insn i, int size, int v) {
        if (i.mod == 3) c.setRegSized(i.rm, size, v); else c.writeSized(i.seg, ea(c, i), size, v);
    }

    /** First half of a memory read-modify-write: the write permission is checked up front. */
    static int rmwRead(Cpu c, int lin, int size) {
        return size == 4 ? c.mmu.readForWrite32(lin) : size == 2 ? c.mmu.readForWrite16(lin) & 0xFFFF : c.mmu.readForWrite8(lin) & 0xFF;
    }

    static void memWrite(Cpu c, int lin, int size, int v) {
        if (size == 4) c.mmu.write32(lin, v); else if (size == 2) c.mmu.write16(lin, v); else c.mmu.write8(lin, v);
    }

    static void jump(Cpu c, Insn i, int target) {
        int t = i.o32 ? target : target & 0xFFFF;
        checkCodeLimit(c, t);
        c.eip = t;
    }

    /** A near branch beyond the CS limit faults at the branch, before anything is pushed or popped (SDM vol. 2, JMP, CALL, RET). */
    static void checkCodeLimit(Cpu c, int target) {
        if (beyondCodeLimit(c, target)) throw CpuException.gp(0);
    }

    static boolean beyondCodeLimit(Cpu c, int target) {
        int limit = c.segLimit[Cpu.CS];
        return limit != -1 && Integer.compareUnsigned(target, limit) > 0;
    }

    static void leave(Cpu c, int size) {
        int bp = c.stack32() ? c.r[EBP] : c.r[EBP] & 0xFFFF;
        int v = c.readSized(SS, bp, size);
        c.setSp(bp + size);
        c.setRegSized(EBP, size, v);
    }

    static void privileged(Cpu c) {
        if (c.cpl != 0) throw CpuException.gp(0);
    }

    private static void iopl(Cpu c) {
        if (c.cpl > ((c.flags >>> 12) & 3)) throw CpuException.gp(0);
    }

    /**
     * PUSHF, POPF and INT n are IOPL-sensitive in virtual-8086 mode: #GP(0) below IOPL 3, for the
     * monitor to emulate (SDM vol. 3, 20.2.7; VME is not implemented). CLI, STI and IRET check too.
     */
    private static void v86Iopl(Cpu c) {
        if ((c.flags & Cpu.VM) != 0 && (c.flags & Cpu.IOPL) != Cpu.IOPL) throw CpuException.gp(0);
    }

    /** Holds off interrupts for one instruction (after STI, MOV SS, POP SS). */
    private static void shadow(Cpu c) {
        c.irqShadow = 1;
        c.attention = true;
    }

    /** The eight ALU operations (ADD OR ADC SBB AND SUB XOR CMP); returns the masked result. */
    static int alu(Cpu c, int op, int d, int s, int size) {
        int res;
        switch (op) {
            case 0: res = d + s; c.setLazy(L_ADD, res, d, s, size); break;
            case 1: res = d | s; c.setLazy(L_LOGIC, res, 0, 0, size); break;
            case 2: {
                boolean cf = c.cf();
                res = d + s + (cf ? 1 : 0);
                c.setLazy(L_ADC, res, d, s, size);
                c.lCarry = cf;
                break;
            }
            case 3: {
                boolean cf = c.cf();
                res = d - s - (cf ? 1 : 0);
                c.setLazy(L_SBB, res, d, s, size);
                c.lCarry = cf;
                break;
            }
            case 4: res = d & s; c.setLazy(L_LOGIC, res, 0, 0, size); break;
            case 6: res = d ^ s; c.setLazy(L_LOGIC, res, 0, 0, size); break;
            default: res = d - s; c.setLazy(L_SUB, res, d, s, size); break;
        }
        return res & mask(size);
    }

    private static void logic(Cpu c, int v, int size) { c.setLazy(L_LOGIC, v, 0, 0, size); }

    private static void aluE(Cpu c, Insn i, int size, int src) {
        int op = i.sub;
        if (i.mod == 3) {
            int res = alu(c, op, c.regSized(i.rm, size), src, size);
            if (op != 7) c.setRegSized(i.rm, size, res);
            return;
        }
        int off = ea(c, i);
        if (op == 7) {
            alu(c, 7, c.readSized(i.seg, off, size), src, size);
            return;
        }
        int lin = c.linWrite(i.seg, off, size);
        int res = alu(c, op, rmwRead(c, lin, size), src, size);
        memWrite(c, lin, size, res);
    }

    private static void aluG(Cpu c, Insn i, int size, int src) {
        int res = alu(c, i.sub, c.regSized(i.reg, size), src, size);
        if (i.sub != 7) c.setRegSized(i.reg, size, res);
    }

    private static void unary(Cpu c, Insn i, int size, boolean not) {
        int lin = 0, d;
        if (i.mod == 3) d = c.regSized(i.rm, size);
        else {
            lin = c.linWrite(i.seg, ea(c, i), size);
            d = rmwRead(c, lin, size);
        }
        int res;
        if (not) res = ~d;
        else {
            res = -d;
            c.setLazy(L_SUB, res, 0, d, size);
        }
        if (i.mod == 3) c.setRegSized(i.rm, size, res); else memWrite(c, lin, size, res);
    }

    private static void incDec(Cpu c, Insn i, int size, boolean inc) {
        int lin = 0, d;
        if (i.mod == 3) d = c.regSized(i.rm, size);
        else {
            lin = c.linWrite(i.seg, ea(c, i), size);
            d = rmwRead(c, lin, size);
        }
        int res = inc ? d + 1 : d - 1;
        if (i.mod == 3) c.setRegSized(i.rm, size, res); else memWrite(c, lin, size, res);
        c.setLazy(inc ? L_INC : L_DEC, res, d, 1, size);
    }

    private static void xchg(Cpu c, Insn i, int size) {
        int g = c.regSized(i.reg, size);
        if (i.mod == 3) {
            c.setRegSized(i.reg, size, c.regSized(i.rm, size));
            c.setRegSized(i.rm, size, g);
            return;
        }
        int lin = c.linWrite(i.seg, ea(c, i), size);
        int m = rmwRead(c, lin, size);
        memWrite(c, lin, size, g);
        c.setRegSized(i.reg, size, m);
    }

    static int imul2(Cpu c, int a, int b, int size) {
        long p;
        int res;
        if (size == 4) {
            p = (long) a * (long) b;
            res = (int) p;
        } else {
            p = (long) (short) a * (long) (short) b;
            res = (short) p;
        }
        boolean overflow = p != res;
        c.setResultFlags(res, size, overflow, overflow);
        return res;
    }

    private static void shiftE(Cpu c, Insn i, int size, int count) {
        if ((count & 0x1F) == 0 && i.mod != 3) {
            c.readSized(i.seg, ea(c, i), size); // the operand is still read (and may fault)
            return;
        }
        if (i.mod == 3) {
            c.setRegSized(i.rm, size, Shifts.shift(c, i.sub, c.regSized(i.rm, size), count, size));
            return;
        }
        int lin = c.linWrite(i.seg, ea(c, i), size);
        int v = rmwRead(c, lin, size);
        memWrite(c, lin, size, Shifts.shift(c, i.sub, v, count, size));
    }

    private static void loop(Cpu c, Insn i, boolean extra) {
        int n;
        if (i.a32) n = --c.r[ECX];
        else {
            n = (c.r[ECX] - 1) & 0xFFFF;
            c.setReg16(ECX, n);
        }
        if (n != 0 && extra) jump(c, i, c.eip + i.imm);
    }

    static int in(Cpu c, int port, int size) {
        checkIo(c, port, size);
        int v = c.io.in(port, size);
        c.attention = true;
        return v;
    }

    static void out(Cpu c, int port, int size, int v) {
        checkIo(c, port, size);
        c.io.out(port, size, v & mask(size));
        c.attention = true;
    }

    /**
     * I/O permission: CPL <= IOPL, or every port's bit clear in the TSS I/O bitmap (SDM vol. 1,
     * 19.5.2). In virtual-8086 mode the bitmap decides whatever IOPL is (SDM vol. 3, 20.2.8.1).
     */
    static void checkIo(Cpu c, int port, int size) {
        if (c.cpl <= ((c.flags >>> 12) & 3) && (c.flags & Cpu.VM) == 0) return;
        int type = (c.segAttr[Cpu.TR] >>> 8) & 0xF;
        int limit = c.segLimit[Cpu.TR];
        if ((c.segSel[Cpu.TR] & 0xFFFC) == 0 || (type & 8) == 0 || Integer.compareUnsigned(limit, 0x67) < 0) throw CpuException.gp(0);
        int mapBase = c.mmu.readSystem16(c.segBase[Cpu.TR] + 0x66) & 0xFFFF;
        int off = mapBase + (port >>> 3);
        if (Integer.compareUnsigned(off + 1, limit) > 0) throw CpuException.gp(0);
        int bits = c.mmu.readSystem16(c.segBase[Cpu.TR] + off) & 0xFFFF;
        if ((bits & (((1 << size) - 1) << (port & 7))) != 0) throw CpuException.gp(0);
    }

    /** PUSHA's store order (SDM vol. 2, PUSHA); static so the instruction allocates nothing. */
    private static final int[] PUSHA_ORDER = {EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI};

    private static void pusha(Cpu c, int size) {
        int sp = c.sp(), orig = c.r[ESP];
        int a = sp;
        for (int reg : PUSHA_ORDER) {
            a -= size;
            if (!c.stack32()) a &= 0xFFFF;
            c.writeSized(SS, a, size, reg == ESP ? orig : c.r[reg]);
        }
        c.setSp(a);
    }

    /** Reads all eight slots before writing any register, so a fault leaves no trace; the ESP slot is skipped. */
    private static void popa(Cpu c, int size) {
        int edi = c.peekStack(0, size), esi = c.peekStack(size, size), ebp = c.peekStack(2 * size, size);
        int ebx = c.peekStack(4 * size, size), edx = c.peekStack(5 * size, size), ecx = c.peekStack(6 * size, size);
        int eax = c.peekStack(7 * size, size);
        c.setSp(c.sp() + 8 * size);
        c.setRegSized(EDI, size, edi);
        c.setRegSized(ESI, size, esi);
        c.setRegSized(EBP, size, ebp);
        c.setRegSized(EBX, size, ebx);
        c.setRegSized(EDX, size, edx);
        c.setRegSized(ECX, size, ecx);
        c.setRegSized(EAX, size, eax);
    }

    private static void bound(Cpu c, Insn i) {
        int s = osize(i), off = ea(c, i);
        int idx = c.regSized(i.reg, s), lo = c.readSized(i.seg, off, s), hi = c.readSized(i.seg, off + s, s);
        if (s == 2) { idx = (short) idx; lo = (short) lo; hi = (short) hi; }
        if (idx < lo || idx > hi) throw CpuException.fault(CpuException.BR);
    }

    /** ARPL is #UD outside protected mode (SDM vol. 2, ARPL: "not recognized in virtual-8086 mode"). */
    private static void arpl(Cpu c, Insn i) {
        // "Not recognized in real-address mode" nor in virtual-8086 mode (SDM vol. 2, ARPL).
        if (c.operatingMode() != OperatingMode.PROTECTED) throw CpuException.ud();
        int d = getE(c, i, 2), s = c.r[i.reg] & 3;
        if ((d & 3) < s) {
            setE(c, i, 2, (d & ~3) | s);
            c.setFlag(Cpu.ZF, true);
        } else {
            c.setFlag(Cpu.ZF, false);
        }
    }

    private static void popEv(Cpu c, Insn i) {
        int s = osize(i), v = c.peekStack(0, s);
        int oldEsp = c.r[ESP];
        c.setSp(c.sp() + s); // an ESP-based destination address uses the incremented ESP (SDM vol. 2, POP)
        try {
            setE(c, i, s, v);
        } catch (CpuException e) {
            c.r[ESP] = oldEsp;
            throw e;
        }
    }

    private static void loadFarPointer(Cpu c, Insn i, int seg) {
        int s = osize(i), off = ea(c, i);
        int v = c.readSized(i.seg, off, s), sel = c.read16(i.seg, off + s);
        c.segments.load(seg, sel);
        c.setRegSized(i.reg, s, v);
        if (seg == SS) shadow(c);
    }

    private static void enter(Cpu c, Insn i) {
        int s = osize(i), alloc = i.imm & 0xFFFF, level = i.imm2 & 31;
        boolean s32 = c.stack32();
        int sp = c.sp(), bp = s32 ? c.r[EBP] : c.r[EBP] & 0xFFFF;
        sp -= s;
        c.writeSized(SS, s32 ? sp : sp & 0xFFFF, s, c.r[EBP]);
        int frame = sp;
        if (level > 0) {
            for (int k = 1; k < level; k++) {
                bp -= s;
                int v = c.readSized(SS, s32 ? bp : bp & 0xFFFF, s);
                sp -= s;
                c.writeSized(SS, s32 ? sp : sp & 0xFFFF, s, v);
            }
            sp -= s;
            c.writeSized(SS, s32 ? sp : sp & 0xFFFF, s, frame);
        }
        sp -= alloc;
        // The new stack top must be writable: touch it before committing (SDM vol. 2, ENTER).
        if (alloc != 0) c.linWrite(SS, s32 ? sp : sp & 0xFFFF, 1);
        c.setRegSized(EBP, s, frame);
        c.setSp(sp);
    }
}
