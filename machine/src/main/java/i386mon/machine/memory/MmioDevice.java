package i386mon.machine.memory;

/** A device that answers physical memory accesses in its region. Offsets are region-relative. */
public interface MmioDevice {
    int read(long offset, int size);

    void write(long offset, int size, int value);
}
