package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.TextColour;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.memory.PhysicalMemory;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * VGA in 80x25 colour text mode: the text buffer is plain RAM at 0xB8000 (read from
 * {@link PhysicalMemory}); this class supplies the CRT controller at 0x3D4/0x3D5 (cursor shape
 * 0x0A/0x0B, start address 0x0C/0x0D, cursor location 0x0E/0x0F), the miscellaneous output
 * register (write 0x3C2, read 0x3CC) and input status #1 at 0x3DA, whose retrace bits follow the
 * 640x400 70 Hz timing of mode 3 in virtual time. The attribute controller (0x3C0/0x3C1, with
 * the flip-flop reset by reading 0x3DA), sequencer (0x3C4/0x3C5) and graphics controller
 * (0x3CE/0x3CF) registers hold what is written and read it back, starting from the mode 3
 * values; of them only the attribute mode control's blink bit changes what {@link #cells()} mean.
 * Memory stays the plain text buffer (no planar modes, no font loading); the DAC is not modelled.
 */
public final class VgaText extends ByteIoDevice implements BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("vga", "Show the VGA text screen (in colour on a colour terminal) and the cursor.");
    public static final int FIRST_PORT = 0x3C0;
    public static final int COLUMNS = 80;
    public static final int ROWS = 25;
    public static final int BUFFER = 0xB8000;
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

    private final PhysicalMemory memory;
    private final int[] seq = new int[MODE3_SEQ.length];
    private final int[] gc = new int[MODE3_GC.length];
    private final int[] attr = new int[MODE3_ATTR.length];
    private int seqIndex;
    private int gcIndex;
    private int attrIndex;       // bits 0-4 register, bit 5 palette address source
    private boolean attrDataNext; // the 0x3C0 flip-flop: false = index, true = data
    private final LongSupplier nanos;
    private final int[] crtc = new int[25];
    private int crtcIndex;
    private int misc = 0x67;

    public VgaText(PhysicalMemory memory, LongSupplier nanos) {
        super(FIRST_PORT, 0x20);
        this.memory = memory;
        this.nanos = nanos;
        loadMode3Registers();
    }

    private void loadMode3Registers() {
        System.arraycopy(MODE3_CRTC, 0, crtc, 0, crtc.length);
        System.arraycopy(MODE3_SEQ, 0, seq, 0, seq.length);
        System.arraycopy(MODE3_GC, 0, gc, 0, gc.length);
        System.arraycopy(MODE3_ATTR, 0, attr, 0, attr.length);
        attrIndex = 0x20;
        attrDataNext = false;
        misc = 0x67;
    }

    /** Mode 3 as the video BIOS sets it: CRTC table, misc 0x67, blank screen (0x0720 cells). */
    public void setMode3(PhysicalMemory mem) {
        loadMode3Registers();
        for (int off = 0; off < 0x8000; off += 2) mem.write16(BUFFER + off, 0x0720);
    }

    // ---- ports --------------------------------------------------------------------------------

    @Override
    int inb(int offset) {
        int port = FIRST_PORT + offset;
        switch (port) {
            case 0x3D4: return crtcIndex;
            case 0x3D5: return crtcIndex < crtc.length ? crtc[crtcIndex] : 0xFF;
            case 0x3CC: return misc;
            case 0x3C0: return attrIndex;
            case 0x3C1: return (attrIndex & 0x1F) < attr.length ? attr[attrIndex & 0x1F] : 0xFF;
            case 0x3C4: return seqIndex;
            case 0x3C5: return seqIndex < seq.length ? seq[seqIndex] : 0xFF;
            case 0x3CE: return gcIndex;
            case 0x3CF: return gcIndex < gc.length ? gc[gcIndex] : 0xFF;
            case 0x3DA:
                attrDataNext = false; // reading input status #1 resets the attribute flip-flop
                return inputStatus1();
            default: return 0xFF;
        }
    }

    @Override
    void outb(int offset, int v) {
        int port = FIRST_PORT + offset;
        switch (port) {
            case 0x3D4 -> crtcIndex = v & 0x1F;
            case 0x3D5 -> writeCrtc(v);
            case 0x3C2 -> misc = v;
            case 0x3C0 -> writeAttribute(v);
            case 0x3C4 -> seqIndex = v & 0x07;
            case 0x3C5 -> { if (seqIndex < seq.length) seq[seqIndex] = v; }
            case 0x3CE -> gcIndex = v & 0x0F;
            case 0x3CF -> { if (gcIndex < gc.length) gc[gcIndex] = v; }
            default -> { }
        }
    }

    private void writeCrtc(int v) {
        if (crtcIndex >= crtc.length) return;
        // CRTC register 0x11 bit 7 write-protects registers 0-7, except bit 4 of register 7.
        if ((crtc[0x11] & 0x80) != 0 && crtcIndex <= 7) {
            if (crtcIndex == 7) crtc[7] = crtc[7] & ~0x10 | v & 0x10;
            return;
        }
        crtc[crtcIndex] = v;
    }

    private void writeAttribute(int v) {
        if (!attrDataNext) {
            attrIndex = v & 0x3F;
        } else if ((attrIndex & 0x1F) < attr.length) {
            attr[attrIndex & 0x1F] = v;
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
        if (index < 0 || index >= crtc.length) throw new IllegalArgumentException("CRTC register out of range 0-0x18: " + index);
        return crtc[index];
    }

    /** The 2000 visible cells, row-major: character in bits 0-7, attribute in bits 8-15. */
    public short[] cells() {
        short[] out = new short[COLUMNS * ROWS];
        byte[] two = new byte[2];
        int start = startAddress();
        for (int i = 0; i < out.length; i++) {
            memory.peek(BUFFER + ((start + i) * 2 & 0x7FFF), two, 0, 2);
            out[i] = (short) (two[0] & 0xFF | (two[1] & 0xFF) << 8);
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

    @Override
    public void attach(Board board) {
        board.ports(FIRST_PORT, 0x20, this);
        board.view(VIEW, this::report);
    }

    /**
     * The 25 rows, trailing blanks removed, each also in coloured runs over all 80 columns (a new
     * run wherever the attribute byte changes; the blink bit is not a colour), then the cursor.
     */
    private void report(Report r) {
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
