package i386mon.machine.debug.dwarf;

import java.util.List;

/**
 * Where a variable lives (DWARF 5 section 2.6): one expression valid everywhere, or a location
 * list of {@code [start, end)} code ranges each with its expression. {@code error} says why the
 * location could not be read (then there are no entries); a variable without DW_AT_location has
 * no entries and no error: it is optimized out everywhere.
 */
public record Location(List<Entry> entries, String error) {
    /** An expression valid for pc in {@code [start, end)}; a single expression covers everything. */
    public record Entry(long start, long end, byte[] expression) { }

    public static final Location NONE = new Location(List.of(), null);

    public Location {
        entries = List.copyOf(entries);
    }

    static Location everywhere(byte[] expression) {
        return new Location(List.of(new Entry(0, 1L << 32, expression)), null);
    }

    static Location failed(String why) {
        return new Location(List.of(), why);
    }

    /** The expression that gives the value at {@code pc}, or null when none covers it. */
    public byte[] at(long pc) {
        for (Entry e : entries) if (pc >= e.start && pc < e.end) return e.expression;
        return null;
    }
}
