package i386mon.machine.storage;

/** What a drive asks of the channel it sits on. */
interface AtaBus {
    /** Raises the channel's interrupt line, unless the guest set nIEN. */
    void raiseIrq();

    /** Sectors moved between drive {@code unit} and its image, for the history's marks. */
    void transferred(int unit, boolean write, long lba, int count);

    /** A DMA command is ready: runs it now if the bus master is already started. */
    void dmaReady();
}
