package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.SS;
import static i386mon.machine.cpu.Cpu.TR;
import static i386mon.machine.cpu.Descriptor.base;
import static i386mon.machine.cpu.Descriptor.dpl;
import static i386mon.machine.cpu.Descriptor.present;
import static i386mon.machine.cpu.Descriptor.writableData;

import i386mon.machine.fault.CpuException;

/**
 * The stack for a move to a more privileged level, taken from the current TSS (SDM vol. 3, 6.12.1
 * and 5.8.5): an interrupt gate or a call gate to an inner ring switches to it, and so will an
 * interrupt from virtual-8086 mode.
 */
final class InnerStacks {
    private final Cpu c;
    private final DescriptorTables tables;

    InnerStacks(Cpu c, DescriptorTables tables) {
        this.c = c;
        this.tables = tables;
    }

    /** SS:ESP for privilege level {@code level} from the current TSS ({SS, ESP}), or #TS(TR + EXT). */
    int[] fromTss(int level, int ext) {
        int type = (c.segAttr[TR] >>> 8) & 0xF;
        boolean tss32 = (type & 8) != 0;
        int off = tss32 ? 4 + level * 8 : 2 + level * 4;
        int need = tss32 ? off + 5 : off + 3;
        if ((c.segSel[TR] & 0xFFFC) == 0 || Integer.compareUnsigned(need, c.segLimit[TR]) > 0) {
            throw CpuException.fault(CpuException.TS, (c.segSel[TR] & 0xFFFC) | ext);
        }
        int b = c.segBase[TR] + off;
        if (tss32) return new int[] {c.mmu.readSystem16(b + 4) & 0xFFFF, c.mmu.readSystem32(b)};
        return new int[] {c.mmu.readSystem16(b + 2) & 0xFFFF, c.mmu.readSystem16(b) & 0xFFFF};
    }

    /**
     * The descriptor of the stack segment {@code ss} taken from the TSS for a switch to privilege
     * {@code level}: every check failure is #TS(ss + EXT), including a selector outside its table,
     * except a not-present segment, #SS(ss + EXT) (SDM vol. 2, INT n and CALL: the TSS stack checks).
     */
    long descriptor(int ss, int level, int ext) {
        if ((ss & 0xFFFC) == 0 || (ss & 3) != level || tables.address(ss) == -1) {
            throw CpuException.fault(CpuException.TS, (ss & 0xFFFC) | ext);
        }
        long sd = tables.read(ss, ext);
        int shi = (int) (sd >>> 32);
        if (dpl(shi) != level || !writableData(shi)) throw CpuException.fault(CpuException.TS, (ss & 0xFFFC) | ext);
        if (!present(shi)) throw CpuException.fault(CpuException.SS, (ss & 0xFFFC) | ext);
        return sd;
    }

    /**
     * Pushes the first {@code n} values of {@code frame} as {@code size}-byte items onto the inner
     * stack {@code ss}:{@code esp} (its descriptor {@code sd}, already checked) and makes it the
     * current stack. The gate decides the item size, the stack segment's B bit whether SP or ESP
     * moves and wraps (SDM vol. 3, 6.12.1 and 5.8.5).
     */
    void switchAndPush(int ss, int esp, long sd, int[] frame, int n, int size) {
        int slo = (int) sd, shi = (int) (sd >>> 32);
        int sbase = base(slo, shi);
        boolean s32 = (shi & 0x400000) != 0;
        int sp = esp;
        for (int k = 0; k < n; k++) {
            sp -= size;
            int a = sbase + (s32 ? sp : sp & 0xFFFF);
            if (size == 4) c.mmu.writeSystem32(a, frame[k]); else c.mmu.writeSystem16(a, frame[k]);
        }
        tables.setAccessed(ss, shi);
        tables.loadCache(SS, ss, slo, shi);
        if (s32) c.r[Cpu.ESP] = sp; else c.setReg16(Cpu.ESP, sp);
    }
}
