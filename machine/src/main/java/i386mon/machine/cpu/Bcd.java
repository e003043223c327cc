package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;

import i386mon.machine.fault.CpuException;

/** The decimal-adjust instructions, as the SDM's pseudocode defines them (vol. 2, AAA AAD AAM AAS DAA DAS). */
final class Bcd {
    private Bcd() { }

    static void daa(Cpu c) {
        int al = c.r[EAX] & 0xFF, oldAl = al;
        boolean oldCf = c.cf(), cf = false, af = false;
        if ((al & 0xF) > 9 || c.af()) {
            al += 6;
            cf = oldCf || al > 0xFF;
            af = true;
        }
        if (oldAl > 0x99 || oldCf) {
            al += 0x60;
            cf = true;
        }
        finish(c, al & 0xFF, cf, af);
    }

    static void das(Cpu c) {
        int al = c.r[EAX] & 0xFF, oldAl = al;
        boolean oldCf = c.cf(), cf = false, af = false;
        if ((al & 0xF) > 9 || c.af()) {
            cf = oldCf || al < 6;
            al -= 6;
            af = true;
        }
        if (oldAl > 0x99 || oldCf) {
            al -= 0x60;
            cf = true;
        }
        finish(c, al & 0xFF, cf, af);
    }

    private static void finish(Cpu c, int al, boolean cf, boolean af) {
        c.setReg8(EAX, al);
        c.setResultFlags(al, 1, cf, false);
        c.flags = (c.flags & ~AF) | (af ? AF : 0);
    }

    static void aaa(Cpu c) {
        adjust(c, true);
    }

    static void aas(Cpu c) {
        adjust(c, false);
    }

    private static void adjust(Cpu c, boolean add) {
        int ax = c.r[EAX] & 0xFFFF;
        boolean adj = (ax & 0xF) > 9 || c.af();
        if (adj) ax = add ? ax + 0x106 : ax - 0x106;
        c.setReg16(EAX, ax & 0xFF0F);
        // OF SF ZF PF are undefined (SDM); they keep their values, as in QEMU.
        c.materialize();
        c.flags = (c.flags & ~(AF | CF)) | (adj ? AF | CF : 0);
    }

    static void aam(Cpu c, int base) {
        base &= 0xFF;
        if (base == 0) throw CpuException.fault(CpuException.DE);
        int al = c.r[EAX] & 0xFF;
        int res = al % base;
        c.setReg16(EAX, (al / base) << 8 | res);
        c.setResultFlags(res, 1, false, false);
    }

    static void aad(Cpu c, int base) {
        int ax = c.r[EAX];
        int res = (((ax >>> 8) & 0xFF) * (base & 0xFF) + (ax & 0xFF)) & 0xFF;
        c.setReg16(EAX, res);
        c.setResultFlags(res, 1, false, false);
    }
}
