package i386mon.shell.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats memory as QEMU's {@code x} and {@code xp} do: 16 bytes a line (8 for byte units), each
 * value right-aligned to the width of its largest value, "Cannot access memory" ending the dump
 * at the first line that cannot be read.
 */
public final class MemoryDump {
    /** Reads {@code len} bytes at {@code address}; returns null on success or why it cannot (may be ""). */
    @FunctionalInterface
    public interface Reader {
        String read(long address, byte[] out, int len);
    }

    private MemoryDump() { }

    /**
     * Dumps {@code count} 32-bit values as addresses (gdb's {@code x/a}), one a line, each followed
     * by {@code <symbol>} when {@code symbol} names it.
     */
    public static List<String> addresses(Reader reader, long address, int count, java.util.function.LongFunction<String> symbol) {
        List<String> lines = new ArrayList<>();
        byte[] buf = new byte[4];
        for (int i = 0; i < count; i++) {
            long addr = (address + 4L * i) & 0xFFFF_FFFFL;
            String failure = reader.read(addr, buf, 4);
            if (failure != null) {
                lines.add(String.format("%08x: Cannot access memory", addr) + (failure.isEmpty() ? "" : " (" + failure + ")"));
                break;
            }
            long v = littleEndian(buf, 0, 4);
            String name = symbol.apply(v);
            lines.add(String.format("%08x: 0x%08x", addr, v) + (name == null || name.isEmpty() || name.startsWith("0x") ? "" : " <" + name + ">"));
        }
        return lines;
    }

    /**
     * Dumps {@code count} units of {@code size} bytes in {@code format} ({@code o d u x c}) from
     * {@code address}; {@code physical} selects the 16-digit address column of {@code xp}.
     */
    public static List<String> dump(Reader reader, long address, int count, char format, int size, boolean physical) {
        List<String> lines = new ArrayList<>();
        long len = (long) size * count;
        int lineSize = size == 1 ? 8 : 16;
        int maxDigits;
        int unit = size;
        switch (format) {
            case 'o': maxDigits = (size * 8 + 2) / 3; break;
            case 'u': case 'd': maxDigits = (size * 8 * 10 + 32) / 33; break;
            case 'c': maxDigits = 0; unit = 1; break;
            case 't': maxDigits = size * 8; break;
            default: maxDigits = size * 2; break;
        }
        byte[] buf = new byte[16];
        long addr = address;
        while (len > 0) {
            StringBuilder sb = new StringBuilder();
            sb.append(physical ? String.format("%016x:", addr) : String.format("%08x:", addr & 0xFFFF_FFFFL));
            int l = (int) Math.min(len, lineSize);
            String failure = reader.read(addr, buf, l);
            if (failure != null) {
                sb.append(" Cannot access memory");
                if (!failure.isEmpty()) sb.append(" (").append(failure).append(')');
                lines.add(sb.toString());
                break;
            }
            for (int i = 0; i < l; i += unit) {
                long v = littleEndian(buf, i, unit);
                sb.append(' ').append(formatUnit(v, format, unit, maxDigits));
            }
            lines.add(sb.toString());
            addr += l;
            len -= l;
        }
        return lines;
    }

    /**
     * The same units as {@link #dump} as a JSON object: address, physical, format, size, the values
     * (unsigned integers; bytes for format c) and, when a line could not be read, where and why.
     */
    public static java.util.Map<String, Object> json(Reader reader, long address, int count, char format, int size, boolean physical) {
        int unit = format == 'c' ? 1 : size;
        long len = (long) size * count;
        int lineSize = size == 1 ? 8 : 16;
        List<Long> values = new ArrayList<>();
        String error = null;
        long errorAddress = 0;
        byte[] buf = new byte[16];
        for (long addr = address; len > 0; ) {
            int l = (int) Math.min(len, lineSize);
            String failure = reader.read(addr, buf, l);
            if (failure != null) {
                error = failure.isEmpty() ? "Cannot access memory" : "Cannot access memory (" + failure + ")";
                errorAddress = addr;
                break;
            }
            for (int i = 0; i < l; i += unit) values.add(littleEndian(buf, i, unit));
            addr += l;
            len -= l;
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("address", physical ? address : address & 0xFFFF_FFFFL);
        m.put("physical", physical);
        m.put("format", String.valueOf(format));
        m.put("size", unit);
        m.put("values", values);
        m.put("error", error);
        if (error != null) m.put("errorAddress", errorAddress);
        return m;
    }

    /** Strings longer than this are cut and end in ..., as gdb's default {@code print elements} limit. */
    static final int STRING_LIMIT = 200;

    /**
     * gdb's {@code x/s}: {@code count} NUL-terminated strings from {@code address}, one a line,
     * quoted, with the bytes that are not printable ASCII as C escapes.
     */
    public static List<String> strings(Reader reader, long address, int count) {
        List<String> lines = new ArrayList<>();
        byte[] b = new byte[1];
        long addr = address;
        for (int n = 0; n < count; n++) {
            String head = String.format("%08x: ", addr & 0xFFFF_FFFFL);
            StringBuilder text = new StringBuilder("\"");
            String failure;
            int len = 0;
            boolean cut = false;
            while ((failure = reader.read(addr, b, 1)) == null) {
                if (b[0] == 0) {
                    addr++;
                    break;
                }
                // the next string goes on from the first byte not shown, as gdb's does
                if (len == STRING_LIMIT) {
                    cut = true;
                    break;
                }
                text.append(escaped(b[0] & 0xFF));
                addr++;
                len++;
            }
            if (len > 0 || failure == null) lines.add(head + text.append(cut ? "\"..." : "\""));
            if (failure != null) {
                lines.add(String.format("%08x: Cannot access memory", addr & 0xFFFF_FFFFL) + (failure.isEmpty() ? "" : " (" + failure + ")"));
                break;
            }
        }
        return lines;
    }

    private static String escaped(int c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            default: return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\%03o", c);
        }
    }

    static long littleEndian(byte[] b, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xFF);
        return v;
    }

    private static String formatUnit(long v, char format, int size, int maxDigits) {
        switch (format) {
            case 'o': return pad(v == 0 ? "0" : "0" + Long.toOctalString(v), maxDigits);
            case 'u': return pad(Long.toUnsignedString(v), maxDigits);
            // QEMU 7.2 prints the zero-extended unit as a signed 64-bit number: only g units go negative
            case 'd': return pad(Long.toString(v), maxDigits);
            case 'c': return quotedChar((int) v);
            case 't': return zeroPad(Long.toBinaryString(v), maxDigits);
            default: return "0x" + zeroPad(Long.toHexString(v), maxDigits);
        }
    }

    /** QEMU's monitor_printc: a quoted character with \\n \\r \\' \\\\ and \\xNN escapes. */
    public static String quotedChar(int c) {
        c &= 0xFF;
        String body;
        switch (c) {
            case '\'': body = "\\'"; break;
            case '\\': body = "\\\\"; break;
            case '\n': body = "\\n"; break;
            case '\r': body = "\\r"; break;
            default: body = c >= 32 && c <= 126 ? String.valueOf((char) c) : String.format("\\x%02x", c);
        }
        return "'" + body + "'";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String zeroPad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
