package i386mon.machine.vga;

import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.MmioDevice;

/**
 * The 4 KiB register block behind the std VGA's BAR2, laid out as QEMU's pci_std_vga_mmio_region_init:
 * 0x400-0x41F the VGA ports 0x3C0-0x3DF, 0x500-0x515 the VBE registers (register i at 0x500 + 2i,
 * 16 bits each), 0x600 QEMU's extension registers (their size, 8, then the framebuffer byte order:
 * little endian). The rest (QEMU's EDID blob at 0) reads 0 here.
 */
public final class QemuVgaRegisters implements MmioDevice {
    private static final int PORTS = 0x400, VBE = 0x500, VBE_END = VBE + 2 * BochsVbe.VIDEO_MEMORY_64K + 2, QEXT = 0x600;
    static final int QEXT_SIZE = 8, LITTLE_ENDIAN = 0x1E1E1E1E;

    private final transient IoDevice vgaPorts;
    private final transient BochsVbe vbe;

    public QemuVgaRegisters(IoDevice vgaPorts, BochsVbe vbe) {
        this.vgaPorts = vgaPorts;
        this.vbe = vbe;
    }

    @Override
    public int read(long offset, int size) {
        int o = (int) offset;
        if (o >= PORTS && o < PORTS + 0x20) return vgaPorts.in(0x3C0 + o - PORTS, size);
        if (o >= VBE && o < VBE_END) {
            int v = vbe.register((o - VBE) >> 1) | (size == 4 ? vbe.register((o - VBE >> 1) + 1) << 16 : 0);
            return size == 1 ? v >>> 8 * (o & 1) & 0xFF : v;
        }
        if (o == QEXT && size == 4) return QEXT_SIZE;
        if (o == QEXT + 4 && size == 4) return LITTLE_ENDIAN;
        return 0;
    }

    @Override
    public void write(long offset, int size, int value) {
        int o = (int) offset;
        if (o >= PORTS && o < PORTS + 0x20) {
            vgaPorts.out(0x3C0 + o - PORTS, size, value);
        } else if (o >= VBE && o < VBE_END) {
            vbe.setRegister((o - VBE) >> 1, size == 1 ? (value & 0xFF) << 8 * (o & 1) : value & 0xFFFF);
            if (size == 4) vbe.setRegister(((o - VBE) >> 1) + 1, value >>> 16);
        }
    }
}
