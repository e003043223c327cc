package i386mon.machine.mmu;

/**
 * A run of present, valid translations with identical attributes, contiguous both linearly and
 * physically, as the monitor lists them. Permissions are the effective ones (SDM vol. 3, 4.6);
 * accessed/dirty/global/PCD/PWT are the leaf entry's bits (global as written, whether or not
 * CR4.PGE honours it).
 */
public record Mapping(long linear, long physical, long length, int pageSize, boolean user, boolean writable,
                      boolean executeDisable, boolean accessed, boolean dirty, boolean global, boolean pcd,
                      boolean pwt) {

    public long linearEnd() { return linear + length; }

    @Override
    public String toString() {
        return String.format("%08x-%08x -> %09x-%09x %s %s%s%s %s%s%s%s%s", linear, linearEnd() - 1, physical,
                physical + length - 1, Walk.sizeName(pageSize), user ? "u" : "s", writable ? "w" : "r",
                executeDisable ? " xd" : "", accessed ? "A" : "-", dirty ? "D" : "-", global ? "G" : "-",
                pcd ? " PCD" : "", pwt ? " PWT" : "");
    }
}
