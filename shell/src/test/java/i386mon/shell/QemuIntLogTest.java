package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -d int against qemu-system-i386 7.2's on the demo kernel: every exception and software
 * interrupt (user-mode system calls, page faults from user and supervisor code) with the register
 * dump after it, line for line. Timer interrupts come at other times (QEMU's timer is wall-clock
 * time), so hardware deliveries and the delivery count are left out; so are QEMU's lazy-flags line
 * (CCS=), which i386mon has no counterpart of, and the CS and TR lines, whose cached Accessed and
 * busy bits QEMU's multiboot loader and LTR leave clear. Skipped without QEMU.
 */
class QemuIntLogTest {
    private static final String APPEND = "scenario=user,fault=0x400000,write,user,fault=0xd0000000 exit";
    private static final Pattern DELIVERY = Pattern.compile("^ +\\d+: v=([0-9a-f]{2}) .* i=(\\d) .*");

    @TempDir Path dir;

    @Test
    void exceptionsAndSoftwareInterruptsAreLoggedAsQemuLogsThem() throws Exception {
        assumeTrue(GdbProcess.runs("qemu-system-i386", "--version"), "qemu-system-i386 is not installed: skipped");
        Path kernel = Path.of("..", "kernel", "target", "classes", "i386mon", "kernel", "demo.elf").toAbsolutePath();
        Path qemuLog = dir.resolve("qemu.log"), ourLog = dir.resolve("i386mon.log");
        Process q = new ProcessBuilder("qemu-system-i386", "-kernel", kernel.toString(), "-append", APPEND, "-display", "none",
                "-serial", "none", "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-d", "int", "-D", qemuLog.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try {
            assertTrue(q.waitFor(120, TimeUnit.SECONDS), "qemu should exit through the debug-exit port");
        } finally {
            q.destroyForcibly();
        }

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                }).run(new String[] {"-kernel", kernel.toString(), "-append", APPEND, "-serial", "none", "-d", "int", "-D", ourLog.toString()});

        List<String> qemu = comparable(qemuLog), ours = comparable(ourLog);
        assertTrue(qemu.stream().anyMatch(l -> l.contains("v=0e") && l.contains("cpl=3")), String.join("\n", qemu));
        assertTrue(qemu.stream().anyMatch(l -> l.contains("v=80") && l.contains("i=1")), String.join("\n", qemu));
        assertEquals(String.join("\n", qemu), String.join("\n", ours));
    }

    /** The check_exception lines, and each exception's or INT n's line (count dropped) with its register dump. */
    private static List<String> comparable(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : Files.readAllLines(log)) {
            Matcher m = DELIVERY.matcher(line);
            if (line.startsWith("check_exception")) {
                out.add(line);
            } else if (m.matches()) {
                keep = Integer.parseInt(m.group(1), 16) < 32 || m.group(2).equals("1");
                if (keep) out.add(line.replaceFirst("^ +\\d+:", "N:"));
            } else if (line.startsWith("Servicing") || line.startsWith("SMM")) {
                keep = false;
            } else if (keep && !line.startsWith("CS =") && !line.startsWith("TR =") && !line.startsWith("CCS=")) {
                out.add(line);
            }
        }
        return out;
    }
}
