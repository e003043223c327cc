package i386mon.machine.storage;

/**
 * The CHS geometry a disk reports, guessed as QEMU's hw/block/hd-geometry.c does: from the MBR's
 * partition table when its first usable entry ends on a cylinder boundary with at most 16 heads,
 * else 16 heads and 63 sectors per track with as many cylinders as fit (2 to 16383).
 */
public record DiskGeometry(int cylinders, int heads, int sectors) {
    private static final int MAX_CYLINDERS = 16383;

    /** The geometry QEMU gives an image of {@code totalSectors} sectors whose first sector is {@code mbr}. */
    public static DiskGeometry guess(byte[] mbr, long totalSectors) {
        DiskGeometry lchs = fromPartitionTable(mbr, totalSectors);
        return lchs != null && lchs.heads <= 16 ? lchs : forSize(totalSectors);
    }

    /** The standard physical geometry for a size. */
    static DiskGeometry forSize(long totalSectors) {
        long cylinders = Math.max(2, Math.min(MAX_CYLINDERS, totalSectors / (16 * 63)));
        return new DiskGeometry((int) cylinders, 16, 63);
    }

    /** guess_disk_lchs: the first partition entry with sectors and an end head gives heads and sectors. */
    private static DiskGeometry fromPartitionTable(byte[] mbr, long totalSectors) {
        if (mbr.length < 512 || (mbr[510] & 0xFF) != 0x55 || (mbr[511] & 0xFF) != 0xAA) return null;
        for (int i = 0; i < 4; i++) {
            int e = 0x1BE + 16 * i;
            long count = (mbr[e + 12] & 0xFFL) | (mbr[e + 13] & 0xFFL) << 8 | (mbr[e + 14] & 0xFFL) << 16 | (mbr[e + 15] & 0xFFL) << 24;
            int endHead = mbr[e + 5] & 0xFF;
            if (count == 0 || endHead == 0) continue;
            int heads = endHead + 1;
            int sectors = mbr[e + 6] & 63;
            if (sectors == 0) continue;
            long cylinders = totalSectors / ((long) heads * sectors);
            if (cylinders < 1 || cylinders > MAX_CYLINDERS) continue;
            return new DiskGeometry((int) cylinders, heads, sectors);
        }
        return null;
    }
}
