package i386mon.machine.debug.dwarf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real gcc output for the reader's tests: a small C program linked at 1 MiB, and binutils' answers about it. */
final class GccOutput {
    static final String SOURCE = String.join("\n",
            "int counter;",
            "",
            "__attribute__((noinline)) static int square(int x) {",
            "    counter++;",
            "    return x * x;",
            "}",
            "",
            "__attribute__((noinline)) int sum(int n) {",
            "    int s = 0;",
            "    for (int i = 0; i < n; i++)",
            "        s += square(i);",
            "    return s;",
            "}",
            "",
            "void start(void) {",
            "    counter = sum(5);",
            "    for (;;) { }",
            "}",
            "");

    private GccOutput() { }

    static void assumeToolchain() {
        assumeTrue(works("gcc", "--version") && works("addr2line", "--version"), "gcc or binutils not installed: skipped");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Compiles {@link #SOURCE} as prog.c with {@code flags} (e.g. -gdwarf-4) and links it at 0x100000. */
    static Path build(Path dir, String... flags) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("prog.c"), SOURCE, StandardCharsets.UTF_8);
        List<String> cc = new ArrayList<>(List.of("gcc", "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-O1", "-c", "prog.c", "-o", "prog.o"));
        cc.addAll(List.of(flags));
        run(dir, cc.toArray(new String[0]));
        run(dir, "ld", "-m", "elf_i386", "-e", "start", "-Ttext=0x100000", "-o", "prog.elf", "prog.o");
        return dir.resolve("prog.elf");
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
