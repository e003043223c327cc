package i386mon.machine.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The snapshot file format, version 1 (all integers big-endian):
 * <pre>
 *   magic       8 bytes  "I386SNAP"
 *   version     u32      1
 *   kernel      32 bytes SHA-256 of the booted kernel ELF (zeros: none booted)
 *   ram         u64      RAM size in bytes
 *   icount      u64      instructions retired when taken
 *   vmclock     u64      virtual nanoseconds when taken
 *   date        u64      host time taken, milliseconds since 1970
 *   header crc  u32      CRC-32 of the fields above
 *   sections    u32      count, then per section: name (u16 length + UTF-8), u32 length, u32 CRC-32, bytes
 *   memory      u32      page count, u32 stored pages, then per stored page (any page not listed is
 *                        zeros): u32 page number, u32 length, that many bytes of deflate data;
 *                        then u32 CRC-32 of everything in this memory block
 *   end         8 bytes  "SNAPEND!"
 * </pre>
 * A file is checked whole before the machine is touched: a bad magic, another version or kernel,
 * a checksum that does not match or a file that ends early is refused with one line.
 */
public final class SnapshotFile {
    static final byte[] MAGIC = "I386SNAP".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "SNAPEND!".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private SnapshotFile() { }

    /** Writes {@code s} to {@code file}, replacing it only once complete. */
    public static void write(Snapshot s, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path part = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                write(s, os);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            part = null;
        } finally {
            if (part != null) Files.deleteIfExists(part);
        }
    }

    static void write(Snapshot s, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.write(MAGIC);
        h.writeInt(VERSION);
        h.write(s.kernelIdentity());
        h.writeLong(s.memory().ramSize());
        h.writeLong(s.instructions());
        h.writeLong(s.virtualNanos());
        h.writeLong(s.takenAtMillis());
        out.write(header.toByteArray());
        out.writeInt(crc(header.toByteArray()));
        out.writeInt(s.sections().size());
        for (Map.Entry<String, byte[]> e : s.sections().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            out.writeInt(crc(e.getValue()));
            out.write(e.getValue());
        }
        MemoryImage m = s.memory();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(block);
        int stored = 0;
        for (int p = 0; p < m.pageCount(); p++) if (m.page(p) != null) stored++;
        b.writeInt(m.pageCount());
        b.writeInt(stored);
        for (int p = 0; p < m.pageCount(); p++) {
            byte[] page = m.page(p);
            if (page == null) continue;
            b.writeInt(p);
            b.writeInt(page.length);
            b.write(page);
        }
        byte[] mem = block.toByteArray();
        out.write(mem);
        out.writeInt(crc(mem));
        out.write(END);
        out.flush();
    }

    /** Reads and checks {@code file} whole; any problem is a {@link SnapshotException} naming it. */
    public static Snapshot read(Path file) {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(is);
        } catch (EOFException e) {
            throw new SnapshotException(file + " is truncated: it ends before the snapshot does");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SnapshotException(file + ": no such file");
        } catch (IOException e) {
            throw new SnapshotException("cannot read " + file + ": " + e.getMessage());
        } catch (SnapshotException e) {
            throw new SnapshotException(file + ": " + e.getMessage());
        }
    }

    static Snapshot read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) throw new SnapshotException("not an i386mon snapshot (no I386SNAP magic)");
        int version = in.readInt();
        if (version != VERSION) throw new SnapshotException("snapshot format version " + version + ", this i386mon reads version " + VERSION);
        byte[] kernel = new byte[32];
        in.readFully(kernel);
        long ram = in.readLong(), icount = in.readLong(), vmclock = in.readLong(), date = in.readLong();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.write(MAGIC);
        h.writeInt(version);
        h.write(kernel);
        h.writeLong(ram);
        h.writeLong(icount);
        h.writeLong(vmclock);
        h.writeLong(date);
        if (in.readInt() != crc(header.toByteArray())) throw new SnapshotException("the header is corrupted (checksum mismatch)");
        if (ram <= 0 || ram > (4L << 30) || (ram & 0xFFF) != 0) throw new SnapshotException("the header gives an impossible RAM size " + ram);
        int count = in.readInt();
        if (count < 0 || count > 10_000) throw new SnapshotException("the section count " + count + " is corrupted");
        Map<String, byte[]> sections = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int len = in.readInt(), crc = in.readInt();
            if (len < 0 || len > (64 << 20)) throw new SnapshotException("section " + name + " has an impossible length " + len);
            byte[] data = new byte[len];
            in.readFully(data);
            if (crc(data) != crc) throw new SnapshotException("section " + name + " is corrupted (checksum mismatch)");
            sections.put(name, data);
        }
        CRC32 memCrc = new CRC32();
        int pages = readInt(in, memCrc), stored = readInt(in, memCrc);
        if (pages != ram >>> 12 || stored < 0 || stored > pages) throw new SnapshotException("the memory block is corrupted");
        byte[][] image = new byte[pages][];
        for (int i = 0; i < stored; i++) {
            int p = readInt(in, memCrc), len = readInt(in, memCrc);
            if (p < 0 || p >= pages || len <= 0 || len > 2 * MemoryImage.PAGE) throw new SnapshotException("the memory block is corrupted");
            byte[] data = new byte[len];
            in.readFully(data);
            memCrc.update(data);
            image[p] = data;
        }
        if (in.readInt() != (int) memCrc.getValue()) throw new SnapshotException("the memory block is corrupted (checksum mismatch)");
        byte[] end = new byte[END.length];
        in.readFully(end);
        if (!Arrays.equals(end, END)) throw new SnapshotException("the end marker is missing: the file is truncated or corrupted");
        return new Snapshot(sections, new MemoryImage(ram, image), kernel, icount, vmclock, date);
    }

    private static int readInt(DataInputStream in, CRC32 crc) throws IOException {
        int v = in.readInt();
        crc.update(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        return v;
    }

    private static int crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return (int) c.getValue();
    }
}
