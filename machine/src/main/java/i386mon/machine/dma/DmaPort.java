package i386mon.machine.dma;

/**
 * A granted channel as its device sees it: each byte moved advances the channel's address and
 * counts down its count; at terminal count the channel stops (or reloads, in auto-initialize
 * mode) and the rest of a request is not moved.
 */
public interface DmaPort {
    /** Bytes the channel moves before it reaches terminal count. */
    int remaining();

    /** Device to memory (the channel programmed for a write transfer): returns the bytes moved. */
    int toMemory(byte[] data, int offset, int length);

    /** Memory to device (the channel programmed for a read transfer): returns the bytes moved. */
    int fromMemory(byte[] data, int offset, int length);

    /** True once a move reached terminal count (the 8237's EOP): the device ends its transfer. */
    boolean terminalCount();
}
