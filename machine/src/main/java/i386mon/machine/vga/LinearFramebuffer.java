package i386mon.machine.vga;

import i386mon.machine.memory.MmioDevice;

/** The video RAM as the PCI framebuffer BAR shows it: plain memory, byte {@code n} at offset {@code n}. */
public final class LinearFramebuffer implements MmioDevice {
    private final transient VgaMemory memory;

    public LinearFramebuffer(VgaMemory memory) { this.memory = memory; }

    @Override
    public int read(long offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) v |= memory.byteAt((int) offset + i) << 8 * i;
        return v;
    }

    @Override
    public void write(long offset, int size, int value) {
        for (int i = 0; i < size; i++) memory.setByte((int) offset + i, value >>> 8 * i);
    }

    @Override
    public int peek(long offset) { return memory.byteAt((int) offset); }

    @Override
    public boolean poke(long offset, int value) {
        memory.setByte((int) offset, value);
        return true;
    }
}
