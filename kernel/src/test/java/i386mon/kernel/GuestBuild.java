package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a small test kernel from sources kept as test resources under {@code /i386mon/kernel/},
 * with the host {@code gcc -m32} and {@code ld -m elf_i386} the bundled kernels use (see the Makefile).
 */
final class GuestBuild {
    /** The freestanding flags of the Makefile's CFLAGS. */
    static final List<String> CFLAGS = List.of("-std=gnu11", "-m32", "-march=i686", "-ffreestanding", "-fno-pic", "-fno-pie",
            "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-nostdlib", "-O2", "-Wall", "-Wextra");

    /**
     * The headers the probe kernels' C files share: types, COM1 output, absolute reads; the 32-bit
     * TSS, descriptors and table loading of the task-switch and V86 kernels; the IDT gates and 8259A
     * setup of the interrupt-driven floppy and IDE DMA kernels.
     */
    static final List<String> SHARED_HEADERS = List.of("probe-serial.h", "protected-mode.h", "legacy-irq.h");

    private final Path dir;

    GuestBuild(Path dir) {
        this.dir = dir;
    }

    /**
     * Copies the resource {@code /i386mon/kernel/NAME} into the build directory (a C file with the
     * {@link #SHARED_HEADERS} next to it) and compiles it to an object file.
     */
    Path compile(String resource) throws IOException, InterruptedException {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path src = dir.resolve(file), obj = dir.resolve(file.substring(0, file.lastIndexOf('.')) + ".o");
        copy(resource, src);
        if (file.endsWith(".c")) for (String h : SHARED_HEADERS) copy(h, dir.resolve(h));
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        if (file.endsWith(".c")) cmd.addAll(CFLAGS); else cmd.add("-m32");
        cmd.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
        run(cmd);
        return obj;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = GuestBuild.class.getResourceAsStream("/i386mon/kernel/" + resource)) {
            assertTrue(in != null, "missing test resource /i386mon/kernel/" + resource);
            Files.write(to, in.readAllBytes());
        }
    }

    /** Links {@code objects} in order into {@code name} with {@code ld -m elf_i386} and the given options. */
    Path link(String name, List<String> options, Path... objects) throws IOException, InterruptedException {
        Path elf = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ld", "-m", "elf_i386", "-z", "noexecstack"));
        cmd.addAll(options);
        cmd.addAll(List.of("-o", elf.toString()));
        for (Path o : objects) cmd.add(o.toString());
        run(cmd);
        return elf;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }
}
