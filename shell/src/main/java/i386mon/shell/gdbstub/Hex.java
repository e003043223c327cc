package i386mon.shell.gdbstub;

/** Hex digits as the remote protocol writes them: lower case, bytes in memory order. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() { }

    static String of(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) sb.append(DIGITS[(b[i] >> 4) & 0xF]).append(DIGITS[b[i] & 0xF]);
        return sb.toString();
    }

    static String of(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return of(b, 0, b.length);
    }

    /** The bytes of an even-length hex string; null when it is not one. */
    static byte[] bytes(String hex) {
        if (hex.length() % 2 != 0) return null;
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16), lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    /** An unsigned hex number of at most {@code maxDigits} digits, or -1 when it is not one. */
    static long number(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) return -1;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) return -1;
            v = v << 4 | d;
        }
        return v;
    }

    /** {@code value} as {@code bytes} little-endian bytes in hex (a register as the protocol sends it). */
    static String littleEndian(long value, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            int b = i < 8 ? (int) (value >>> (8 * i)) & 0xFF : 0;
            sb.append(DIGITS[b >> 4]).append(DIGITS[b & 0xF]);
        }
        return sb.toString();
    }
}
