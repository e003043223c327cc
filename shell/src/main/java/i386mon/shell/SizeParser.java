package i386mon.shell;

import i386mon.shell.session.CommandException;
import java.util.Locale;

/** Parses {@code -m} sizes as QEMU does: K, M or G suffixes, a plain number meaning MiB. */
final class SizeParser {
    /** The machine's RAM: 2 MiB to 3 GiB, in whole 4 KiB pages. */
    static final long MIN = 2L << 20, MAX = 3L << 30;

    private SizeParser() { }

    static long parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1L << 20;
        if (t.endsWith("B") && t.length() > 1 && "KMG".indexOf(t.charAt(t.length() - 2)) >= 0) t = t.substring(0, t.length() - 1);
        if (t.endsWith("K")) { unit = 1L << 10; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("M")) { unit = 1L << 20; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("G")) { unit = 1L << 30; t = t.substring(0, t.length() - 1); }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new CommandException("bad memory size: " + text + " (e.g. 64M or 1G)");
        }
        if (n <= 0 || n > MAX / unit + 1 || n * unit > MAX || n * unit < MIN) {
            throw new CommandException("memory size out of range: " + text + " (2M to 3G)");
        }
        if ((n * unit & 0xFFF) != 0) throw new CommandException("memory size must be a whole number of 4 KiB pages: " + text);
        return n * unit;
    }
}
