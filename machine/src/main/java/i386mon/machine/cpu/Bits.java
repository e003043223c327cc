package i386mon.machine.cpu;

/** BT/BTS/BTR/BTC, BSF/BSR and SHLD/SHRD. */
final class Bits {
    private Bits() { }

    /**
     * Bit test on kind 0 BT, 1 BTS, 2 BTR, 3 BTC. With a register bit offset and a memory operand
     * the offset is signed and may reach beyond the operand (SDM vol. 2, BT: bit base addressing).
     */
    static void bit(Cpu c, Insn i, int kind, int offset, boolean fromRegister) {
        int size = Executor.osize(i), bits = size * 8;
        if (i.mod == 3) {
            int v = c.regSized(i.rm, size), b = offset & (bits - 1);
            c.setFlag(Cpu.CF, ((v >>> b) & 1) != 0);
            if (kind != 0) c.setRegSized(i.rm, size, modify(kind, v, b));
            return;
        }
        int off = Executor.ea(c, i), b;
        if (fromRegister) {
            int o = size == 4 ? offset : (short) offset;
            off += (o >> (size == 4 ? 5 : 4)) * size;
            if (!i.a32) off &= 0xFFFF;
            b = o & (bits - 1);
        } else {
            b = offset & (bits - 1);
        }
        if (kind == 0) {
            c.setFlag(Cpu.CF, ((c.readSized(i.seg, off, size) >>> b) & 1) != 0);
            return;
        }
        int lin = c.linWrite(i.seg, off, size);
        int v = Executor.rmwRead(c, lin, size);
        Executor.memWrite(c, lin, size, modify(kind, v, b));
        c.setFlag(Cpu.CF, ((v >>> b) & 1) != 0);
    }

    private static int modify(int kind, int v, int b) {
        switch (kind) {
            case 1: return v | 1 << b;
            case 2: return v & ~(1 << b);
            default: return v ^ 1 << b;
        }
    }

    /** BSF/BSR: a zero source sets ZF and leaves the destination unchanged (as P6 processors do). */
    static void scan(Cpu c, Insn i, boolean forward) {
        int size = Executor.osize(i), v = Executor.getE(c, i, size);
        if (v == 0) {
            c.setFlag(Cpu.ZF, true);
            return;
        }
        int idx = forward ? Integer.numberOfTrailingZeros(v) : 31 - Integer.numberOfLeadingZeros(v);
        c.setRegSized(i.reg, size, idx);
        c.setResultFlags(1, 4, false, false); // ZF=0; the other flags are undefined
    }

    /** SHLD/SHRD: count masked to 5 bits, 0 leaves flags alone; CF is the last bit shifted out. */
    static void shiftDouble(Cpu c, Insn i, int count, boolean left) {
        int size = Executor.osize(i), bits = size * 8;
        count &= 0x1F;
        int lin = 0, d;
        if (i.mod == 3) d = c.regSized(i.rm, size);
        else {
            lin = c.linWrite(i.seg, Executor.ea(c, i), size);
            d = Executor.rmwRead(c, lin, size);
        }
        if (count == 0) return;
        long dl = d & 0xFFFF_FFFFL & Cpu.mask(size), sl = c.r[i.reg] & 0xFFFF_FFFFL & Cpu.mask(size);
        int res;
        boolean cf;
        if (left) {
            long t = (dl << bits | sl) << count;
            res = (int) (t >>> bits) & Cpu.mask(size);
            cf = ((t >>> (2 * bits)) & 1) != 0;
        } else {
            long t = sl << bits | dl;
            res = (int) (t >>> count) & Cpu.mask(size);
            cf = ((t >>> (count - 1)) & 1) != 0;
        }
        int sign = Cpu.signBit(size);
        c.setResultFlags(res, size, cf, ((res ^ d) & sign) != 0);
        if (i.mod == 3) c.setRegSized(i.rm, size, res); else Executor.memWrite(c, lin, size, res);
    }
}
