package i386mon.machine.floppy;

import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.storage.DiskImage;
import i386mon.machine.storage.DiskImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw diskette image file: a {@link DiskImage} of 512-byte sectors (read when the guest reads
 * them, written through the host's page cache; {@link #flush} forces them to the disk) whose size
 * picks the geometry ({@link FloppyGeometry#bySize}). Opened for {@code -snapshot}, the guest's
 * writes stay in the disk image's in-memory overlay and the file is never written, as QEMU's
 * {@code -snapshot} treats floppies too; read-only, the guest sees a write-protected diskette.
 */
public final class FloppyImage implements AutoCloseable {
    private final Path path;
    private final DiskImage disk;
    private final FloppyGeometry geometry;
    private final boolean readOnly;

    private FloppyImage(Path path, DiskImage disk, FloppyGeometry geometry, boolean readOnly) {
        this.path = path;
        this.disk = disk;
        this.geometry = geometry;
        this.readOnly = readOnly;
    }

    /** {@link #open(Path, boolean, boolean)} without {@code -snapshot}. */
    public static FloppyImage open(Path path, boolean readOnly) { return open(path, readOnly, false); }

    /**
     * Opens {@code path}: read-only if asked, or if the file cannot be written (unless
     * {@code snapshot}, which never writes it). Throws IllegalArgumentException with one line saying
     * what is wrong: a missing file, an empty one, a size that is no diskette's.
     */
    public static FloppyImage open(Path path, boolean readOnly, boolean snapshot) {
        long size;
        try {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("floppy image " + path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
            }
            size = Files.size(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("floppy image " + path + ": " + e.getMessage());
        }
        FloppyGeometry g = FloppyGeometry.bySize(size);
        if (g == null) {
            throw new IllegalArgumentException("floppy image " + path + ": " + size + " bytes is not the size of a diskette "
                    + "(e.g. 737280 for 720 KB, 1474560 for 1.44 MB, 2949120 for 2.88 MB)");
        }
        boolean ro = readOnly || !snapshot && !Files.isWritable(path);
        try {
            DiskImage disk = DiskImage.open(path, ro || snapshot ? DiskImage.Mode.OVERLAY : DiskImage.Mode.WRITE_BACK, FloppyGeometry.SECTOR_SIZE);
            return new FloppyImage(path, disk, g, ro);
        } catch (DiskImageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public Path path() { return path; }

    public FloppyGeometry geometry() { return geometry; }

    public boolean readOnly() { return readOnly; }

    /** The guest's writes stay in memory ({@code -snapshot}): the file is never written. */
    public boolean snapshot() { return !readOnly && disk.mode() == DiskImage.Mode.OVERLAY; }

    /** Reads sector {@code lba} (0-based) into {@code buf}; false (and zeros) if it is beyond the image or unreadable. */
    public boolean read(int lba, byte[] buf) {
        java.util.Arrays.fill(buf, 0, FloppyGeometry.SECTOR_SIZE, (byte) 0);
        if (lba < 0 || lba >= geometry.totalSectors()) return false;
        try {
            disk.read(lba, buf, 0, 1);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Writes {@code buf} to sector {@code lba}; false if read-only, beyond the image or the host write failed. */
    public boolean write(int lba, byte[] buf) {
        if (readOnly || lba < 0 || lba >= geometry.totalSectors()) return false;
        try {
            disk.write(lba, buf, 0, 1);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Forces written sectors to the host's disk (nothing to do for a snapshot's overlay). */
    public void flush() { disk.flush(); }

    /** Saves the {@code -snapshot} overlay's sectors (for savevm); the file's contents are not state. */
    public void saveOverlay(StateWriter out) { disk.saveState(out); }

    /** Restores what {@link #saveOverlay} wrote. */
    public void restoreOverlay(StateReader in) { disk.restoreState(in); }

    @Override
    public void close() { disk.close(); }
}
