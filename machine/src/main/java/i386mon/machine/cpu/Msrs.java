package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/** The model-specific registers kernels touch; any other MSR raises #GP(0) (SDM vol. 4). */
final class Msrs {
    static final int TSC = 0x10, PLATFORM_ID = 0x17, BIOS_SIGN_ID = 0x8B, EFER = 0xC0000080;
    private final Cpu cpu;

    Msrs(Cpu cpu) { this.cpu = cpu; }

    long read(int msr) {
        switch (msr) {
            case TSC: return cpu.tsc();
            case PLATFORM_ID: return 0;
            case BIOS_SIGN_ID: return cpu.microcodeSignature;
            case EFER: return cpu.efer;
            case ApicBaseRegister.MSR:
                if (cpu.apicBase == null) throw CpuException.gp(0);
                return cpu.apicBase.readApicBase();
            default: throw CpuException.gp(0);
        }
    }

    void write(int msr, long v) {
        switch (msr) {
            case TSC: cpu.tscOffset = v - (cpu.tsc() - cpu.tscOffset); return;
            case BIOS_SIGN_ID: cpu.microcodeSignature = v; return;
            case EFER:
                // Only NXE exists on this 32-bit CPU (CPUID 0x80000001 EDX.NX); other bits are reserved.
                if ((v & ~Cpuid.EFER_NXE) != 0) throw CpuException.gp(0);
                cpu.efer = v;
                cpu.controlChanged();
                return;
            case ApicBaseRegister.MSR:
                if (cpu.apicBase == null || !cpu.apicBase.writeApicBase(v)) throw CpuException.gp(0);
                cpu.attention = true; // enabling or disabling the APIC changes what INTR delivers
                return;
            default: throw CpuException.gp(0);
        }
    }
}
