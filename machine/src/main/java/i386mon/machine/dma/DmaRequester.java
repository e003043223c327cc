package i386mon.machine.dma;

/** A device wired to a DMA channel: it moves its data while the controller grants it the channel. */
public interface DmaRequester {
    /**
     * The channel is granted (the device holds DREQ, the channel is unmasked and the controller
     * enabled): move data through {@code port} now. The device releases the request itself when
     * its transfer is done ({@link Dma8237#release}).
     */
    void dmaGranted(DmaPort port);
}
