package i386mon.machine.cpu;

/**
 * CPUID: a documented P6-class processor ("GenuineIntel", family 6 model 3, Pentium II class) with
 * exactly the features this CPU implements: FPU (probe/init subset), DE, PSE, TSC, MSR, PAE, CX8,
 * PGE, CMOV, and NX in the extended leaf (for PAE's execute-disable); APIC when a local APIC is
 * wired and globally enabled.
 */
final class Cpuid {
    private Cpuid() { }

    static final long EFER_NXE = 1L << 11;
    static final int FEATURES_EDX = 1 /* FPU */ | 1 << 2 /* DE */ | 1 << 3 /* PSE */ | 1 << 4 /* TSC */
            | 1 << 5 /* MSR */ | 1 << 6 /* PAE */ | 1 << 8 /* CX8 */ | 1 << 13 /* PGE */ | 1 << 15 /* CMOV */;
    static final int SIGNATURE = 0x0633; // family 6, model 3, stepping 3
    static final int EXT_NX = 1 << 20;
    /** EDX bit 9: an enabled local APIC (clear while IA32_APIC_BASE's global enable is off). */
    static final int APIC = 1 << 9;

    /** Fills EAX, EBX, ECX, EDX for leaf EAX (sub-leaf ECX unused by these leaves). */
    static void execute(int[] r, boolean apic) {
        int leaf = r[Cpu.EAX];
        int a = 0, b = 0, c = 0, d = 0;
        switch (leaf) {
            case 0:
                a = 1;
                b = 0x756E6547; // "Genu"
                d = 0x49656E69; // "ineI"
                c = 0x6C65746E; // "ntel"
                break;
            case 1:
                a = SIGNATURE;
                d = FEATURES_EDX | (apic ? APIC : 0);
                break;
            case 0x80000000:
                a = 0x80000001;
                break;
            case 0x80000001:
                d = EXT_NX;
                break;
            default:
                // Above the maximum leaf Intel CPUs return the highest basic leaf's data (SDM vol. 2, CPUID).
                a = SIGNATURE;
                d = FEATURES_EDX;
                break;
        }
        r[Cpu.EAX] = a;
        r[Cpu.EBX] = b;
        r[Cpu.ECX] = c;
        r[Cpu.EDX] = d;
    }
}
