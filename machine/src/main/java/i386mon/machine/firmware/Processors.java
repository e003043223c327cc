package i386mon.machine.firmware;

/**
 * The CPUs the tables describe: how many (local APIC ids 0 to count-1, CPU 0 the bootstrap
 * processor) and what CPUID leaf 1 reports on them (signature in EAX, feature flags in EDX), which
 * the BIOS copies into the MP processor entries.
 */
public record Processors(int count, int signature, int features) {
    /** The most CPUs the machine can have (the issue's {@code -smp 1..8}). */
    public static final int MAX = 8;

    public Processors {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("the number of CPUs must be between 1 and " + MAX + ", not " + count);
        }
    }
}
