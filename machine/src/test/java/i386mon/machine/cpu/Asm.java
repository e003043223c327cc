package i386mon.machine.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Assembles 32-bit GNU assembler snippets with the host toolchain (as + ld) into flat bytes.
 * Images are kept in memory for the JVM and on disk by content ({@link ContentCache}), so the second
 * surefire execution and later builds assemble nothing; the bytes and labels are read from the
 * linked ELF here rather than by objcopy and nm (nm alone loads the LTO plugins: 80 ms a call).
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
        try {
            Path dir = Files.createTempDirectory("i386mon-asm");
            try {
                Path s = dir.resolve("t.S"), o = dir.resolve("t.o"), e = dir.resolve("t.elf");
                Files.writeString(s, ".code32\n.text\n.globl _start\n_start:\n" + source + "\n", StandardCharsets.UTF_8);
                exec(dir, "as", "--32", "-o", o.toString(), s.toString());
                exec(dir, "ld", "-m", "elf_i386", "-Ttext", String.format("0x%x", origin), "-e", "_start", "-o", e.toString(), o.toString());
                return AsmImage.fromLinkedElf(Files.readAllBytes(e));
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
