package i386mon.machine.boot;

/** A physical range the loader used: {@code start} inclusive, {@code end} exclusive. */
public record MemoryRange(String what, long start, long end) {
    public long size() { return end - start; }

    public boolean overlaps(long otherStart, long otherEnd) {
        return start < otherEnd && otherStart < end;
    }

    @Override
    public String toString() {
        return String.format("%s 0x%08X-0x%08X", what, start, end - 1);
    }
}
