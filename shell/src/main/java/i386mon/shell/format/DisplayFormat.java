package i386mon.shell.format;

/**
 * QEMU's {@code /[count][format][size]} suffix and the defaults it remembers between commands.
 *
 * <p>As in QEMU, the format and unit size are shared by {@code x}, {@code xp}, {@code print},
 * {@code i} and {@code o}: the last ones given become the defaults (initially {@code x} and 4
 * bytes). Format {@code i} leaves the remembered size alone and has no size of its own unless one
 * is given. Format {@code s} (strings, for {@code x}) is not remembered.
 */
public final class DisplayFormat {
    private char defaultFormat = 'x';
    private int defaultSize = 4;

    /** A parsed suffix: how many units, which format, the unit size (-1 = none, for {@code i}). */
    public record Spec(int count, char format, int size) { }

    /**
     * Parses the text after the slash (e.g. {@code "4xw"}), or the absence of a suffix when
     * {@code suffix} is null, and updates the remembered defaults the way QEMU does.
     */
    public Spec parse(String suffix) {
        if (suffix == null) {
            return new Spec(1, defaultFormat, defaultFormat == 'i' ? -1 : defaultSize);
        }
        int p = 0;
        int count = 1;
        if (p < suffix.length() && Character.isDigit(suffix.charAt(p))) {
            long c = 0;
            while (p < suffix.length() && Character.isDigit(suffix.charAt(p))) {
                c = c * 10 + (suffix.charAt(p++) - '0');
                if (c > 1 << 24) throw new FormatException("count too large in format: /" + suffix);
            }
            count = (int) c;
        }
        char format = 0;
        int size = -1;
        for (; p < suffix.length(); p++) {
            char ch = suffix.charAt(p);
            switch (ch) {
                case 'o': case 'd': case 'u': case 'x': case 'i': case 'c': case 't': format = ch; break;
                case 's': format = ch; break; // gdb's strings: count is how many NUL-terminated strings
                case 'a': format = ch; size = 4; break; // gdb's address format: a pointer-sized unit with its symbol
                case 'b': size = 1; break;
                case 'h': size = 2; break;
                case 'w': size = 4; break;
                case 'g': case 'L': size = 8; break;
                default: throw new FormatException("invalid char in format: '" + ch + "'");
            }
        }
        if (format == 0) format = defaultFormat;
        // as gdb's x/s: bytes up to a NUL; not remembered, so that print keeps a number format
        if (format == 's') return new Spec(count, format, 1);
        if (format == 'a' && size != 4) throw new FormatException("format a is for 32-bit addresses: no size letter other than w");
        if (format != 'i') {
            if (size < 0) size = defaultSize;
            defaultSize = size;
        }
        defaultFormat = format;
        return new Spec(count, format, size);
    }

    public char defaultFormat() {
        return defaultFormat;
    }

    public int defaultSize() {
        return defaultSize;
    }
}
