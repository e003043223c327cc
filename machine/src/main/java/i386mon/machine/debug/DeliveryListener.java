package i386mon.machine.debug;

/**
 * Told of each interrupt or exception delivery a CPU begins, before it reads the IDT: for a log of
 * deliveries such as QEMU's {@code -d int}. Installing one makes the CPU report every instruction
 * (compiled blocks are not used meanwhile), as the history does.
 */
public interface DeliveryListener {
    /**
     * CPU {@code cpu} begins delivering {@code vector}: a hardware interrupt, a software INT n, or
     * else an exception (with its error code if {@code hasErrorCode}). {@code eip} is the instruction
     * it interrupts: the INT n itself, the faulting instruction, or the next one for hardware.
     * {@code during} is the vector whose delivery failed with this one (SDM vol. 3, 6.15, table 6-5:
     * an exception while delivering another), or -1.
     */
    void delivering(int cpu, int vector, int errorCode, boolean hasErrorCode, boolean hardware, boolean software, int eip, int during);
}
