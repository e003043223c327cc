package i386mon.machine.cpu;

/** What the CPU asks for maskable interrupts (INTR): the master PIC. */
public interface InterruptSource {
    /** True if an unmasked interrupt is requested and would be given on acknowledge. */
    boolean hasInterrupt();

    /** The INTA cycle: returns the vector and moves the request to in-service. */
    int acknowledge();
}
