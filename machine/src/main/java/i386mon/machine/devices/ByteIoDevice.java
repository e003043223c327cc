package i386mon.machine.devices;

import i386mon.machine.io.IoDevice;

/**
 * A device with 8-bit registers. A 16- or 32-bit access is split into byte accesses at consecutive
 * ports, as the ISA bus does for an 8-bit device; bytes beyond the device's own ports read 0xFF.
 */
abstract class ByteIoDevice implements IoDevice {
    private final int first;
    private final int count;

    ByteIoDevice(int first, int count) {
        this.first = first;
        this.count = count;
    }

    /** First port of the device. */
    public final int firstPort() { return first; }

    /** Number of ports the device decodes. */
    public final int portCount() { return count; }

    abstract int inb(int offset);

    abstract void outb(int offset, int value);

    @Override
    public final int in(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            int off = port + i - first;
            int b = off >= 0 && off < count ? inb(off) & 0xFF : 0xFF;
            v |= b << (8 * i);
        }
        return v;
    }

    @Override
    public final void out(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            int off = port + i - first;
            if (off >= 0 && off < count) outb(off, (value >>> (8 * i)) & 0xFF);
        }
    }
}
