package i386mon.machine.storage;

import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw disk image: sectors are read from the file when the guest asks for them (a 4 GiB image
 * costs nothing until read) and written to it at once, so the host's page cache holds every guest
 * write even if i386mon dies; {@link #flush} (the guest's FLUSH CACHE, and closing) forces them to
 * the disk. Opened {@link Mode#OVERLAY} (QEMU's {@code -snapshot}, or read-only), the file is never
 * written: the guest's writes are kept in memory and read back from there.
 *
 * <p>As a snapshot part it saves the overlay's sectors (so loadvm restores a {@code -snapshot}
 * disk as it was); writes that reached the file are not undone by loadvm.
 */
public final class DiskImage implements Stateful, AutoCloseable {
    public static final int SECTOR = 512;

    /** Where the guest's writes go. */
    public enum Mode { WRITE_BACK, OVERLAY }

    private final Path file;
    private final FileChannel channel;
    private final long sectors;
    private final Mode mode;
    /** Sectors written in overlay mode, by number. */
    private final Map<Long, byte[]> overlay = new TreeMap<>();

    private DiskImage(Path file, FileChannel channel, long sectors, Mode mode) {
        this.file = file;
        this.channel = channel;
        this.sectors = sectors;
        this.mode = mode;
    }

    /**
     * Opens {@code file}; a missing or unreadable file, an empty one or one whose size is not a
     * whole number of {@code sectorSize} units is refused with a one-line {@link DiskImageException}.
     */
    public static DiskImage open(Path file, Mode mode, int sectorSize) {
        long size;
        FileChannel ch;
        try {
            if (Files.isDirectory(file)) throw new DiskImageException("disk image " + file + " is a directory");
            ch = mode == Mode.WRITE_BACK ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
            size = ch.size();
        } catch (NoSuchFileException e) {
            throw new DiskImageException("disk image " + file + " does not exist");
        } catch (IOException e) {
            throw new DiskImageException("cannot open disk image " + file + ": " + reason(e));
        }
        if (size == 0 || size % sectorSize != 0) {
            close(ch);
            throw new DiskImageException(size == 0 ? "disk image " + file + " is empty"
                    : "disk image " + file + " is " + size + " bytes, not a multiple of " + sectorSize);
        }
        return new DiskImage(file, ch, size / SECTOR, mode);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : m == null ? e.getClass().getSimpleName() : m;
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // refusing the image anyway: the close failure adds nothing
        }
    }

    public Path file() { return file; }

    /** The image's size in 512-byte sectors. */
    public long sectors() { return sectors; }

    public Mode mode() { return mode; }

    /** Reads {@code count} sectors from {@code sector} into {@code buf} at {@code off}; the caller checked the range. */
    public void read(long sector, byte[] buf, int off, int count) {
        checkRange(sector, count);
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, off, count * SECTOR);
            long pos = sector * SECTOR;
            while (b.hasRemaining()) {
                int n = channel.read(b, pos);
                if (n < 0) { // the file shrank under us: the rest reads as zeros
                    while (b.hasRemaining()) b.put((byte) 0);
                    break;
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading disk image " + file, e);
        }
        for (int i = 0; i < count && !overlay.isEmpty(); i++) {
            byte[] s = overlay.get(sector + i);
            if (s != null) System.arraycopy(s, 0, buf, off + i * SECTOR, SECTOR);
        }
    }

    /** Writes {@code count} sectors at {@code sector} from {@code buf} at {@code off}: to the file, or to the overlay. */
    public void write(long sector, byte[] buf, int off, int count) {
        checkRange(sector, count);
        if (mode == Mode.OVERLAY) {
            for (int i = 0; i < count; i++) {
                byte[] s = new byte[SECTOR];
                System.arraycopy(buf, off + i * SECTOR, s, 0, SECTOR);
                overlay.put(sector + i, s);
            }
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, off, count * SECTOR);
            long pos = sector * SECTOR;
            while (b.hasRemaining()) pos += channel.write(b, pos);
        } catch (IOException e) {
            throw new UncheckedIOException("writing disk image " + file, e);
        }
    }

    private void checkRange(long sector, int count) {
        if (sector < 0 || count < 0 || sector + count > sectors) {
            throw new IllegalArgumentException("sectors " + sector + "+" + count + " beyond the end of " + file);
        }
    }

    /** Forces written sectors to the disk (nothing to do for an overlay). */
    public void flush() {
        if (mode == Mode.OVERLAY || !channel.isOpen()) return;
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("flushing disk image " + file, e);
        }
    }

    /** Flushes and closes the file; an overlay's writes are dropped, as QEMU's -snapshot drops them. */
    @Override
    public void close() {
        if (!channel.isOpen()) return;
        flush();
        close(channel);
    }

    @Override
    public void saveState(StateWriter out) {
        out.i64(sectors);
        out.i32(overlay.size());
        for (Map.Entry<Long, byte[]> e : overlay.entrySet()) {
            out.i64(e.getKey());
            out.bytes(e.getValue());
        }
    }

    @Override
    public void restoreState(StateReader in) {
        if (in.i64() != sectors) throw new i386mon.machine.state.StateFormatException("the snapshot's disk " + file + " has another size");
        overlay.clear();
        int n = in.i32();
        for (int i = 0; i < n; i++) {
            long s = in.i64();
            byte[] b = in.bytes();
            if (b.length != SECTOR) throw new i386mon.machine.state.StateFormatException("the snapshot's overlay of " + file + " is corrupted");
            overlay.put(s, b);
        }
    }
}
