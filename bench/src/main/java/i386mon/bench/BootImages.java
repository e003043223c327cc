package i386mon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel module's boot sector ({@code kernel/src/main/rom/bootsector.S}: it prints three lines
 * to COM1, enters protected mode and back and writes 0 to isa-debug-exit) as the first sector of the
 * media SeaBIOS boots in the benchmark's boot row: a 1 MiB IDE disk and a 1.44 MB floppy. Each image
 * is written once as a file, removed when the JVM exits; both sides open it with {@code -snapshot}.
 */
final class BootImages {
    /** A medium: its name in the tables, QEMU's {@code -drive if=} and the image's size in bytes. */
    record Medium(String name, String driveInterface, int bytes) { }

    static final List<Medium> MEDIA = List.of(new Medium("disk", "ide", 1 << 20), new Medium("floppy", "floppy", 1_474_560));

    private static final String RESOURCE = "i386mon/kernel/bootsector.bin";

    private final byte[] bootSector;
    private final Map<Medium, Path> files = new LinkedHashMap<>();

    private BootImages(byte[] bootSector) {
        this.bootSector = bootSector;
    }

    static BootImages load() {
        try (InputStream in = BootImages.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the classpath (was the kernel module built?)");
            byte[] b = in.readAllBytes();
            if (b.length != 512) throw new IllegalStateException(RESOURCE + " is " + b.length + " bytes, not a 512-byte boot sector");
            return new BootImages(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options that put the medium's image in its drive, the same for i386mon and QEMU. */
    List<String> driveOptions(Medium m) {
        return List.of("-drive", "file=" + file(m) + ",format=raw,if=" + m.driveInterface(), "-snapshot");
    }

    /** The medium's image: the boot sector, then zeros up to its size. */
    synchronized Path file(Medium m) {
        Path f = files.get(m);
        if (f == null) {
            try {
                f = Files.createTempFile("i386mon-bench-" + m.name(), ".img");
                f.toFile().deleteOnExit();
                byte[] image = new byte[m.bytes()];
                System.arraycopy(bootSector, 0, image, 0, bootSector.length);
                Files.write(f, image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.put(m, f);
        }
        return f;
    }
}
