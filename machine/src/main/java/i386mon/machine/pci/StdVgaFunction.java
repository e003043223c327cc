package i386mon.machine.pci;

import i386mon.machine.memory.MmioDevice;

/**
 * 00:02.0, QEMU's std VGA ({@code -vga std}): 1234:1111 revision 2, class 0300, QEMU's subsystem
 * IDs. BAR0 is the 16 MiB prefetchable framebuffer (the video RAM, linear), BAR2 the 4 KiB
 * register block QEMU adds (the VGA ports at 0x400, the VBE registers at 0x500, its extension
 * registers at 0x600), and the expansion ROM holds the VGA BIOS (Debian's
 * {@code vgabios-stdvga.bin}, QEMU's romfile for this device) for the firmware to copy to
 * 0xC0000 and run. Each region decodes where its BAR says, as the guest moves it.
 */
public final class StdVgaFunction extends PciFunction {
    public static final int DEVICE = 2, VENDOR = 0x1234, DEVICE_ID = 0x1111, CLASS_VGA = 0x030000;
    public static final int FRAMEBUFFER_BAR = 0, REGISTERS_BAR = 2;
    public static final int FRAMEBUFFER_SIZE = 16 << 20, REGISTERS_SIZE = 4096;
    /** QEMU's romfile for the device, from Debian's seabios package. */
    public static final String VGA_BIOS = "/usr/share/seabios/vgabios-stdvga.bin";

    private final transient MemoryBar framebuffer;
    private final transient MemoryBar registers;
    private final transient MemoryBar rom;

    /**
     * The function over {@code framebuffer} (the linear video RAM) and {@code registers} (the
     * BAR2 block), with {@code romImage} in its expansion ROM (none if null or empty).
     */
    public StdVgaFunction(MmioDevice framebuffer, MmioDevice registers, byte[] romImage) {
        super(DEVICE, 0, VENDOR, DEVICE_ID, CLASS_VGA, 0x02);
        bar(FRAMEBUFFER_BAR, BarKind.PREFETCHABLE_MEMORY, FRAMEBUFFER_SIZE);
        bar(REGISTERS_BAR, BarKind.MEMORY, REGISTERS_SIZE);
        this.framebuffer = new MemoryBar(FRAMEBUFFER_SIZE, framebuffer);
        this.registers = new MemoryBar(REGISTERS_SIZE, registers);
        if (romImage != null && romImage.length > 0) {
            int size = Math.max(Integer.highestOneBit(romImage.length - 1) << 1, 2048); // QEMU rounds the ROM BAR up to a power of two
            romBar(size);
            this.rom = new MemoryBar(size, new Rom(romImage.clone()));
        } else {
            this.rom = null;
        }
    }

    @Override
    void attached(i386mon.machine.board.Board board) {
        framebuffer.attach(board);
        registers.attach(board);
        if (rom != null) rom.attach(board);
        written(0, 256);
    }

    @Override
    protected void written(int offset, int size) {
        framebuffer.moveTo(barAddress(FRAMEBUFFER_BAR));
        registers.moveTo(barAddress(REGISTERS_BAR));
        if (rom != null) rom.moveTo(barAddress(ROM_BAR));
    }

    /** The expansion ROM's contents: the image, zeros after it; writes are dropped. */
    private record Rom(byte[] image) implements MmioDevice {
        @Override
        public int read(long offset, int size) {
            int v = 0;
            for (int i = 0; i < size; i++) v |= peek(offset + i) << 8 * i;
            return v;
        }

        @Override
        public void write(long offset, int size, int value) { }

        @Override
        public int peek(long offset) { return offset < image.length ? image[(int) offset] & 0xFF : 0; }
    }
}
