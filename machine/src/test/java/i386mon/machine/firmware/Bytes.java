package i386mon.machine.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads little-endian fields of built tables in the tests. */
final class Bytes {
    private Bytes() { }

    static int u8(byte[] b, int at) { return b[at] & 0xFF; }

    static int u16(byte[] b, int at) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(at) & 0xFFFF; }

    static long u32(byte[] b, int at) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at) & 0xFFFF_FFFFL; }

    static String ascii(byte[] b, int at, int n) { return new String(b, at, n, StandardCharsets.US_ASCII); }

    static int sum(byte[] b, int from, int to) { return TableWriter.sum(b, from, to); }
}
