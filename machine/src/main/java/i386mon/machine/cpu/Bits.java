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

    /**
     * BSF/BSR: a zero source sets ZF and leaves the destination unchanged (as P6 processors do). The
     * other flags are undefined; like QEMU they follow the source as a logic result would (SF, PF of
     * the source, CF = OF = AF = 0).
     */
    static void scan(Cpu c, Insn i, boolean forward) {
        int size = Executor.osize(i), v = Executor.getE(c, i, size);
        c.setResultFlags(v, size, false, false);
        if (v == 0) return;
        int idx = forward ? Integer.numberOfTrailingZeros(v) : 31 - Integer.numberOfLeadingZeros(v);
        c.setRegSized(i.reg, size, idx);
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
        // before: the operand after count-1 steps; MSB(before XOR result) is OF (SDM for a count of 1,
        // QEMU's choice for larger counts, where OF is undefined).
        int res, before;
        boolean cf;
        if (size == 2) {
            // Counts above 16 (result undefined, SDM) shift dest:src:dest, as Intel CPUs and QEMU do.
            long x = dl << 32 | sl << 16 | dl;
            if (left) {
                res = (int) (x >>> (32 - count)) & 0xFFFF;
                before = (int) (x >>> (33 - count)) & 0xFFFF;
                cf = ((x >>> (48 - count)) & 1) != 0;
            } else {
                res = (int) (x >>> count) & 0xFFFF;
                before = (int) ((x & 0xFFFF_FFFFL) >>> (count - 1)) & 0xFFFF;
                cf = ((x >>> (count - 1)) & 1) != 0;
            }
        } else if (left) {
            // (d:s) << count in 64 bits would lose the last bit out: it is bit (32 - count) of d.
            res = (int) (dl << count | sl >>> (bits - count));
            before = (int) (dl << (count - 1));
            cf = ((dl >>> (bits - count)) & 1) != 0;
        } else {
            res = (int) ((sl << bits | dl) >>> count);
            before = (int) (dl >>> (count - 1));
            cf = ((dl >>> (count - 1)) & 1) != 0;
        }
        int sign = Cpu.signBit(size);
        c.setResultFlags(res, size, cf, ((res ^ before) & sign) != 0);
        if (i.mod == 3) c.setRegSized(i.rm, size, res); else Executor.memWrite(c, lin, size, res);
    }
}
