package i386mon.machine.firmware;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian table bytes, written field by field, with the byte checksums the specifications use. */
final class TableWriter {
    private byte[] bytes = new byte[64];
    private int length;

    TableWriter u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
        return this;
    }

    TableWriter u16(int v) { return u8(v).u8(v >>> 8); }

    TableWriter u32(long v) { return u16((int) v).u16((int) (v >>> 16)); }

    /** {@code text} in exactly {@code width} ASCII bytes, padded with spaces (OEM and product ids). */
    TableWriter ascii(String text, int width) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length > width) throw new IllegalArgumentException("'" + text + "' is longer than " + width + " bytes");
        for (int i = 0; i < width; i++) u8(i < b.length ? b[i] : ' ');
        return this;
    }

    TableWriter zeros(int n) {
        for (int i = 0; i < n; i++) u8(0);
        return this;
    }

    TableWriter bytes(byte[] b) {
        for (byte x : b) u8(x);
        return this;
    }

    int length() { return length; }

    void put16(int at, int v) {
        bytes[at] = (byte) v;
        bytes[at + 1] = (byte) (v >>> 8);
    }

    void put32(int at, long v) {
        put16(at, (int) v);
        put16(at + 2, (int) (v >>> 16));
    }

    /** Stores at {@code at} the byte that makes bytes {@code from} to {@code to} (exclusive) sum to 0 mod 256. */
    void checksum(int at, int from, int to) {
        bytes[at] = 0;
        bytes[at] = (byte) -sum(bytes, from, to);
    }

    byte[] toArray() { return Arrays.copyOf(bytes, length); }

    static int sum(byte[] b, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) s += b[i];
        return s & 0xFF;
    }

    private void ensure(int n) {
        if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
}
