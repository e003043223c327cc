package i386mon.machine.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SeaBIOS's debug console log under QEMU ({@code -debugcon} at 0x402) and under i386mon, line for
 * line. QEMU runs with {@code -nodefaults} and two null serial ports, the devices this board has
 * (no VGA, floppy drive, CD-ROM or parallel port). What still differs is normalised, each for its
 * reason: QEMU loads its kvmvapic option ROM (2 lines; its legacy BCV also makes SeaBIOS try the
 * hard disk before the floppy, so the boot attempts are compared as a set); QEMU hands SeaBIOS
 * SMBIOS tables and a larger DSDT, which moves a few addresses and lengths (masked).
 */
class SeaBiosQemuDifferentialTest {
    @TempDir
    Path dir;

    /** The log's lines, normalised as the class comment says. */
    static List<String> normalised(String log) {
        List<String> out = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        boolean booting = false;
        for (String line : log.split("\n")) {
            if (line.contains("kvmvapic") || line.startsWith("Running option rom at c000:0003")) continue;
            if (line.equals("enter handle_19:")) booting = true;
            if (booting) {
                if (line.startsWith("Booting from ")) attempts.add(line);
                continue;
            }
            line = line.replaceAll("^(Copying (MPTABLE|SMBIOS) from) .*", "$1 ...")
                    .replaceAll("^table\\(50434146\\)=0x[0-9a-f]+", "table(50434146)=...")
                    .replaceAll("^(ACPI: parse DSDT at 0x[0-9a-f]+) \\(len \\d+\\)", "$1 (len ...)")
                    .replaceAll("^Space available for UMB: .*", "Space available for UMB: ...");
            out.add(line);
        }
        attempts.sort(null);
        out.addAll(attempts);
        out.add(log.strip().endsWith(SeaBios.NOTHING_BOOTS) ? SeaBios.NOTHING_BOOTS : "(no end)");
        return out;
    }

    private String qemuLog() throws Exception {
        Path log = dir.resolve("debugcon.log");
        Process p = new ProcessBuilder("qemu-system-i386", "-M", "pc", "-nodefaults", "-nic", "none", "-display", "none",
                "-serial", "null", "-serial", "null", "-monitor", "none", "-debugcon", "file:" + log,
                "-global", "isa-debugcon.iobase=0x402")
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            for (int i = 0; i < 300; i++) {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(SeaBios.NOTHING_BOOTS)) break;
                Thread.sleep(100);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    @Test
    void theDebugConsoleLogMatchesQemusLineForLine() throws Exception {
        if (System.getenv("CI") != null && !onPath("qemu-system-i386")) throw new IllegalStateException("qemu-system-i386 not installed");
        assumeTrue(onPath("qemu-system-i386"), "qemu-system-i386 not installed (apt-get install qemu-system-x86): skipped");
        assumeTrue(Files.isReadable(SeaBios.IMAGE), "SeaBIOS not installed (apt-get install seabios): skipped");
        String expected = String.join("\n", normalised(qemuLog()));
        String actual = String.join("\n", normalised(SeaBios.bootToFailure().devices().firmwareLog().text()));
        assertEquals(expected, actual);
    }
}
