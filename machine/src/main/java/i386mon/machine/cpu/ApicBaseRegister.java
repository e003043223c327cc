package i386mon.machine.cpu;

/**
 * IA32_APIC_BASE (MSR 0x1B) as the CPU's local APIC implements it: RDMSR/WRMSR 0x1B reach it,
 * and CPUID.1:EDX.APIC follows its global enable bit (SDM vol. 3, 10.4.3).
 */
public interface ApicBaseRegister {
    int MSR = 0x1B;
    long ENABLE = 1L << 11;

    long readApicBase();

    /** Writes the MSR; a reserved bit set raises #GP(0) (thrown by the implementation as {@code false}). */
    boolean writeApicBase(long value);
}
