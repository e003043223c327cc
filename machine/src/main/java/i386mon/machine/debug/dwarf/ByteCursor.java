package i386mon.machine.debug.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian read position in one section's bytes with DWARF's encodings (DWARF 5 section 7.6
 * LEB128, 7.4 the 32- and 64-bit formats). Every read checks the bounds and reports a truncated
 * section as a {@link DwarfException} naming the section.
 */
final class ByteCursor {
    private final byte[] data;
    private final String section;
    private int pos;
    private final int end;

    ByteCursor(byte[] data, String section) {
        this(data, section, 0, data.length);
    }

    private ByteCursor(byte[] data, String section, int pos, int end) {
        this.data = data;
        this.section = section;
        this.pos = pos;
        this.end = end;
    }

    /** A cursor over {@code length} bytes from here; this one moves past them. */
    ByteCursor slice(long length) {
        need(length);
        ByteCursor c = new ByteCursor(data, section, pos, pos + (int) length);
        pos += (int) length;
        return c;
    }

    /** A cursor over the whole section at {@code offset}. */
    ByteCursor at(long offset) {
        if (offset < 0 || offset > data.length) throw DwarfException.format("%s: offset 0x%x is outside the section (0x%x bytes)", section, offset, data.length);
        return new ByteCursor(data, section, (int) offset, data.length);
    }

    int position() { return pos; }

    void seek(int position) {
        if (position < 0 || position > end) throw DwarfException.format("%s: offset 0x%x is outside its unit", section, position);
        pos = position;
    }

    boolean atEnd() { return pos >= end; }

    int end() { return end; }

    String section() { return section; }

    private void need(long n) {
        if (n < 0 || pos + n > end) throw DwarfException.format("%s is truncated at offset 0x%x (0x%x more bytes wanted)", section, pos, n);
    }

    int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    int s8() {
        need(1);
        return data[pos++];
    }

    int u16() {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    long u24() {
        return u16() | (long) u8() << 16;
    }

    long u32() {
        need(4);
        long v = (data[pos] & 0xFFL) | (data[pos + 1] & 0xFFL) << 8 | (data[pos + 2] & 0xFFL) << 16 | (data[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    long u64() {
        long lo = u32();
        return lo | u32() << 32;
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8). */
    long unsigned(int size) {
        switch (size) {
            case 1: return u8();
            case 2: return u16();
            case 4: return u32();
            case 8: return u64();
            default: throw DwarfException.format("%s: unsupported value size %d", section, size);
        }
    }

    long uleb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift < 64) result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) return result;
        }
    }

    long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** A NUL-terminated UTF-8 string. */
    String cstring() {
        int start = pos;
        while (true) {
            need(1);
            if (data[pos++] == 0) return new String(data, start, pos - 1 - start, StandardCharsets.UTF_8);
        }
    }

    /** The NUL-terminated string at {@code offset} of this section (a string table). */
    String stringAt(long offset) {
        return at(offset).cstring();
    }

    /** The next {@code n} bytes, copied; the cursor moves past them. */
    byte[] bytes(long n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    void skip(long n) {
        need(n);
        pos += (int) n;
    }

    /** An initial length (DWARF 5 7.4): 32-bit, or 0xffffffff then a 64-bit length; sets {@code offsetSize[0]}. */
    long initialLength(int[] offsetSize) {
        long len = u32();
        if (len == 0xFFFF_FFFFL) {
            offsetSize[0] = 8;
            return u64();
        }
        if (len >= 0xFFFF_FFF0L) throw DwarfException.format("%s: reserved unit length 0x%x at offset 0x%x", section, len, pos - 4);
        offsetSize[0] = 4;
        return len;
    }
}
