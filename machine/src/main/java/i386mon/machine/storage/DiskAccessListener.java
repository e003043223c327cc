package i386mon.machine.storage;

/** Told of every transfer between a drive and its image (the instruction history marks them). */
@FunctionalInterface
public interface DiskAccessListener {
    /** {@code count} sectors from {@code lba} read or written by the drive at IDE {@code position} (0-3). */
    void transferred(int position, boolean write, long lba, int count);
}
