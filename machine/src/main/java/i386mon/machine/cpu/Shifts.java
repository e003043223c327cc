package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.OF;

/**
 * SHL/SHR/SAR/ROL/ROR/RCL/RCR (SDM vol. 2, SAL/SAR/SHL/SHR and RCL/RCR/ROL/ROR). The count is
 * masked to 5 bits; a masked count of 0 changes no flag. Rotates change only CF and OF. Where the
 * SDM leaves OF undefined (counts above 1) it is computed as QEMU does: MSB(operand shifted by count-1
 * XOR result) for shifts, MSB(operand XOR result) for RCL/RCR.
 */
final class Shifts {
    private Shifts() { }

    static int shift(Cpu c, int kind, int v, int count, int size) {
        count &= 0x1F;
        if (count == 0) return v;
        int bits = size * 8, m = Cpu.mask(size), sign = Cpu.signBit(size);
        v &= m;
        switch (kind) {
            case 0: { // ROL
                int n = count % bits;
                int res = n == 0 ? v : ((v << n) | (v >>> (bits - n))) & m;
                boolean cf = (res & 1) != 0;
                rotateFlags(c, cf, ((res & sign) != 0) != cf);
                return res;
            }
            case 1: { // ROR
                int n = count % bits;
                int res = n == 0 ? v : ((v >>> n) | (v << (bits - n))) & m;
                boolean msb = (res & sign) != 0, next = (res & (sign >>> 1)) != 0;
                rotateFlags(c, msb, msb != next);
                return res;
            }
            case 2: { // RCL: a (bits+1)-bit rotate through CF
                int n = count % (bits + 1);
                if (n == 0) return v;
                long all = (1L << (bits + 1)) - 1;
                long x = (c.cf() ? 1L << bits : 0) | (v & 0xFFFF_FFFFL); // v zero-extended: bit 31 must not smear
                x = ((x << n) | (x >>> (bits + 1 - n))) & all;
                int res = (int) x & m;
                // OF = MSB(operand XOR result): for a count of 1 this is the SDM's MSB(DEST) XOR CF,
                // for larger counts (OF undefined) it is what QEMU computes.
                rotateFlags(c, ((x >>> bits) & 1) != 0, ((v ^ res) & sign) != 0);
                return res;
            }
            case 3: { // RCR: OF = MSB(operand XOR result), for a count of 1 the SDM's MSB(DEST) XOR CF before the rotate
                int n = count % (bits + 1);
                if (n == 0) return v;
                boolean cfIn = c.cf();
                long all = (1L << (bits + 1)) - 1;
                long x = (cfIn ? 1L << bits : 0) | (v & 0xFFFF_FFFFL);
                x = ((x >>> n) | (x << (bits + 1 - n))) & all;
                int res = (int) x & m;
                rotateFlags(c, ((x >>> bits) & 1) != 0, ((v ^ res) & sign) != 0);
                return res;
            }
            case 4: case 6: { // SHL/SAL
                long t = (long) v << count;
                int res = (int) t & m;
                boolean cf = ((t >>> bits) & 1) != 0;
                c.setResultFlags(res, size, cf, ((res & sign) != 0) != cf);
                return res;
            }
            case 5: { // SHR
                int before = v >>> (count - 1);
                int res = (v >>> count) & m;
                c.setResultFlags(res, size, (before & 1) != 0, ((before ^ res) & sign) != 0);
                return res;
            }
            default: { // SAR
                int sv = size == 4 ? v : size == 2 ? (short) v : (byte) v;
                int res = (sv >> count) & m;
                c.setResultFlags(res, size, ((sv >> (count - 1)) & 1) != 0, false);
                return res;
            }
        }
    }

    private static void rotateFlags(Cpu c, boolean cf, boolean of) {
        c.materialize();
        c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
    }
}
