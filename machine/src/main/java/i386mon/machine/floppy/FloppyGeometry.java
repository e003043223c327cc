package i386mon.machine.floppy;

import java.util.List;

/**
 * A diskette format: the drive type it belongs to, sectors per track, tracks, heads and data
 * rate. {@link #bySize} picks the format of a raw image from its size the way QEMU's fdc does with
 * drive type auto: the first entry of QEMU's table with that many sectors.
 */
public record FloppyGeometry(DriveType drive, int sectors, int tracks, int heads, int rate) {
    /** Drive types as the CMOS byte 0x10 nibbles encode them. */
    public enum DriveType {
        NONE(0), DRIVE_120(2), DRIVE_144(4), DRIVE_288(5);

        private final int cmos;

        DriveType(int cmos) { this.cmos = cmos; }

        /** The CMOS drive-type nibble (register 0x10). */
        public int cmosCode() { return cmos; }
    }

    /** Data rates as the DSR/CCR bits 0-1 select them. */
    public static final int RATE_500K = 0, RATE_300K = 1, RATE_250K = 2, RATE_1M = 3;

    /** QEMU's fd_formats table, in its order (the first match by size wins). */
    private static final List<FloppyGeometry> FORMATS = List.of(
            f(DriveType.DRIVE_144, 18, 80, 2, RATE_500K), f(DriveType.DRIVE_144, 20, 80, 2, RATE_500K),
            f(DriveType.DRIVE_144, 21, 80, 2, RATE_500K), f(DriveType.DRIVE_144, 21, 82, 2, RATE_500K),
            f(DriveType.DRIVE_144, 21, 83, 2, RATE_500K), f(DriveType.DRIVE_144, 22, 80, 2, RATE_500K),
            f(DriveType.DRIVE_144, 23, 80, 2, RATE_500K), f(DriveType.DRIVE_144, 24, 80, 2, RATE_500K),
            f(DriveType.DRIVE_288, 36, 80, 2, RATE_1M), f(DriveType.DRIVE_288, 39, 80, 2, RATE_1M),
            f(DriveType.DRIVE_288, 40, 80, 2, RATE_1M), f(DriveType.DRIVE_288, 44, 80, 2, RATE_1M),
            f(DriveType.DRIVE_288, 48, 80, 2, RATE_1M),
            f(DriveType.DRIVE_144, 9, 80, 2, RATE_250K), f(DriveType.DRIVE_144, 10, 80, 2, RATE_250K),
            f(DriveType.DRIVE_144, 10, 82, 2, RATE_250K), f(DriveType.DRIVE_144, 10, 83, 2, RATE_250K),
            f(DriveType.DRIVE_144, 13, 80, 2, RATE_250K), f(DriveType.DRIVE_144, 14, 80, 2, RATE_250K),
            f(DriveType.DRIVE_120, 15, 80, 2, RATE_500K), f(DriveType.DRIVE_120, 18, 80, 2, RATE_500K),
            f(DriveType.DRIVE_120, 18, 82, 2, RATE_500K), f(DriveType.DRIVE_120, 18, 83, 2, RATE_500K),
            f(DriveType.DRIVE_120, 20, 80, 2, RATE_500K),
            f(DriveType.DRIVE_120, 9, 80, 2, RATE_250K), f(DriveType.DRIVE_120, 11, 80, 2, RATE_250K),
            f(DriveType.DRIVE_120, 9, 40, 2, RATE_300K), f(DriveType.DRIVE_120, 9, 40, 1, RATE_300K),
            f(DriveType.DRIVE_120, 10, 41, 2, RATE_300K), f(DriveType.DRIVE_120, 10, 42, 2, RATE_300K),
            f(DriveType.DRIVE_120, 8, 40, 2, RATE_250K), f(DriveType.DRIVE_120, 8, 40, 1, RATE_250K),
            f(DriveType.DRIVE_144, 9, 80, 1, RATE_250K));

    private static FloppyGeometry f(DriveType d, int sectors, int tracks, int heads, int rate) {
        return new FloppyGeometry(d, sectors, tracks, heads, rate);
    }

    /** Bytes per sector: floppies here always have 512 (size code 2). */
    public static final int SECTOR_SIZE = 512;

    /** The format of an image of {@code bytes} bytes, or null if no diskette has that size. */
    public static FloppyGeometry bySize(long bytes) {
        if (bytes <= 0 || bytes % SECTOR_SIZE != 0) return null;
        for (FloppyGeometry g : FORMATS) if (g.totalSectors() * (long) SECTOR_SIZE == bytes) return g;
        return null;
    }

    public int totalSectors() { return sectors * tracks * heads; }

    /** The image's size in bytes. */
    public long bytes() { return (long) totalSectors() * SECTOR_SIZE; }

    /** "1.44 MB" style label: 1440 KiB and up in MB of 1000 KiB, as diskettes are labelled. */
    public String label() {
        long kib = bytes() / 1024;
        return kib >= 1000 ? String.format("%d.%02d MB", kib / 1000, kib % 1000 / 10) : kib + " KB";
    }
}
