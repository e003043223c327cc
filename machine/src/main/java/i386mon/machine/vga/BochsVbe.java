package i386mon.machine.vga;

import i386mon.machine.io.IoDevice;

/**
 * The Bochs VBE ("DISPI") interface of QEMU's std VGA: a 16-bit index at port 0x1CE and the data
 * register at 0x1CF (0x1D0 too, as on QEMU's x86 machines). Registers: ID (0xB0C0-0xB0C5 accepted,
 * 0xB0C5 at reset), XRES, YRES, BPP, ENABLE, BANK, VIRT_WIDTH, VIRT_HEIGHT, X_OFFSET, Y_OFFSET, and
 * the read-only VIDEO_MEMORY_64K (16 MiB: 256). Writes are adjusted to a mode that fits the video
 * RAM as QEMU's vbe_fixup_regs does; enabling sets the VGA registers for a packed-pixel graphics
 * mode (chain-4 unless 4 bpp, the 64 KiB window at 0xA0000), keeps them so while the mode is on,
 * and clears the screen unless told not to; ENABLE's GETCAPS bit makes XRES/YRES/BPP read the maximums.
 */
public final class BochsVbe implements IoDevice {
    public static final int INDEX_PORT = 0x1CE, DATA_PORT = 0x1CF;
    public static final int ID = 0, XRES = 1, YRES = 2, BPP = 3, ENABLE = 4, BANK = 5, VIRT_WIDTH = 6,
            VIRT_HEIGHT = 7, X_OFFSET = 8, Y_OFFSET = 9, REGISTERS = 10, VIDEO_MEMORY_64K = 0xA;
    public static final int ID0 = 0xB0C0, ID5 = 0xB0C5;
    public static final int ENABLED = 0x01, GETCAPS = 0x02, DAC_8BIT = 0x20, LFB_ENABLED = 0x40, NOCLEARMEM = 0x80;
    static final int MAX_XRES = 16000, MAX_YRES = 12000, MAX_BPP = 32;
    private static final int CRTC_H_DISP = 1, CRTC_OVERFLOW = 7, CRTC_MAX_SCAN = 9, CRTC_V_DISP_END = 0x12,
            CRTC_OFFSET = 0x13, CRTC_MODE = 0x17, CRTC_LINE_COMPARE = 0x18;

    private final transient VgaMemory memory;
    private final transient int[] gc;
    private final transient int[] crtc;
    private final int[] regs = new int[REGISTERS];
    private int index;
    /** Bytes per scan line of the VBE mode. */
    private int lineOffset;

    public BochsVbe(VgaMemory memory, int[] gc, int[] crtc) {
        this.memory = memory;
        this.gc = gc;
        this.crtc = crtc;
        reset();
    }

    /** Back to QEMU's reset state: all registers 0 but the ID, VBE off. */
    public void reset() {
        java.util.Arrays.fill(regs, 0);
        regs[ID] = ID5;
        index = 0;
        lineOffset = 0;
        memory.bankOffset(0);
        memory.vbeMode(false);
        java.util.Arrays.fill(memory.vbeSequencer(), 0);
    }

