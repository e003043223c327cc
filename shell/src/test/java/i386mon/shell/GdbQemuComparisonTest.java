package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.kernel.KernelImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same gdb batch script against {@code qemu-system-i386 -S -gdb} and against i386mon on the
 * demo kernel: the register set gdb sees is the same, and from the kernel's entry on (QEMU starts
 * in its BIOS, i386mon at the multiboot entry) every answer is the same: breakpoint, arguments,
 * selectors, backtrace, line info, memory, finish, CR0.
 */
class GdbQemuComparisonTest {
    private static final String QEMU = "qemu-system-i386";
    private static final String SCRIPT = String.join("\n",
            "set architecture i386", "set pagination off", "set width 0",
            "target remote 127.0.0.1:%d",
            "echo @@registers\\n", "info all-registers",
            "echo @@from-kmain\\n",
            "break kmain", "continue", "p magic", "p mbi_phys", "p/x $cs", "p/x $ss", "p/x $ds", "p/x $eflags",
            "bt", "info line *$pc", "x/8xb kmain", "x/4xw $esp", "p ticks",
            "break gdt_init", "continue", "finish", "p/x $cr0", "info registers eip",
            "echo @@end\\n", "kill", "");

    @TempDir
    Path dir;

    private String gdb(Path elf, int port) throws Exception {
        Path script = dir.resolve("script-" + port + ".gdb");
        Files.writeString(script, String.format(SCRIPT, port));
        Process p = new ProcessBuilder("gdb", "-batch", "-nx", "-x", script.toString(), elf.toString()).redirectErrorStream(true).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        assertTrue(p.waitFor(GdbProcess.TIMEOUT_MS, TimeUnit.MILLISECONDS), "gdb finished");
        return new String(out.get(), StandardCharsets.UTF_8);
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    /** The text between two markers of the transcript. */
    private static String section(String transcript, String from, String to) {
        int a = transcript.indexOf(from), b = transcript.indexOf(to);
        assertTrue(a >= 0 && b > a, "markers " + from + ", " + to + " in: " + transcript);
        return transcript.substring(a + from.length(), b);
    }

    /** The first column of info all-registers: the register names in order. */
    private static List<String> registerNames(String section) {
        List<String> names = new ArrayList<>();
        for (String line : section.strip().split("\n")) names.add(line.split("\\s+")[0]);
        return names;
    }

    @Test
    void gdbSeesTheSameRegistersAndAnswersAsWithQemu() throws Exception {
        assumeTrue(GdbProcess.runs(QEMU, "--version"), QEMU + " is not installed: skipped");
        assumeTrue(GdbProcess.available(), "gdb is not installed (apt-get install gdb): skipped");
        Path elf = dir.resolve("demo.elf");
        Files.write(elf, KernelImages.bytes(KernelImages.DEFAULT));

        int qemuPort = GdbEndToEndTest.freePort();
        Process qemu = new ProcessBuilder(QEMU, "-gdb", "tcp:127.0.0.1:" + qemuPort, "-S", "-kernel", elf.toString(), "-m", "64",
                "-display", "none", "-serial", "null", "-monitor", "none").redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.log").toFile()).start();
        String fromQemu;
        try {
            awaitListening(qemuPort);
            fromQemu = gdb(elf, qemuPort);
        } finally {
            qemu.destroy();
            if (!qemu.waitFor(30, TimeUnit.SECONDS)) qemu.destroyForcibly();
        }

        int ourPort = GdbEndToEndTest.freePort();
        BatchLauncher i386mon = new BatchLauncher(dir);
        CompletableFuture<Integer> status = i386mon.start("--batch", "-m", "64M", "-S", "-gdb", "tcp::" + ourPort, "--serial", "none", elf.toString());
        i386mon.awaitGdbListening();
        String fromUs = gdb(elf, ourPort);
        assertEquals(0, status.get(GdbProcess.TIMEOUT_MS, TimeUnit.MILLISECONDS), i386mon.err());

        List<String> qemuRegisters = registerNames(section(fromQemu, "@@registers\n", "@@from-kmain\n"));
        assertTrue(qemuRegisters.size() >= 50, "QEMU's register list: " + qemuRegisters);
        assertEquals(qemuRegisters, registerNames(section(fromUs, "@@registers\n", "@@from-kmain\n")));
        String expected = section(fromQemu, "@@from-kmain\n", "@@end\n");
        assertTrue(expected.contains("Breakpoint 1, kmain ("), "QEMU reached kmain: " + fromQemu);
        assertEquals(expected, section(fromUs, "@@from-kmain\n", "@@end\n"));
    }
}
