package i386mon.machine.cpu;

/**
 * Debugging hooks into the run loop (instruction history, watchpoints). Installed only while in
 * use: without one the CPU pays a single null check per instruction. Must not throw.
 */
public interface ExecutionObserver {
    /** Instruction at CS:{@code eip} is about to be fetched and executed. */
    void beforeInstruction(int eip);

    /**
     * Delivery of {@code vector} through the IDT is being attempted: an exception (with its error
     * code if {@code hasErrorCode}), a hardware interrupt, or a software INT n.
     */
    void delivering(int vector, int errorCode, boolean hasErrorCode, boolean hardware, boolean software);
}
