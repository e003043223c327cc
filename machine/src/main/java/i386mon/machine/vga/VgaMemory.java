package i386mon.machine.vga;

/**
 * The adapter's video memory and how the CPU reaches it through the 0xA0000-0xBFFFF window, as
 * QEMU's std VGA does (hw/display/vga.c): one video RAM, of which the first 256 KiB are the four
 * planes interleaved (plane p's byte at offset o is byte {@code 4 * o + p}, so one 32-bit word is
 * the four latches' worth). The graphics controller's miscellaneous register selects the window;
 * then chain-4 (sequencer memory mode bit 3) addresses the RAM bytewise, odd/even (graphics mode
 * bit 4) sends even addresses to plane 0/2 and odd ones to 1/3, and otherwise every access goes
 * through the latches: read modes 0 and 1 (colour compare, don't care) and write modes 0-3 with
 * rotate, set/reset, the logical function and the bit mask, written to the planes the map mask
 * enables. The rest of the 16 MiB (the VBE framebuffer) is allocated at its first write.
 *
 * <p>{@link #peek} and {@link #poke} are the monitor's: they reach the byte a guest access would
 * and leave the latches alone.
 */
public final class VgaMemory {
    /** The four 64 KiB planes. */
    public static final int PLANES_BYTES = 256 << 10;
    /** QEMU's default {@code vgamem_mb}: 16 MiB. */
    public static final int VRAM_BYTES = 16 << 20;
    /** Graphics controller registers this class reads. */
    static final int GC_SET_RESET = 0, GC_ENABLE_SET_RESET = 1, GC_COLOUR_COMPARE = 2, GC_ROTATE = 3,
            GC_READ_MAP = 4, GC_MODE = 5, GC_MISC = 6, GC_DONT_CARE = 7, GC_BIT_MASK = 8;
    static final int SEQ_MAP_MASK = 2, SEQ_MEMORY_MODE = 4;
    private static final int PAGE = 4096;
    private static final byte[] ZERO_PAGE = new byte[PAGE];

    /** The sequencer and graphics controller register files (owned and saved by the adapter). */
    private final transient int[] seq;
    private final transient int[] gc;
    /**
     * The planes, grown to {@link #VRAM_BYTES} at the first write beyond them. Saved by
     * {@link #saveContents} (zero pages left out, the rest compressed), not field by field.
     */
    private transient byte[] vram = new byte[PLANES_BYTES];
    /** The four latches, plane 0 in bits 0-7. */
    private int latch;
    /** VBE bank: added to window offsets when the window is the 64 KiB at 0xA0000. */
    private int bankOffset;
    /**
     * While a VBE mode is on, the sequencer as the VBE mode set it (QEMU's sr_vbe: chain-4 and all
     * planes for a packed-pixel mode) decides the memory access, not the registers the guest reads.
     */
    private final int[] vbeSequencer = new int[8];
    private boolean vbeMode;

    public VgaMemory(int[] seq, int[] gc) {
        this.seq = seq;
        this.gc = gc;
    }

    // ---- the CPU's window ------------------------------------------------------------------------

    /** A guest read at {@code offset} into the 128 KiB window (loads the latches in planar modes). */
    public int read(int offset) {
        int a = address(offset);
        if (a < 0) return 0xFF;
        if (chain4()) return byteAt(a);
        if (oddEven()) return byteAt(oddEvenIndex(a));
        if (a >= VRAM_BYTES / 4) return 0xFF;
        latch = word(a);
        return readMode(latch);
    }

    /** What {@link #read} would return, without touching the latches. */
    public int peek(int offset) {
        int a = address(offset);
        if (a < 0) return 0xFF;
        if (chain4()) return byteAt(a);
        if (oddEven()) return byteAt(oddEvenIndex(a));
        return a >= VRAM_BYTES / 4 ? 0xFF : readMode(word(a));
    }

    /** A guest write of byte {@code value} at {@code offset} into the window. */
    public void write(int offset, int value) {
        int a = address(offset);
        if (a < 0) return;
        int mapMask = sequencer(SEQ_MAP_MASK) & 0x0F;
        if (chain4()) {
            if ((mapMask & 1 << (a & 3)) != 0) setByte(a, value);
        } else if (oddEven()) {
            int plane = plane(a);
            if ((mapMask & 1 << plane) != 0) setByte(oddEvenIndex(a), value);
        } else if (a < VRAM_BYTES / 4) {
            writeLatched(a, value & 0xFF, mapMask);
        }
    }

