package i386mon.machine.cpu;

/**
 * Delivery of one interrupt or exception to its handler, which depends on the mode: protected mode
 * goes through an IDT gate, switching to an inner stack from the TSS
 * ({@link ProtectedModeInterrupts}); real mode through the interrupt vector table; virtual-8086
 * mode through the IDT to ring 0 with the segment registers on the frame. What happens when a
 * delivery itself faults (a double fault, a triple fault) is the same in every mode and is decided
 * by the CPU around this call ({@code Cpu.raise}).
 */
interface InterruptDelivery {
    /** Delivery kinds: they decide the EXT bit of error codes and the gate-DPL check. */
    int EXCEPTION = 0, HARDWARE = 1, SOFTWARE = 2, ICEBP = 3;

    /**
     * Delivers {@code vector} with {@code err} pushed when {@code hasErr}; the handler returns to
     * {@code returnEip}. Commits nothing unless the whole frame is written.
     */
    void deliver(int vector, int err, boolean hasErr, int kind, int returnEip);
}
