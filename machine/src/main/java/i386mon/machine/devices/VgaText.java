package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.TextColour;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.memory.MmioDevice;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.vga.BochsVbe;
import i386mon.machine.vga.VgaDac;
import i386mon.machine.vga.VgaMemory;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The VGA as QEMU's std VGA has it: the registers at 0x3C0-0x3DF (attribute controller with its
 * index/data flip-flop, miscellaneous output, sequencer, DAC, graphics controller, CRTC, input
 * status #1 and feature control), each kept with QEMU's writable-bit masks, and the video memory
 * behind the 0xA0000-0xBFFFF window ({@link VgaMemory}: planes, odd/even, chain-4, latches). The
 * input status retrace bits follow the 640x400 70 Hz timing of mode 3 in virtual time. The Bochs
 * VBE registers ({@link #vbe()}) decode only when the PCI function is plugged in.
 *
 * <p>Without a VGA BIOS the adapter starts in text mode 3 (the registers of the IBM mode table,
 * the text in planes 0 and 1 at 0xB8000); {@link #powerOnReset} clears every register as QEMU's
 * reset does, for the VGA BIOS to program. {@code info vga} shows the 80x25 text screen read from
 * the planes, or one line naming the graphics mode the guest set.
 */
public final class VgaText extends ByteIoDevice implements BoardDevice, MmioDevice {
    public static final ViewTopic VIEW = new ViewTopic("vga", "Show the VGA text screen (in colour on a colour terminal) and the cursor.");
    public static final int FIRST_PORT = 0x3C0;
    public static final int COLUMNS = 80;
    public static final int ROWS = 25;
    public static final int BUFFER = 0xB8000;
    /** The legacy memory window, 0xA0000-0xBFFFF. */
    public static final int WINDOW = 0xA0000, WINDOW_SIZE = 0x20000;
    /** The text buffer a mode set clears: 16K character cells at {@link #BUFFER}. */
    static final int TEXT_BUFFER_BYTES = 0x8000;
    /** Where Bochs puts the VBE framebuffer when no PCI BAR says otherwise (VBE_DISPI_LFB_PHYSICAL_ADDRESS). */
    public static final long DEFAULT_LFB = 0xE000_0000L;
    /** The standard mode 3 CRTC values (IBM VGA Technical Reference, mode 3 register table). */
    private static final int[] MODE3_CRTC = {
        0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00, 0x00,
        0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF };
    /** 31.778 us per scan line, 449 lines per frame: 25.175 MHz / 800 dots, 70.09 Hz. */
    private static final long LINE_NANOS = 31_778;
    private static final int LINES_PER_FRAME = 449;
    private static final long ACTIVE_LINE_NANOS = 25_422; // 640 of 800 dots
    private static final Charset CP437 = Charset.forName("IBM437");
    /** CP437 glyphs of 0x01-0x1F, which the JDK charset decodes as ASCII control characters. */
    private static final String LOW_GLYPHS =
            "\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C"
            + "\u25BA\u25C4\u2195\u203C\u00B6\u00A7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC";

    private static final int[] MODE3_SEQ = { 0x03, 0x00, 0x03, 0x00, 0x02 };
    private static final int[] MODE3_GC = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF };
    private static final int[] MODE3_ATTR = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
        0x0C, 0x00, 0x0F, 0x08, 0x00 };
    /** The bits of each sequencer and graphics controller register that exist (QEMU's sr_mask, gr_mask). */
    private static final int[] SEQ_BITS = { 0x03, 0x3D, 0x0F, 0x3F, 0x0E, 0x00, 0x00, 0xFF };
    private static final int[] GC_BITS = { 0x0F, 0x0F, 0x0F, 0x1F, 0x03, 0x7B, 0x0F, 0x0F, 0xFF, 0, 0, 0, 0, 0, 0, 0 };
    private static final int ATTR_REGISTERS = 0x15;

    private final int[] seq = new int[8];
    private final int[] gc = new int[16];
    private final int[] attr = new int[ATTR_REGISTERS];
    private final int[] crtc = new int[256];
    private int seqIndex;
    private int gcIndex;
    private int attrIndex;       // bits 0-4 register, bit 5 palette address source
    private boolean attrDataNext; // the 0x3C0 flip-flop: false = index, true = data
    private int crtcIndex;
    private int misc = 0x67;
    private int featureControl;
    private final VgaMemory vram = new VgaMemory(seq, gc);
    private final VgaDac dac = new VgaDac();
    private final BochsVbe vbe = new BochsVbe(vram, gc, crtc);
    private final LongSupplier nanos;
    /** Where the linear framebuffer decodes (the PCI function's BAR0 once plugged). */
    private LongSupplier framebufferAddress = () -> DEFAULT_LFB;

    /** The adapter in mode 3, its input status timed by {@code nanos} (virtual time). */
    public VgaText(LongSupplier nanos) {
        super(FIRST_PORT, 0x20);
        this.nanos = nanos;
        loadMode3Registers();
    }

    private void loadMode3Registers() {
        java.util.Arrays.fill(crtc, 0);
        java.util.Arrays.fill(seq, 0);
        java.util.Arrays.fill(gc, 0);
        System.arraycopy(MODE3_CRTC, 0, crtc, 0, MODE3_CRTC.length);
        System.arraycopy(MODE3_SEQ, 0, seq, 0, MODE3_SEQ.length);
        System.arraycopy(MODE3_GC, 0, gc, 0, MODE3_GC.length);
        System.arraycopy(MODE3_ATTR, 0, attr, 0, attr.length);
        attrIndex = 0x20;
        attrDataNext = false;
        misc = 0x67;
        vbe.reset();
    }

    /** Mode 3 as the video BIOS sets it: CRTC table, misc 0x67, blank screen (0x0720 cells). */
    public void setMode3(PhysicalMemory mem) {
        loadMode3Registers();
        // the 16K cell writes, stored directly where only this adapter sees them (a tenth of the start-up's boot work otherwise)
        if (mem.soleDeviceAt(BUFFER, TEXT_BUFFER_BYTES) == this) vram.fillTextCells(BUFFER - WINDOW, TEXT_BUFFER_BYTES / 2, 0x0720);
        else for (int off = 0; off < TEXT_BUFFER_BYTES; off += 2) mem.write16(BUFFER + off, 0x0720);
    }

    /**
     * The adapter as QEMU's reset leaves it for the VGA BIOS: every register 0 (the window at
     * 0xA0000, planar, monochrome port decoding), VBE off, the palette and video memory cleared.
     */
    public void powerOnReset() {
        java.util.Arrays.fill(crtc, 0);
        java.util.Arrays.fill(seq, 0);
        java.util.Arrays.fill(gc, 0);
        java.util.Arrays.fill(attr, 0);
        seqIndex = gcIndex = attrIndex = crtcIndex = 0;
        attrDataNext = false;
        misc = 0;
        featureControl = 0;
        vbe.reset();
        vram.clear(VgaMemory.VRAM_BYTES);
        dac.setWriteIndex(0);
        for (int i = 0; i < 768; i++) dac.writeData(0);
        dac.setWriteIndex(0);
    }

    /** The Bochs VBE registers (ports 0x1CE/0x1CF, claimed when the PCI function is plugged in). */
    public BochsVbe vbe() { return vbe; }

    /** The video memory. */
    public VgaMemory videoMemory() { return vram; }

    /** The colour DAC. */
    public VgaDac dac() { return dac; }

    /** Says where the linear framebuffer decodes now (the PCI function's BAR0). */
    public void setFramebufferAddress(LongSupplier address) { framebufferAddress = address; }

    // ---- ports --------------------------------------------------------------------------------

    /** QEMU's vga_ioport_invalid: in monochrome mode (misc bit 0 clear) 0x3D0-0x3DF do not decode. */
    private boolean decodes(int port) {
        return (misc & 1) != 0 || port < 0x3D0;
    }

    @Override
    int inb(int offset) {
        int port = FIRST_PORT + offset;
        if (!decodes(port)) return 0xFF;
        switch (port) {
            case 0x3C0: return attrDataNext ? 0 : attrIndex;
            case 0x3C1: return (attrIndex & 0x1F) < ATTR_REGISTERS ? attr[attrIndex & 0x1F] : 0;
            case 0x3C4: return seqIndex;
            case 0x3C5: return seq[seqIndex];
            case 0x3C7: return dac.state();
            case 0x3C8: return dac.writeIndex();
            case 0x3C9: return dac.readData();
            case 0x3CA: return featureControl;
            case 0x3CC: return misc;
            case 0x3CE: return gcIndex;
            case 0x3CF: return gc[gcIndex];
            case 0x3D4: return crtcIndex;
            case 0x3D5: return crtc[crtcIndex];
            case 0x3DA:
                attrDataNext = false; // reading input status #1 resets the attribute flip-flop
                return inputStatus1();
            default: return 0x00; // QEMU: input status #0 (0x3C2) and the ports nobody decodes read 0
        }
    }

    @Override
    void outb(int offset, int v) {
        int port = FIRST_PORT + offset;
        if (!decodes(port)) return;
        switch (port) {
            case 0x3C0 -> writeAttribute(v);
            case 0x3C2 -> misc = v & ~0x10;
            case 0x3C4 -> seqIndex = v & 0x07;
            case 0x3C5 -> seq[seqIndex] = v & SEQ_BITS[seqIndex];
            case 0x3C7 -> dac.setReadIndex(v);
            case 0x3C8 -> dac.setWriteIndex(v);
            case 0x3C9 -> dac.writeData(v);
            case 0x3CE -> gcIndex = v & 0x0F;
            case 0x3CF -> {
                gc[gcIndex] = v & GC_BITS[gcIndex];
                vbe.updateVgaRegisters();
            }
            case 0x3D4 -> crtcIndex = v & 0xFF;
            case 0x3D5 -> writeCrtc(v);
            case 0x3DA -> featureControl = v & 0x10;
            default -> { }
        }
    }

    private void writeCrtc(int v) {
        // CRTC register 0x11 bit 7 write-protects registers 0-7, except bit 4 of register 7.
        if ((crtc[0x11] & 0x80) != 0 && crtcIndex <= 7) {
            if (crtcIndex == 7) {
                crtc[7] = crtc[7] & ~0x10 | v & 0x10;
                vbe.updateVgaRegisters();
            }
            return;
        }
        crtc[crtcIndex] = v;
        vbe.updateVgaRegisters(); // a VBE mode keeps the CRTC values it needs, as in QEMU
    }

    /** Index, then data; each register keeps the bits it has (QEMU's vga_ioport_write). */
    private void writeAttribute(int v) {
        if (!attrDataNext) {
            attrIndex = v & 0x3F;
        } else {
            int i = attrIndex & 0x1F;
            if (i < 0x10) attr[i] = v & 0x3F;
            else if (i == 0x10) attr[i] = v & ~0x10;
            else if (i == 0x11) attr[i] = v;
            else if (i == 0x12) attr[i] = v & ~0xC0;
            else if (i == 0x13 || i == 0x14) attr[i] = v & ~0xF0;
        }
        attrDataNext = !attrDataNext;
    }

    /** Bit 0: display disabled (blanking), bit 3: vertical retrace. */
    private int inputStatus1() {
        long t = nanos.getAsLong();
        long line = t / LINE_NANOS % LINES_PER_FRAME;
        long dot = t % LINE_NANOS;
        boolean vretrace = line >= 412 && line < 414;
        boolean blank = line >= 400 || dot >= ACTIVE_LINE_NANOS;
        return (blank ? 0x01 : 0) | (vretrace ? 0x08 : 0);
    }

    // ---- the memory window ----------------------------------------------------------------------

    /** A guest read of {@code size} bytes in the window: byte by byte, as QEMU's 1-byte memory ops. */
    @Override
    public int read(long offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) v |= vram.read((int) offset + i) << 8 * i;
        return v;
    }

    @Override
    public void write(long offset, int size, int value) {
        for (int i = 0; i < size; i++) vram.write((int) offset + i, value >>> 8 * i & 0xFF);
    }

    @Override
    public int peek(long offset) { return vram.peek((int) offset); }

    @Override
    public boolean poke(long offset, int value) {
        vram.poke((int) offset, value);
        return true;
    }

    // ---- what the screen shows ------------------------------------------------------------------

    public int startAddress() { return crtc[0x0C] << 8 | crtc[0x0D]; }

    public int cursorLocation() { return crtc[0x0E] << 8 | crtc[0x0F]; }

    public int cursorRow() { return (cursorLocation() - startAddress()) / COLUMNS; }

    public int cursorColumn() { return Math.floorMod(cursorLocation() - startAddress(), COLUMNS); }

    public int cursorStartLine() { return crtc[0x0A] & 0x1F; }

    public int cursorEndLine() { return crtc[0x0B] & 0x1F; }

    /** CRTC register 0x0A bit 5 turns the cursor off. */
    public boolean cursorVisible() { return (crtc[0x0A] & 0x20) == 0; }

    public int miscOutput() { return misc; }

    /**
     * Attribute mode control bit 3: attribute bit 7 blinks the character (true, the default) or
     * selects a bright background (false).
     */
    public boolean blinkEnabled() { return (attr[0x10] & 0x08) != 0; }

    /** False while the guest has cleared the attribute index's palette address source bit. */
    public boolean displayEnabled() { return (attrIndex & 0x20) != 0; }

    public int crtcRegister(int index) {
        if (index < 0 || index >= MODE3_CRTC.length) throw new IllegalArgumentException("CRTC register out of range 0-0x18: " + index);
        return crtc[index];
    }

    /** Sequencer register {@code index} (0-7). */
    public int sequencerRegister(int index) { return seq[index & 7]; }

    /** Graphics controller register {@code index} (0-15). */
    public int graphicsRegister(int index) { return gc[index & 15]; }

    /** Cells from one text row to the next: the CRTC offset register counts two cells per unit in mode 3's word mode. */
    private int rowStride() {
        int stride = crtc[0x13] * 2;
        return stride == 0 ? COLUMNS : stride;
    }

    /**
     * The 2000 visible cells, row-major: character (plane 0) in bits 0-7, attribute (plane 1) in
     * bits 8-15, from the CRTC start address, one row every offset-register's worth of cells.
     */
    public short[] cells() {
        short[] out = new short[COLUMNS * ROWS];
        int start = startAddress();
        int stride = rowStride();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                int at = start + r * stride + c;
                out[r * COLUMNS + c] = (short) (vram.planeByte(0, at) | vram.planeByte(1, at) << 8);
            }
        }
        return out;
    }

    /** The screen as 25 lines of text (code page 437 decoded, trailing blanks kept). */
    public List<String> renderText() {
        short[] cells = cells();
        List<String> rows = new ArrayList<>(ROWS);
        byte[] line = new byte[COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                int ch = cells[r * COLUMNS + c] & 0xFF;
                line[c] = (byte) (ch == 0 ? ' ' : ch);
            }
            char[] text = CP437.decode(ByteBuffer.wrap(line)).toString().toCharArray();
            for (int c = 0; c < COLUMNS; c++) {
                int ch = line[c] & 0xFF;
                if (ch >= 0x01 && ch <= 0x1F) text[c] = LOW_GLYPHS.charAt(ch - 1);
                else if (ch == 0x7F) text[c] = '\u2302';
            }
            rows.add(new String(text));
        }
        return rows;
    }

    /**
     * The graphics mode the guest set, or null in text mode: a VBE mode (ENABLE on) or a VGA one
     * (graphics controller misc bit 0), with its size in pixels and bits per pixel.
     */
    public GraphicsMode graphicsMode() {
        if (vbe.enabled()) {
            return new GraphicsMode(vbe.xres(), vbe.yres(), vbe.bpp(), true, vbe.linearFramebuffer() ? framebufferAddress.getAsLong() : -1);
        }
        if ((gc[6] & 1) == 0) return null;
        int width = (crtc[0x01] + 1) * 8;
        int height = (crtc[0x12] | (crtc[0x07] & 0x02) << 7 | (crtc[0x07] & 0x40) << 3) + 1;
        height /= ((crtc[0x09] & 0x1F) + 1) << (crtc[0x09] >> 7);
        int shift = gc[5] >> 5 & 3;
        int bpp = shift == 0 ? 4 : shift == 1 ? 2 : 8;
        if (bpp == 8) width /= 2; // 256 colours: two character clocks' dots per pixel
        return new GraphicsMode(width, height, bpp, false, -1);
    }

    /** A graphics mode: size, depth, whether VBE set it, and its linear framebuffer's address (-1: banked or VGA). */
    public record GraphicsMode(int width, int height, int bpp, boolean vbe, long framebuffer) {
        /** One line for {@code info vga}. */
        public String describe() {
            String how = !vbe ? "VGA" : framebuffer >= 0 ? String.format("VBE, LFB at 0x%08x", framebuffer) : "VBE, banked at 0xa0000";
            return String.format("graphics mode %dx%dx%d (%s): not shown as text", width, height, bpp, how);
        }
    }

    /** The registers field by field, then the video RAM in its compact form. */
    @Override
    public void saveState(i386mon.machine.state.StateWriter out, java.util.Set<Object> others) {
        i386mon.machine.state.FieldState.save(this, out, others);
        vram.saveContents(out);
    }

    @Override
    public void restoreState(i386mon.machine.state.StateReader in, java.util.Set<Object> others) {
        i386mon.machine.state.FieldState.restore(this, in, others);
        vram.restoreContents(in);
    }

    @Override
    public void attach(Board board) {
        board.ports(FIRST_PORT, 0x20, this);
        board.mmio(WINDOW, WINDOW_SIZE, this);
        board.view(VIEW, this::report);
    }

    /**
     * The 25 rows, trailing blanks removed, each also in coloured runs over all 80 columns (a new
     * run wherever the attribute byte changes; the blink bit is not a colour), then the cursor; in
     * a graphics mode one line that names it.
     */
    private void report(Report r) {
        GraphicsMode mode = graphicsMode();
        if (mode != null) {
            r.line(mode.describe()).field("graphics", true).field("width", mode.width()).field("height", mode.height())
                    .field("bpp", mode.bpp()).field("vbe", mode.vbe()).field("framebuffer", mode.framebuffer());
            return;
        }
        List<String> rows = renderText();
        short[] cells = cells();
        for (int row = 0; row < rows.size(); row++) {
            String text = rows.get(row);
            Report.Line line = r.line(text.stripTrailing()).field("row", row);
            int runStart = 0;
            for (int c = 1; c <= COLUMNS; c++) {
                int attr = cells[row * COLUMNS + runStart] >>> 8 & 0xFF;
                if (c < COLUMNS && (cells[row * COLUMNS + c] >>> 8 & 0xFF) == attr) continue;
                line.span(text.substring(runStart, c), TextColour.ofIndex(attr & 0x0F), TextColour.ofIndex(attr >>> 4 & 0x07));
                runStart = c;
            }
        }
        if (cursorVisible()) {
            r.line(String.format("cursor: row %d, column %d", cursorRow(), cursorColumn()))
                    .field("cursor_row", cursorRow()).field("cursor_column", cursorColumn());
        } else {
            r.line("cursor: hidden").field("cursor_hidden", true);
        }
    }
}