    /**
     * {@code cells} guest writes of the 16-bit {@code cell} (character, then attribute) from window
     * {@code offset} on, the video RAM left as {@link #write} byte by byte leaves it; in the text
     * modes' odd/even mapping with planes 0 and 1 enabled and the whole run in the window, stored
     * directly (character bytes in plane 0, attributes in plane 1).
     */
    public void fillTextCells(int offset, int cells, int cell) {
        int bytes = 2 * cells, first = address(offset);
        boolean direct = !chain4() && oddEven() && (gc[GC_READ_MAP] & 2) == 0 && (sequencer(SEQ_MAP_MASK) & 3) == 3
                && first >= 0 && (first & 1) == 0 && address(offset + bytes - 1) == first + bytes - 1 && 2 * (first + bytes) <= vram.length;
        for (int i = 0; i < bytes; i += 2) {
            if (direct) {
                vram[2 * (first + i)] = (byte) cell;
                vram[2 * (first + i) + 1] = (byte) (cell >>> 8);
            } else {
                write(offset + i, cell & 0xFF);
                write(offset + i + 1, cell >>> 8 & 0xFF);
            }
        }
    }

    /**
     * The monitor's write: the byte {@link #peek} reads at {@code offset} becomes {@code value}
     * (in planar modes the plane read map select names), whatever the map mask, latches untouched.
     */
    public void poke(int offset, int value) {
        int a = address(offset);
        if (a < 0) return;
        if (chain4()) setByte(a, value);
        else if (oddEven()) setByte(oddEvenIndex(a), value);
        else setByte(4 * a + (gc[GC_READ_MAP] & 3), value);
    }

    /** The window offset as a video RAM address (a byte in chain-4 and odd/even, a latch word otherwise), or -1 outside the selected window. */
    private int address(int offset) {
        int a = offset & 0x1FFFF;
        switch (gc[GC_MISC] >> 2 & 3) {
            case 0: return a;
            case 1: return a < 0x10000 ? a + bankOffset : -1;
            case 2: a -= 0x10000; return a >= 0 && a < 0x8000 ? a : -1;
            default: a -= 0x18000; return a >= 0 && a < 0x8000 ? a : -1;
        }
    }

    private boolean chain4() { return (sequencer(SEQ_MEMORY_MODE) & 0x08) != 0; }

    private int sequencer(int index) { return vbeMode ? vbeSequencer[index] : seq[index]; }

    private boolean oddEven() { return (gc[GC_MODE] & 0x10) != 0; }

    /** Odd/even: bit 0 of the address picks plane 0 or 1 (2 or 3 with read map select bit 1). */
    private int plane(int a) { return gc[GC_READ_MAP] & 2 | a & 1; }

    private int oddEvenIndex(int a) { return (a & ~1) << 1 | plane(a); }

    private int readMode(int latches) {
        if ((gc[GC_MODE] & 0x08) == 0) return latches >>> 8 * (gc[GC_READ_MAP] & 3) & 0xFF;
        // read mode 1: a bit is 1 where every plane not "don't care" matches the colour compare
        int diff = (latches ^ expand(gc[GC_COLOUR_COMPARE])) & expand(gc[GC_DONT_CARE]);
        diff |= diff >>> 16;
        diff |= diff >>> 8;
        return ~diff & 0xFF;
    }

    private void writeLatched(int a, int value, int mapMask) {
        int v;
        int bitMask;
        switch (gc[GC_MODE] & 3) {
            case 0 -> {
                v = replicate(rotate(value));
                int enable = expand(gc[GC_ENABLE_SET_RESET]);
                v = v & ~enable | expand(gc[GC_SET_RESET]) & enable;
                bitMask = gc[GC_BIT_MASK];
            }
            case 1 -> {
                storeWord(a, latch, mapMask);
                return;
            }
            case 2 -> {
                v = expand(value);
                bitMask = gc[GC_BIT_MASK];
            }
            default -> {
                bitMask = gc[GC_BIT_MASK] & rotate(value);
                v = expand(gc[GC_SET_RESET]);
            }
        }
        switch (gc[GC_ROTATE] >> 3 & 3) {
            case 1 -> v &= latch;
            case 2 -> v |= latch;
            case 3 -> v ^= latch;
            default -> { }
        }
        int bits = replicate(bitMask & 0xFF);
        storeWord(a, v & bits | latch & ~bits, mapMask);
    }

    private int rotate(int value) {
        int b = gc[GC_ROTATE] & 7;
        return (value >>> b | value << (8 - b)) & 0xFF;
    }

    private static int replicate(int b) { return b * 0x01010101; }

