package i386mon.shell.guest;

/**
 * One TLB entry: a 4 KiB linear page, the frame it maps to, the size of the page it came from,
 * permissions as "s:rwx u:r-x", global, whether writes already set Dirty, and why it is stale
 * (null when it still matches the page tables).
 */
public record CachedTranslation(long linear, long frame, int pageSize, String permissions, boolean global,
                                boolean dirtyKnown, String stale) {
    @Override
    public String toString() {
        String size = pageSize >= 1 << 20 ? (pageSize >>> 20) + "M" : (pageSize >>> 10) + "K";
        return String.format("0x%08x -> 0x%x %s %s%s%s%s", linear, frame, size, permissions, global ? " G" : "",
                dirtyKnown ? " D" : "", stale == null ? "" : "  STALE: " + stale);
    }
}
