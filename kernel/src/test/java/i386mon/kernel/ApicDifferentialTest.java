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
 * The APIC test kernel (test resources apic/): with the 8259A pair masked it runs on the local
 * APIC timer alone (one-shot, then periodic), sends IPIs to itself, to all, to all but itself and
 * to an APIC that does not exist, holds an IPI back with the task priority, takes the PIT's IRQ0
 * through the I/O APIC's pin 2, then turns the APIC off. It prints counts, so QEMU and i386mon
 * print the same lines, with one exception: after the global disable QEMU still answers at
 * 0xFEE00000, where hardware's page no longer decodes (SDM vol. 3, 10.4.3) and i386mon, like
 * hardware, reads unbacked memory (all ones).
 */
class ApicDifferentialTest {
    private static final int KERNEL_EXIT = 0x10 << 1 | 1;
    private static final String OFF_READ = "apic: off read version=";

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("apic.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("apic/entry.S"), build.compile("apic/apic.c"));
    }

    private static List<String> apicLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("apic: ");
            if (at >= 0) out.add(line.substring(at));
        }
        return out;
    }

    private static List<String> withoutOffRead(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.removeIf(l -> l.startsWith(OFF_READ));
        return out;
    }

    private static List<String> underI386mon(Path kernel) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(Files.readAllBytes(kernel), "apic.elf", List.of());
        StopReason r = m.run(200_000_000);
        String text = serial.toString(StandardCharsets.ISO_8859_1);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
        assertEquals(KERNEL_EXIT, r.exitStatus(), text);
        return apicLines(text);
    }

    @Test
    void apicKernelPrintsWhatItPrintsUnderQemu() throws Exception {
        Path kernel = kernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = apicLines(qemu.serial());
        assertTrue(expected.contains("apic: end"), qemu.serial());
        List<String> actual = underI386mon(kernel);
        assertEquals(String.join("\n", withoutOffRead(expected)), String.join("\n", withoutOffRead(actual)));
    }

    @Test
    void apicPageReadsAsUnbackedMemoryAfterTheGlobalDisable() throws Exception {
        List<String> lines = underI386mon(kernel());
        assertTrue(lines.contains(OFF_READ + "0xffffffff"), String.join("\n", lines));
        assertTrue(lines.contains("apic: end"), String.join("\n", lines));
    }
}
