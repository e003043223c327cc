package i386mon.machine.memory;

/** A device that answers physical memory accesses in its region. Offsets are region-relative. */
public interface MmioDevice {
    int read(long offset, int size);

    void write(long offset, int size, int value);

    /**
     * The byte at {@code offset} as the monitor inspects it: what a guest read would return, with
     * no side effect (a VGA read loads latches, an APIC register read may acknowledge); -1 when
     * the device cannot be read that way (the default: such a region is not inspectable).
     */
    default int peek(long offset) { return -1; }

    /** The monitor's write of byte {@code value} at {@code offset}, without side effects; false if the device has none. */
    default boolean poke(long offset, int value) { return false; }
}
