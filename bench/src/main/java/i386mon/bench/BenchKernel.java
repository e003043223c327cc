package i386mon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark kernel, {@code bench.elf}, built by the kernel module beside the demo kernels (a
 * classpath resource, not listed among the bootable demos), as bytes for an in-JVM machine and as a
 * file for the whole-process runs of i386mon and QEMU.
 */
final class BenchKernel {
    static final String NAME = "bench.elf";
    private static final String RESOURCE = "i386mon/kernel/" + NAME;

    private final byte[] image;
    private Path file;

    private BenchKernel(byte[] image) {
        this.image = image;
    }

    static BenchKernel load() {
        try (InputStream in = BenchKernel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the classpath (was the kernel module built?)");
            return new BenchKernel(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] image() {
        return image;
    }

    /** The image as a file (written once, removed when the JVM exits). */
    synchronized Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("i386mon-bench", ".elf");
                file.toFile().deleteOnExit();
                Files.write(file, image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
