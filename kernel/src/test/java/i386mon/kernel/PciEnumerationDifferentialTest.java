package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel that enumerates PCI bus 0 (IDs, class, BARs and their sizes, interrupt line and pin,
 * command register, PIRQ routes, ELCR) sees the same under QEMU (after SeaBIOS) and in i386mon
 * (booted without firmware, the functions programmed as SeaBIOS leaves them). QEMU runs with
 * {@code -vga none -nic none}: this machine has no PCI VGA function and no network card.
 */
class PciEnumerationDifferentialTest {
    @TempDir
    Path dir;

    private Path buildKernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("pci-enum.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("flat-start.S"), build.compile("pci/pci-enum.c"));
    }

    private static List<String> pciLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("pci: ");
            if (at < 0) at = line.indexOf("pci:   ");
            if (at >= 0) out.add(line.substring(at));
        }
        return out;
    }

    private static String runHere(Path kernel) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(Files.readAllBytes(kernel), "pci-enum.elf", List.of());
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());
        return serial.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theEnumerationPrintsEveryFunctionOfThePcBoard() throws Exception {
        List<String> lines = pciLines(runHere(buildKernel()));
        assertTrue(lines.contains("pci: 00:00.0 id=12378086 class/rev=06000002 header=00 command=0103 pin/line=0000"), String.join("\n", lines));
        assertTrue(lines.contains("pci: 00:01.1 id=70108086 class/rev=01018000 header=00 command=0103 pin/line=0000"), String.join("\n", lines));
        assertTrue(lines.contains("pci:   bar=0000c001 size mask=fffffff1"), String.join("\n", lines));
        assertTrue(lines.contains("pci:   pirq routes=0b0b0a0a"), String.join("\n", lines));
        assertEquals("pci: end", lines.get(lines.size() - 1));
    }

    @Test
    void theEnumerationMatchesQemu() throws Exception {
        Path kernel = buildKernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60), "-vga", "none", "-nic", "none");
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = pciLines(qemu.serial()), actual = pciLines(runHere(kernel));
        assertTrue(expected.contains("pci: end"), qemu.serial());
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
