package i386mon.shell;

import i386mon.shell.session.CommandException;
import java.util.Locale;

/** Parses {@code -m} sizes as QEMU does: K, M or G suffixes, a plain number meaning MiB. */
final class SizeParser {
    /** The machine's RAM is one Java array: at most 2047 MiB; at least 1 MiB for the low memory map. */
    static final long MIN = 1L << 20, MAX = 2047L << 20;

    private SizeParser() { }

    static int parse(String text) {
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
            throw new CommandException("memory size out of range: " + text + " (1M to 2047M)");
        }
        return (int) (n * unit);
    }
}
