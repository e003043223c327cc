package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.L_ADD;
import static i386mon.machine.cpu.Cpu.L_SUB;

/** The specialised handlers {@link Specializer} selects: straight-line 32-bit register forms. */
final class FastOps {
    private FastOps() { }

    static void execute(Cpu c, Insn i) {
        int[] r = c.r;
        switch (i.op) {
            case ADD32_RR: { int d = r[i.dst], s = r[i.src], res = d + s; r[i.dst] = res; c.lazy32(L_ADD, res, d, s); return; }
            case SUB32_RR: { int d = r[i.dst], s = r[i.src], res = d - s; r[i.dst] = res; c.lazy32(L_SUB, res, d, s); return; }
            case CMP32_RR: { int d = r[i.dst], s = r[i.src]; c.lazy32(L_SUB, d - s, d, s); return; }
            case OR32_RR: { int res = r[i.dst] | r[i.src]; r[i.dst] = res; c.logic32(res); return; }
            case AND32_RR: { int res = r[i.dst] & r[i.src]; r[i.dst] = res; c.logic32(res); return; }
            case XOR32_RR: { int res = r[i.dst] ^ r[i.src]; r[i.dst] = res; c.logic32(res); return; }
            case TEST32_RR: c.logic32(r[i.dst] & r[i.src]); return;
            case ADD32_RI: { int d = r[i.dst], s = i.imm, res = d + s; r[i.dst] = res; c.lazy32(L_ADD, res, d, s); return; }
            case SUB32_RI: { int d = r[i.dst], s = i.imm, res = d - s; r[i.dst] = res; c.lazy32(L_SUB, res, d, s); return; }
            case CMP32_RI: { int d = r[i.dst], s = i.imm; c.lazy32(L_SUB, d - s, d, s); return; }
            case OR32_RI: { int res = r[i.dst] | i.imm; r[i.dst] = res; c.logic32(res); return; }
            case AND32_RI: { int res = r[i.dst] & i.imm; r[i.dst] = res; c.logic32(res); return; }
            case XOR32_RI: { int res = r[i.dst] ^ i.imm; r[i.dst] = res; c.logic32(res); return; }
            case INC32_R: { int d = r[i.dst]; r[i.dst] = d + 1; c.incDec32(Cpu.L_INC, d + 1, d); return; }
            case DEC32_R: { int d = r[i.dst]; r[i.dst] = d - 1; c.incDec32(Cpu.L_DEC, d - 1, d); return; }
            case MOV32_RR: r[i.dst] = r[i.src]; return;
            case MOV32_RI: r[i.dst] = i.imm; return;
            case MOV32_RM: r[i.dst] = c.read32(i.seg, Executor.ea(c, i)); return;
            case MOV32_MR: c.write32(i.seg, Executor.ea(c, i), r[i.src]); return;
            case ROL32_RI: {
                int n = i.imm & 31;
                if (n == 0) return;
                int res = Integer.rotateLeft(r[i.dst], n);
                r[i.dst] = res;
                c.carryOverflow((res & 1) != 0, ((res >>> 31) ^ res & 1) != 0);
                return;
            }
            case SHL32_RI: r[i.dst] = shl32(c, r[i.dst], i.imm & 31); return;
            case SHR32_RI: r[i.dst] = shr32(c, r[i.dst], i.imm & 31); return;
            case SAR32_RI: r[i.dst] = sar32(c, r[i.dst], i.imm & 31); return;
            case PUSH32_R: c.push32(r[i.dst]); return;
            case POP32_R: { int v = c.pop(4); r[i.dst] = v; return; }
            default: throw new IllegalStateException("no fast handler for " + i.entry);
        }
    }

    // The 32-bit shifts by a masked count n (0-31), shared with compiled code: the result, and the
    // flags Shifts sets for a 32-bit operand (none for a count of 0).

    static int shl32(Cpu c, int v, int n) {
        if (n == 0) return v;
        int res = v << n;
        boolean cf = ((v >>> (32 - n)) & 1) != 0;
        c.result32(res, cf, (res < 0) != cf);
        return res;
    }

    static int shr32(Cpu c, int v, int n) {
        if (n == 0) return v;
        int before = v >>> (n - 1), res = v >>> n;
        c.result32(res, (before & 1) != 0, ((before ^ res) & 0x8000_0000) != 0);
        return res;
    }

    static int sar32(Cpu c, int v, int n) {
        if (n == 0) return v;
        int res = v >> n;
        c.result32(res, ((v >> (n - 1)) & 1) != 0, false);
        return res;
    }
}