    /** Four bits to four bytes: bit i set gives 0xFF in byte i (plane i). */
    private static int expand(int bits) {
        int out = 0;
        for (int p = 0; p < 4; p++) if ((bits & 1 << p) != 0) out |= 0xFF << 8 * p;
        return out;
    }

    private int word(int a) {
        int i = 4 * a;
        return byteAt(i) | byteAt(i + 1) << 8 | byteAt(i + 2) << 16 | byteAt(i + 3) << 24;
    }

    private void storeWord(int a, int v, int mapMask) {
        for (int p = 0; p < 4; p++) if ((mapMask & 1 << p) != 0) setByte(4 * a + p, v >>> 8 * p);
    }

    // ---- the video RAM itself ----------------------------------------------------------------------

    /** Byte {@code index} of the video RAM (the linear framebuffer's view); 0 where never written. */
    public int byteAt(int index) {
        return index >= 0 && index < vram.length ? vram[index] & 0xFF : 0;
    }

    /** Stores byte {@code index} of the video RAM; beyond {@link #VRAM_BYTES} it is dropped. */
    public void setByte(int index, int value) {
        if (index < 0 || index >= VRAM_BYTES) return;
        if (index >= vram.length) vram = java.util.Arrays.copyOf(vram, VRAM_BYTES);
        vram[index] = (byte) value;
    }

    /** Plane {@code plane}'s byte at {@code offset} (0-0xFFFF). */
    public int planeByte(int plane, int offset) { return byteAt(4 * (offset & 0xFFFF) + plane); }

    /**
     * Zeroes the first {@code bytes} of the video RAM (a VBE mode set clears the screen, a power-on
     * all of it). Video RAM not allocated yet reads as zero already, so it stays unallocated: each
     * power-on had made 16 MiB that the start state's snapshot then scanned for non-zero pages.
     */
    public void clear(int bytes) {
        java.util.Arrays.fill(vram, 0, Math.max(0, Math.min(bytes, vram.length)), (byte) 0);
    }

    /**
     * Writes the video RAM for a snapshot as memory snapshots keep RAM: page by page, an all-zero
     * page as one flag, others deflated, so an idle adapter costs little in every snapshot.
     */
    public void saveContents(i386mon.machine.state.StateWriter out) {
        out.i32(vram.length);
        byte[] buf = new byte[PAGE + 64];
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
        try {
            for (int at = 0; at < vram.length; at += PAGE) {
                // Arrays.mismatch compares 8 bytes a step even before HotSpot compiles this loop: the
                // start state of a machine with the std VGA scans 16 MiB of mostly zero video RAM (#15)
                boolean used = java.util.Arrays.mismatch(vram, at, at + PAGE, ZERO_PAGE, 0, PAGE) >= 0;
                out.bool(used);
                if (!used) continue;
                d.reset();
                d.setInput(vram, at, PAGE);
                d.finish();
                out.bytes(java.util.Arrays.copyOf(buf, d.deflate(buf)));
            }
        } finally {
            d.end();
        }
    }

    /** Reads what {@link #saveContents} wrote. */
    public void restoreContents(i386mon.machine.state.StateReader in) {
        int length = in.i32();
        if (length != PLANES_BYTES && length != VRAM_BYTES) throw new i386mon.machine.state.StateFormatException("the saved video RAM has a size no adapter has: " + length);
        byte[] restored = new byte[length];
        java.util.zip.Inflater inf = new java.util.zip.Inflater();
        try {
            for (int at = 0; at < length; at += PAGE) {
                if (!in.bool()) continue;
                inf.reset();
                inf.setInput(in.bytes());
                if (inf.inflate(restored, at, PAGE) != PAGE) throw new i386mon.machine.state.StateFormatException("a saved video RAM page is corrupted");
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new i386mon.machine.state.StateFormatException("a saved video RAM page is corrupted: " + e.getMessage());
        } finally {
            inf.end();
        }
        vram = restored;
    }

    /** The four latches, plane 0 in bits 0-7 (for tests and inspection). */
    public int latches() { return latch; }

    /** Sets the VBE bank's offset into the video RAM. */
    void bankOffset(int offset) { bankOffset = offset; }

    /** The sequencer registers a VBE mode sets (see {@link #vbeSequencer}). */
    int[] vbeSequencer() { return vbeSequencer; }

    /** Whether a VBE mode is on, and so {@link #vbeSequencer} rules the access. */
    void vbeMode(boolean on) { vbeMode = on; }

    /** Host memory held for the video RAM, in bytes. */
    public int allocatedBytes() { return vram.length; }
}
