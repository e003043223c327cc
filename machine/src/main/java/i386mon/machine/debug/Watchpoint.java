package i386mon.machine.debug;

/**
 * One watchpoint: {@code length} bytes at {@code address} in the linear or physical address
 * space, or (space {@link Space#PAGE_ENTRIES}) the paging-structure entries that translate the
 * linear address {@code address}, wherever CR3 and the directory entry currently put them.
 */
public record Watchpoint(int id, Space space, long address, int length, WatchAccess access) {
    public enum Space { LINEAR, PHYSICAL, PAGE_ENTRIES }

    boolean covers(long start, int size) {
        return start < address + length && address < start + size;
    }

    @Override
    public String toString() {
        switch (space) {
            case PAGE_ENTRIES: return String.format("watchpoint %d: page entries of 0x%08x (writes)", id, address);
            case PHYSICAL: return String.format("watchpoint %d: physical 0x%x len %d (%s)", id, address, length, access.shortName());
            default: return String.format("watchpoint %d: linear 0x%08x len %d (%s)", id, address, length, access.shortName());
        }
    }
}
