package i386mon.machine.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Assembles 32-bit GNU assembler snippets with the host toolchain into flat bytes. One process a
 * snippet: {@code as}, whose object {@link ObjectLinker} places at the origin (ld only for what it
 * does not handle), where as + ld + objcopy + nm took about 120 ms a snippet (nm alone loads the
 * LTO plugins). Images are kept in memory for the JVM and on disk by content ({@link ContentCache}),
 * so the second surefire execution and later builds assemble nothing.
 */
final class Asm {
    private Asm() { }

    private static final Map<String, AsmImage> MEMORY = new ConcurrentHashMap<>();

    /** Assembles {@code source} (AT&T syntax by default) to be loaded at {@code origin}. */
    static byte[] assemble(String source, int origin) {
        return image(source, origin).bytes();
    }

    /** The address of label {@code name} in {@code source} assembled at {@code origin}. */
    static int symbol(String source, int origin, String name) {
        Integer a = image(source, origin).symbols().get(name);
        if (a == null) throw new IllegalArgumentException("no label " + name + " in the snippet");
        return a;
    }

    private static AsmImage image(String source, int origin) {
        String key = origin + "\n" + source;
        return MEMORY.computeIfAbsent(key, k -> AsmImage.decode(ContentCache.ASSEMBLED.computeIfAbsent(k, () -> run(source, origin).encode())));
    }

    private static AsmImage run(String source, int origin) {
        return placedByObjectLinker(source, origin).orElseGet(() -> linkedByLd(source, origin));
    }

    /** The snippet as {@code as} and {@link ObjectLinker} make it, if the linker handles its object. */
    static Optional<AsmImage> placedByObjectLinker(String source, int origin) {
        return inTemporaryDirectory(source, (dir, object) -> ObjectLinker.link(Files.readAllBytes(object), origin));
    }

    /** The snippet as {@code as} and {@code ld -Ttext origin} make it. */
    static AsmImage linkedByLd(String source, int origin) {
        return inTemporaryDirectory(source, (dir, object) -> {
            Path elf = dir.resolve("t.elf");
            exec(dir, "ld", "-m", "elf_i386", "-Ttext", String.format("0x%x", origin), "-e", "_start", "-o", elf.toString(), object.toString());
            return AsmImage.fromLinkedElf(Files.readAllBytes(elf));
        });
    }

    private interface ObjectStep<T> {
        T apply(Path dir, Path object) throws IOException, InterruptedException;
    }

    /** Assembles {@code source} to t.o in a fresh directory, applies {@code step} and deletes the directory. */
    private static <T> T inTemporaryDirectory(String source, ObjectStep<T> step) {
        try {
            Path dir = Files.createTempDirectory("i386mon-asm");
            try {
                Path s = dir.resolve("t.S"), o = dir.resolve("t.o");
                Files.writeString(s, ".code32\n.text\n.globl _start\n_start:\n" + source + "\n", StandardCharsets.UTF_8);
                exec(dir, "as", "--32", "-o", o.toString(), s.toString());
                return step.apply(dir, o);
            } finally {
                try (var w = Files.walk(dir)) {
                    w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException("assembling failed (are binutils installed?): " + ex.getMessage(), ex);
        }
    }

    private static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
        return out;
    }
}
