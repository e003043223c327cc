package i386mon.machine.cpu;

/** What CPUID leaf 1 reports, for firmware that copies it into its tables (the MP processor entries). */
public final class CpuIdentity {
    private CpuIdentity() { }

    /** Leaf 1 EAX: stepping, model, family. */
    public static int signature() { return leaf1()[Cpu.EAX]; }

    /** Leaf 1 EDX: the feature flags. */
    public static int features() { return leaf1()[Cpu.EDX]; }

    private static int[] leaf1() {
        int[] r = new int[8];
        r[Cpu.EAX] = 1;
        Cpuid.execute(r, true); // at power-on the local APIC is enabled (IA32_APIC_BASE bit 11)
        return r;
    }
}
