package i386mon.machine.pci;

/** A block of registers an I/O BAR decodes, addressed by offset within the BAR (the PIIX IDE bus-master block at BAR4). */
public interface IoWindow {
    int read(int offset, int size);

    void write(int offset, int size, int value);
}
