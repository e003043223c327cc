package i386mon.machine.floppy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw diskette image file: sectors are read from the file when the guest reads them (nothing is
 * loaded up front) and written to it when the guest writes them, through the host's page cache
 * (write-back); {@link #flush} forces them to the disk. Its size picks the geometry
 * ({@link FloppyGeometry#bySize}). A small class of its own until the disk-image class of the
 * storage work can serve floppies too.
 */
public final class FloppyImage implements AutoCloseable {
    private final Path path;
    private final FileChannel file;
    private final FloppyGeometry geometry;
    private final boolean readOnly;

    private FloppyImage(Path path, FileChannel file, FloppyGeometry geometry, boolean readOnly) {
        this.path = path;
        this.file = file;
        this.geometry = geometry;
        this.readOnly = readOnly;
    }

    /**
     * Opens {@code path} (read-only if asked, or if the file cannot be written). Throws
     * IllegalArgumentException with one line saying what is wrong: a missing file, an empty one,
     * a size that is no diskette's.
     */
    public static FloppyImage open(Path path, boolean readOnly) {
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
        boolean ro = readOnly || !Files.isWritable(path);
        try {
            FileChannel ch = ro ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new FloppyImage(path, ch, g, ro);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("floppy image " + path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("floppy image " + path + ": " + e.getMessage());
        }
    }

    public Path path() { return path; }

    public FloppyGeometry geometry() { return geometry; }

    public boolean readOnly() { return readOnly; }

    /** Reads sector {@code lba} (0-based) into {@code buf}; false (and zeros) if it is beyond the image or unreadable. */
    public boolean read(int lba, byte[] buf) {
        java.util.Arrays.fill(buf, 0, FloppyGeometry.SECTOR_SIZE, (byte) 0);
        if (lba < 0 || lba >= geometry.totalSectors()) return false;
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, FloppyGeometry.SECTOR_SIZE);
            long at = (long) lba * FloppyGeometry.SECTOR_SIZE;
            while (b.hasRemaining()) {
                if (file.read(b, at + b.position()) < 0) return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code buf} to sector {@code lba}; false if read-only, beyond the image or the host write failed. */
    public boolean write(int lba, byte[] buf) {
        if (readOnly || lba < 0 || lba >= geometry.totalSectors()) return false;
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, FloppyGeometry.SECTOR_SIZE);
            long at = (long) lba * FloppyGeometry.SECTOR_SIZE;
            while (b.hasRemaining()) file.write(b, at + b.position());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Forces written sectors to the host's disk. */
    public void flush() {
        if (readOnly) return;
        try {
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("floppy image " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing a file we only read and forced loses nothing
            }
        }
    }
}
