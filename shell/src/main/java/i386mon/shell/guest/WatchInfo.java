package i386mon.shell.guest;

import java.util.List;

/**
 * A watchpoint as the machine holds it: {@code length} bytes at {@code address} (linear or
 * physical), or the page-table entries translating the linear {@code address} ({@link Space#PTE});
 * {@code entries} are the entries such a watchpoint covers now.
 */
public record WatchInfo(int id, Space space, long address, int length, Access access, List<Entry> entries) {
    public enum Space { LINEAR, PHYSICAL, PTE }

    public enum Access {
        READ("r"), WRITE("w"), READ_WRITE("rw");

        private final String shortName;

        Access(String shortName) { this.shortName = shortName; }

        public String shortName() { return shortName; }
    }

    /** One paging-structure entry a {@code watch pte} covers: its level and physical address. */
    public record Entry(String level, long address) { }
}