    @Override
    public int in(int port, int size) {
        return port == INDEX_PORT ? index : readData();
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == INDEX_PORT) index = value & 0xFFFF;
        else writeData(value & 0xFFFF);
    }

    /** Register {@code i} as the data port reads it. */
    public int register(int i) {
        int saved = index;
        index = i;
        int v = readData();
        index = saved;
        return v;
    }

    /** Writes register {@code i} as through the data port (the PCI MMIO BAR's way in). */
    public void setRegister(int i, int value) {
        index = i;
        writeData(value & 0xFFFF);
    }

    private int readData() {
        if (index < REGISTERS) {
            if ((regs[ENABLE] & GETCAPS) != 0) {
                if (index == XRES) return MAX_XRES;
                if (index == YRES) return MAX_YRES;
                if (index == BPP) return MAX_BPP;
            }
            return regs[index];
        }
        return index == VIDEO_MEMORY_64K ? VgaMemory.VRAM_BYTES >>> 16 : 0;
    }

    private void writeData(int v) {
        switch (index) {
            case ID -> { if (v >= ID0 && v <= ID5) regs[ID] = v; }
            case XRES, YRES, BPP, VIRT_WIDTH, X_OFFSET, Y_OFFSET -> {
                regs[index] = v;
                fixup();
                updateVgaRegisters();
            }
            case BANK -> {
                int mask = (VgaMemory.VRAM_BYTES >>> 16) - 1;
                v &= regs[BPP] == 4 ? mask >> 2 : mask;
                regs[BANK] = v;
                memory.bankOffset(v << 16);
            }
            case ENABLE -> writeEnable(v);
            default -> { }
        }
    }

    private void writeEnable(int v) {
        if ((v & ENABLED) != 0 && (regs[ENABLE] & ENABLED) == 0) {
            regs[VIRT_WIDTH] = 0;
            regs[X_OFFSET] = 0;
            regs[Y_OFFSET] = 0;
            regs[ENABLE] |= ENABLED;
            fixup();
            updateVgaRegisters();
            if ((v & NOCLEARMEM) == 0) memory.clear(regs[YRES] * lineOffset);
        } else {
            memory.bankOffset(0);
        }
        regs[ENABLE] = v;
        memory.vbeMode(enabled());
    }

    /**
     * While a VBE mode is on, puts back the VGA registers it needs (QEMU's vbe_update_vgaregs, run
     * after every VBE, graphics controller and CRTC write): graphics with the 64 KiB window, the
     * mode's line length and height, and in the VBE sequencer chain-4 with all planes (not at 4 bpp).
     */
    public void updateVgaRegisters() {
        if (!enabled()) return;
        int[] vbeSeq = memory.vbeSequencer();
        gc[VgaMemory.GC_MISC] = gc[VgaMemory.GC_MISC] & ~0x0C | 0x04 | 0x01;
        crtc[CRTC_MODE] |= 3;
        crtc[CRTC_OFFSET] = lineOffset >> 3 & 0xFF;
        crtc[CRTC_H_DISP] = (regs[XRES] >> 3) - 1 & 0xFF;
        int h = regs[YRES] - 1;
        crtc[CRTC_V_DISP_END] = h & 0xFF;
        crtc[CRTC_OVERFLOW] = crtc[CRTC_OVERFLOW] & ~0x42 | h >> 7 & 0x02 | h >> 3 & 0x40;
        crtc[CRTC_LINE_COMPARE] = 0xFF;
        crtc[CRTC_OVERFLOW] |= 0x10;
        crtc[CRTC_MAX_SCAN] |= 0x40;
        int shift;
        if (regs[BPP] == 4) {
            shift = 0;
            vbeSeq[1] &= ~8;
        } else {
            shift = 2;
            vbeSeq[VgaMemory.SEQ_MEMORY_MODE] |= 0x08;
            vbeSeq[VgaMemory.SEQ_MAP_MASK] |= 0x0F;
        }
        gc[VgaMemory.GC_MODE] = gc[VgaMemory.GC_MODE] & ~0x60 | shift << 5;
        crtc[CRTC_MAX_SCAN] &= ~0x9F;
    }

    /** QEMU's vbe_fixup_regs: a depth it knows, widths multiple of 8, a height and offsets that fit the video RAM. */
    private void fixup() {
        if ((regs[ENABLE] & ENABLED) == 0) return;
        int bits = switch (regs[BPP]) {
            case 4, 8, 16, 24, 32 -> regs[BPP];
            case 15 -> 16;
            default -> regs[BPP] = 8;
        };
        regs[XRES] &= ~7;
        if (regs[XRES] == 0) regs[XRES] = 8;
        regs[XRES] = Math.min(regs[XRES], MAX_XRES);
        regs[VIRT_WIDTH] &= ~7;
        regs[VIRT_WIDTH] = Math.max(Math.min(regs[VIRT_WIDTH], MAX_XRES), regs[XRES]);
        int lineLength = regs[VIRT_WIDTH] * bits / 8;
        int maxY = VgaMemory.VRAM_BYTES / lineLength;
        if (regs[YRES] == 0) regs[YRES] = 1;
        regs[YRES] = Math.min(Math.min(regs[YRES], MAX_YRES), maxY);
        regs[X_OFFSET] = Math.min(regs[X_OFFSET], MAX_XRES);
        regs[Y_OFFSET] = Math.min(regs[Y_OFFSET], MAX_YRES);
        long offset = (long) regs[X_OFFSET] * bits / 8 + (long) regs[Y_OFFSET] * lineLength;
        if (offset + (long) regs[YRES] * lineLength > VgaMemory.VRAM_BYTES) {
            regs[Y_OFFSET] = 0;
            offset = (long) regs[X_OFFSET] * bits / 8;
            if (offset + (long) regs[YRES] * lineLength > VgaMemory.VRAM_BYTES) regs[X_OFFSET] = 0;
        }
        regs[VIRT_HEIGHT] = Math.min(maxY, 0xFFFF);
        lineOffset = lineLength;
    }

    /** True while a VBE mode is on (ENABLE bit 0). */
    public boolean enabled() { return (regs[ENABLE] & ENABLED) != 0; }

    /** True when the mode was set for the linear framebuffer (ENABLE's LFB bit). */
    public boolean linearFramebuffer() { return (regs[ENABLE] & LFB_ENABLED) != 0; }

    public int xres() { return regs[XRES]; }

    public int yres() { return regs[YRES]; }

    public int bpp() { return regs[BPP]; }
}
