package i386mon.machine.storage;

/** A channel's half of the bus-master DMA engine, as the channel and its drives use it. */
interface BusMasterPort {
    /** The engine is started (command register bit 0 set) and has not finished its table. */
    boolean active();

    /**
     * Copies {@code len} bytes of {@code buf} into guest memory ({@code toMemory}) or from it, along
     * the PRD table; false (nothing copied) when the table describes fewer bytes.
     */
    boolean transfer(byte[] buf, int len, boolean toMemory);

    /**
     * The last successful {@link #transfer}'s PRD table held more whole sectors than it moved: PIIX
     * leaves the Active bit set after the command completes (QEMU's ide_dma_cb, stay_active).
     */
    boolean tableLongerThanTransfer();

    /** The transfer ended: the Active bit clears. */
    void finished();

    /** The channel raised its interrupt: the Interrupt bit sets (PIIX routes the IDE IRQ through the BMIDE block). */
    void interrupted();

    /** The command register, the status register and the PRD table address, for the monitor. */
    int command();

    int status();

    long prdTable();

    /**
     * The PRD table's first {@code max} entries as the engine reads them, to the one with the EOT
     * bit: {address, byte count (64 KiB for 0), 1 if it ends the table}; for the monitor.
     */
    java.util.List<long[]> prdEntries(int max);
}
