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
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the host tools made from a given input, on disk, named by the SHA-256 of the tools'
 * versions and the input, so it survives the JVM: the CPU tests run twice per build (interpreted
 * and compiled) and are rebuilt often. The directory is target/test-cache (system property
 * {@code i386mon.testCache}, set by the pom); {@code mvn clean} empties it. Files are written
 * under a temporary name and renamed, so test JVMs running side by side never read half a file.
 */
final class ContentCache {
    /** Snippets assembled and linked by {@link Asm}. */
    static final ContentCache ASSEMBLED = new ContentCache("asm", List.of(List.of("as", "--version"), List.of("ld", "--version")));

    private final Path dir;
    private final List<List<String>> versionCommands;
    private String versions;

    /** A cache in subdirectory {@code name}, invalidated when the first line printed by any of {@code versionCommands} changes. */
    ContentCache(String name, List<List<String>> versionCommands) {
        Path root = root();
        this.dir = root == null ? null : root.resolve(name);
        this.versionCommands = versionCommands;
    }

    private static Path root() {
        String configured = System.getProperty("i386mon.testCache");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Files.isDirectory(Path.of("target")) ? Path.of("target", "test-cache") : null;
    }

    /** The bytes stored for {@code input}, or those {@code make} returns, which are then stored. */
    byte[] computeIfAbsent(String input, Supplier<byte[]> make) {
        if (dir == null) return make.get();
        Path file = dir.resolve(hash(versions() + "\n" + input));
        try {
            if (Files.isRegularFile(file)) return Files.readAllBytes(file);
        } catch (IOException unreadable) {
            // made again below and rewritten
        }
        byte[] made = make.get();
        store(file, made);
        return made;
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

    /** The first line each version command prints: other tools, other results. */
    private synchronized String versions() {
        if (versions == null) versions = versionCommands.stream().map(ContentCache::firstLine).collect(Collectors.joining("\n"));
        return versions;
    }

    private static String firstLine(List<String> cmd) {
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
