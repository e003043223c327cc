package i386mon.machine.pci;

import i386mon.machine.io.IoBus;

/** Configuration reads and writes through 0xCF8/0xCFC, as a guest makes them. */
final class ConfigCycles {
    private final IoBus io;

    ConfigCycles(IoBus io) { this.io = io; }

    int read(int dev, int fn, int reg, int size) {
        io.out(0xCF8, 4, 0x8000_0000 | dev << 11 | fn << 8 | reg & 0xFC);
        return io.in(0xCFC + (reg & 3), size);
    }

    void write(int dev, int fn, int reg, int size, int value) {
        io.out(0xCF8, 4, 0x8000_0000 | dev << 11 | fn << 8 | reg & 0xFC);
        io.out(0xCFC + (reg & 3), size, value);
    }
}
