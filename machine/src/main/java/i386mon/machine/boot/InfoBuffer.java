package i386mon.machine.boot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds boot information structures as little-endian bytes destined for a fixed guest address. */
final class InfoBuffer {
    private final long base;
    private byte[] buf = new byte[1024];
    private int length;

    InfoBuffer(long base) {
        this.base = base;
    }

    long base() { return base; }

    /** The guest address of the next byte to be appended. */
    long here() { return base + length; }

    int length() { return length; }

    byte[] bytes() { return Arrays.copyOf(buf, length); }

    void align(int alignment) {
        reserve((int) (-length & (alignment - 1)));
    }

    /** Appends {@code n} zero bytes and returns the guest address of the first. */
    long reserve(int n) {
        if (length + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        long at = here();
        length += n;
        return at;
    }

    /** Appends the string's UTF-8 bytes and a NUL; returns its guest address. */
    long putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long at = reserve(b.length + 1);
        System.arraycopy(b, 0, buf, (int) (at - base), b.length);
        return at;
    }

    long putBytes(byte[] b) {
        long at = reserve(b.length);
        System.arraycopy(b, 0, buf, (int) (at - base), b.length);
        return at;
    }

    void append32(long value) { set32(reserve(4), value); }

    void append64(long value) { set64(reserve(8), value); }

    void set32(long addr, long value) {
        int o = (int) (addr - base);
        for (int i = 0; i < 4; i++) buf[o + i] = (byte) (value >>> (8 * i));
    }

    void set64(long addr, long value) {
        set32(addr, value);
        set32(addr + 4, value >>> 32);
    }
}
