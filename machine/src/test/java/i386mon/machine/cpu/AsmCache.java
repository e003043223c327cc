package i386mon.machine.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Assembled snippets on disk, named by the SHA-256 of the toolchain's version and the snippet's
 * origin and source, so they survive the JVM: the CPU tests run twice per build (interpreted and
 * compiled) and are rebuilt often. The directory is target/asm-cache (system property
 * {@code i386mon.asmCache}, set by the pom); {@code mvn clean} empties it. Files are written
 * under a temporary name and renamed, so test JVMs running side by side never read half a file.
 */
final class AsmCache {
    static final AsmCache DEFAULT = new AsmCache(directory());

    private final Path dir;
    private String toolchain;

    AsmCache(Path dir) {
        this.dir = dir;
    }

    private static Path directory() {
        String configured = System.getProperty("i386mon.asmCache");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Files.isDirectory(Path.of("target")) ? Path.of("target", "asm-cache") : null;
    }

    /** The image stored under {@code key}, or {@code assemble}'s, which is then stored. */
    AsmImage computeIfAbsent(String key, Supplier<AsmImage> assemble) {
        if (dir == null) return assemble.get();
        Path file = dir.resolve(hash(toolchain() + "\n" + key));
        try {
            if (Files.isRegularFile(file)) return AsmImage.decode(Files.readAllBytes(file));
        } catch (IOException | RuntimeException unreadable) {
            // assembled again below and rewritten
        }
        AsmImage image = assemble.get();
        store(file, image.encode());
        return image;
    }

    private void store(Path file, byte[] data) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // a cache that cannot be written only costs time
        }
    }

    /** The first lines of {@code as --version} and {@code ld --version}: new binutils, new images. */
    private synchronized String toolchain() {
        if (toolchain == null) toolchain = firstLine("as", "--version") + "\n" + firstLine("ld", "--version");
        return toolchain;
    }

    private static String firstLine(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
