package i386mon.machine.debug;

/**
 * Hexadecimal digits without {@code java.util.Formatter}: a batch run prints little more than its
 * stop line, and Formatter's first use (its locale data and providers) took some 12 ms at the end
 * of every such run (#15).
 */
public final class Hex {
    private Hex() { }

    /** {@code v} in lower-case hex, at least {@code digits} of them, as {@code %0Nx} prints an int. */
    public static String padded(int v, int digits) {
        String s = Integer.toHexString(v);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }
}
