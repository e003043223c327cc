package i386mon.machine.cpu;

/**
 * What the CPU asks for maskable interrupts (INTR): on a board, the interrupt router's input for
 * this CPU, behind which sit the 8259A pair today and a local APIC later.
 */
public interface InterruptSource {
    /** True if an unmasked interrupt is requested and would be given on acknowledge. */
    boolean hasInterrupt();

    /** The INTA cycle: returns the vector and moves the request to in-service. */
    int acknowledge();

    /** Takes a pending NMI (a local APIC's LINT1 or an NMI IPI): true once per NMI. */
    default boolean takeNmi() { return false; }
}
