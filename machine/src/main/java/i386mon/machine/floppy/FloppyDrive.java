package i386mon.machine.floppy;

/**
 * One drive: its head position (track, head, sector), the geometry of the diskette in it, and
 * the disk-change line. Positions are as QEMU's fdc keeps them, so result bytes match.
 */
public final class FloppyDrive {
    /** The diskette; wiring, not snapshot state (the image file keeps its own contents). */
    private transient FloppyImage image;
    FloppyGeometry.DriveType type = FloppyGeometry.DriveType.NONE;
    int track;
    int head;
    int sector;
    int lastSector;
    int maxTrack;
    boolean doubleSided;
    boolean readOnly = true;
    int mediaRate;
    int perpendicular;
    /** The disk-change line (DIR bit 7): set at insertion, cleared by a step with a diskette in. */
    boolean mediaChanged = true;

    /** Puts {@code img} in the drive; the drive type follows the diskette, as QEMU's type auto. */
    void insert(FloppyImage img) {
        image = img;
        FloppyGeometry g = img.geometry();
        type = g.drive();
        lastSector = g.sectors();
        maxTrack = g.tracks();
        doubleSided = g.heads() == 2;
        readOnly = img.readOnly();
        mediaRate = g.rate();
        mediaChanged = true;
    }

    /**
     * Connects the drive with no diskette in it, as QEMU's default floppy drive A: the type is
     * QEMU's fallback for an empty drive (2.88 MB), and seeks move the head over QEMU's 255 tracks
     * and sectors (its fd_empty_seek_hack) while every transfer fails for want of a medium.
     */
    void attachEmpty() {
        image = null;
        type = FloppyGeometry.DriveType.DRIVE_288;
        lastSector = EMPTY_SEEK_LIMIT;
        maxTrack = EMPTY_SEEK_LIMIT;
        doubleSided = false;
        readOnly = false;
        mediaChanged = true;
    }

    private static final int EMPTY_SEEK_LIMIT = 0xFF;

    /** A drive is connected, with or without a diskette. */
    public boolean connected() { return type != FloppyGeometry.DriveType.NONE; }

    public FloppyImage image() { return image; }

    public FloppyGeometry.DriveType type() { return type; }

    public int track() { return track; }

    public int head() { return head; }

    public int sector() { return sector; }

    public boolean mediaChanged() { return mediaChanged; }

    int sides() { return doubleSided ? 2 : 1; }

    /** The 0-based sector number of track/head/sector on this diskette. */
    int lba(int h, int t, int s) { return (t * sides() + h) * lastSector + s - 1; }

    int lba() { return lba(head, track, sector); }

    /** Seek results, as QEMU's fd_seek returns them. */
    static final int SAME_TRACK = 0, NEW_TRACK = 1, BAD_TRACK = 2, BAD_SECTOR = 3;

    /**
     * Moves to head {@code h}, track {@code t}, sector {@code s}: {@link #BAD_TRACK} if there is
     * no such track or side (or no diskette: the head moves all the same), {@link #BAD_SECTOR}
     * beyond the last sector, else whether the track changed.
     */
    int seek(int h, int t, int s) {
        if (t > maxTrack || h != 0 && !doubleSided) return BAD_TRACK;
        if (s > lastSector) return BAD_SECTOR;
        int ret = SAME_TRACK;
        if (lba(h, t, s) != lba()) {
            head = h;
            if (track != t) {
                if (image != null) mediaChanged = false;
                ret = NEW_TRACK;
            }
            track = t;
            sector = s;
        }
        return image == null ? BAD_TRACK : ret;
    }
}
