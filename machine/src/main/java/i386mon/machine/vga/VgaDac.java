package i386mon.machine.vga;

/**
 * The colour DAC: 256 entries of red, green and blue. Port 0x3C8 sets the write index and 0x3C7
 * the read index; each goes through 0x3C9 three bytes at a time (red, green, blue), then on to
 * the next entry. A written entry changes only when its third byte arrives. 0x3C7 reads the DAC
 * state (0 after a write index, 3 after a read index), 0x3C8 the write index. As QEMU keeps it:
 * the bytes are stored as written (a 6-bit DAC's software writes 0-63), the palette starts black.
 */
public final class VgaDac {
    private final byte[] palette = new byte[768];
    private final int[] pending = new int[3];
    private int readIndex;
    private int writeIndex;
    private int component;
    private int state;

    public void setReadIndex(int index) {
        readIndex = index & 0xFF;
        component = 0;
        state = 3;
    }

    public void setWriteIndex(int index) {
        writeIndex = index & 0xFF;
        component = 0;
        state = 0;
    }

    /** Port 0x3C7: 0 after the write index was set, 3 after the read index. */
    public int state() { return state; }

    /** Port 0x3C8. */
    public int writeIndex() { return writeIndex; }

    /** Port 0x3C9 read: the next component of the read entry. */
    public int readData() {
        int v = palette[readIndex * 3 + component] & 0xFF;
        if (++component == 3) {
            component = 0;
            readIndex = readIndex + 1 & 0xFF;
        }
        return v;
    }

    /** Port 0x3C9 write: the next component of the write entry, stored with the third. */
    public void writeData(int value) {
        pending[component] = value & 0xFF;
        if (++component == 3) {
            for (int c = 0; c < 3; c++) palette[writeIndex * 3 + c] = (byte) pending[c];
            component = 0;
            writeIndex = writeIndex + 1 & 0xFF;
        }
    }

    /** Entry {@code index}'s red, green and blue as 0xRRGGBB of the stored bytes. */
    public int colour(int index) {
        int i = (index & 0xFF) * 3;
        return (palette[i] & 0xFF) << 16 | (palette[i + 1] & 0xFF) << 8 | palette[i + 2] & 0xFF;
    }
}
