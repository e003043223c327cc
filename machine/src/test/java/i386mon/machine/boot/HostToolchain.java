package i386mon.machine.boot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds real i386 kernels with the host's gcc and GNU ld, as the README's prerequisites provide them. */
final class HostToolchain {
    private HostToolchain() { }

    /** Skips the calling test when gcc is not installed (a prerequisite documented in the README). */
    static void assumeAvailable() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        assumeTrue(ok, "gcc is not installed");
    }

    static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }

    /** Compiles each source (.c or .S) freestanding for i386 and links them with {@code linkerScript}. */
    static Path buildKernel(Path dir, String output, String linkerScript, String... sources)
            throws IOException, InterruptedException {
        List<String> link = new ArrayList<>(List.of("ld", "-m", "elf_i386", "-T", linkerScript, "-o", output));
        for (String src : sources) {
            String obj = src.substring(0, src.lastIndexOf('.')) + ".o";
            run(dir, "gcc", "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-stack-protector",
                    "-fno-asynchronous-unwind-tables", "-O1", "-c", src, "-o", obj);
            link.add(obj);
        }
        run(dir, link.toArray(new String[0]));
        return dir.resolve(output);
    }
}
