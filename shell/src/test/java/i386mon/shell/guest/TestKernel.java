package i386mon.shell.guest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small multiboot kernel assembled with the host's GNU toolchain (a README prerequisite): it
 * sets up a stack, calls kernel_main (which writes 'K' to the VGA text screen and "OK\n" to the
 * 0xE9 debug console), then exits with status 3 through port 0xF4.
 */
public final class TestKernel {
    public static final String SOURCE = String.join("\n",
            "    .set FLAGS, 3",
            "    .section .multiboot, \"a\"",
            "    .align 4",
            "    .long 0x1BADB002, FLAGS, -(0x1BADB002 + FLAGS)",
            "    .section .bss",
            "    .align 16",
            "stack_bottom: .skip 4096",
            "stack_top:",
            "    .text",
            "    .globl _start",
            "    .type _start, @function",
            "_start:",
            "    mov $stack_top, %esp",
            "    call kernel_main",
            "    mov $3, %al",
            "    out %al, $0xf4",
            "halt: cli",
            "    hlt",
            "    jmp halt",
            "    .size _start, . - _start",
            "    .globl kernel_main",
            "    .type kernel_main, @function",
            "kernel_main:",
            "    movw $0x0f4b, 0xb8000",
            "    mov $0xe9, %dx",
            "    mov $'O', %al",
            "    out %al, %dx",
            "    mov $'K', %al",
            "    out %al, %dx",
            "    mov $10, %al",
            "    out %al, %dx",
            "    ret",
            "    .size kernel_main, . - kernel_main",
            "");

    /**
     * The start of a kernel source: a multiboot header (with {@code flags}) and {@code _start:} in
     * .text, where the caller's lines go on.
     */
    public static String start(int flags) {
        return String.join("\n",
                "    .set FLAGS, " + flags,
                "    .section .multiboot, \"a\"",
                "    .align 4",
                "    .long 0x1BADB002, FLAGS, -(0x1BADB002 + FLAGS)",
                "    .text",
                "    .globl _start",
                "_start:",
                "");
    }

    private static final String LINK = String.join("\n",
            "ENTRY(_start)",
            "SECTIONS {",
            "    . = 1M;",
            "    .text : { *(.multiboot) *(.text*) }",
            "    .data : { *(.data*) }",
            "    .bss : { *(COMMON) *(.bss*) }",
            "    /DISCARD/ : { *(.note*) *(.comment) }",
            "}",
            "");

    private static final java.util.Map<String, byte[]> BUILT = new java.util.HashMap<>();

    private TestKernel() { }

    /** The kernel ELF; skips the calling test when as/ld are not installed. */
    public static byte[] elf() {
        return elf(SOURCE);
    }

    /** A kernel assembled from {@code source} (GNU as, linked at 1 MiB); skips the calling test without as/ld. */
    public static synchronized byte[] elf(String source) {
        byte[] built = BUILT.get(source);
        if (built != null) return built.clone();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("i386mon-shell-kernel");
            Files.writeString(dir.resolve("k.S"), source, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("link.ld"), LINK, StandardCharsets.UTF_8);
            assumeTrue(run(dir, "as", "--32", "-o", "k.o", "k.S"), "GNU as is not installed");
            assumeTrue(run(dir, "ld", "-m", "elf_i386", "-T", "link.ld", "-o", "k.elf", "k.o"), "GNU ld is not installed");
            built = Files.readAllBytes(dir.resolve("k.elf"));
            BUILT.put(source, built);
            return built.clone();
        } catch (IOException e) {
            assumeTrue(false, "cannot build the test kernel: " + e.getMessage());
            return null;
        } finally {
            deleteQuietly(dir); // each build's files are read back at once: leave nothing in the temp directory
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a file left in the temp directory harms nothing
        }
    }

    /** Writes the kernel to {@code file} and returns the path. */
    public static Path writeTo(Path file) throws IOException {
        Files.write(file, elf());
        return file;
    }

    private static boolean run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
