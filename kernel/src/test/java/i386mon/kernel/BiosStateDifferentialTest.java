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
 * What the firmware leaves for a kernel (PIC masks, BIOS data area, PIT mode, 8042 command byte,
 * CMOS memory sizes, floppy drive types and equipment byte, VGA registers), read by a tiny
 * multiboot kernel under QEMU and in i386mon. QEMU is given a second serial port, as i386mon has
 * COM2; i386mon gets QEMU's default empty floppy drive A, as its launcher gives it. The equipment
 * word is compared in the bits for hardware i386mon models (floppy drives, x87, video mode, serial
 * ports): it has no PS/2 mouse or parallel port, so it does not claim them.
 */
class BiosStateDifferentialTest {
    /** Equipment word bits: floppy drives present and their count, x87 present, initial video mode, number of serial ports. */
    private static final int MODELLED_EQUIPMENT_BITS = 0x0001 | 0x00C0 | 0x0002 | 0x0030 | 0x0E00;

    @TempDir
    Path dir;

    private Path buildKernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("bios-state.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("bios-state.S"));
    }

    private static List<String> stateLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("bios-state: ");
            if (at < 0) continue;
            String l = line.substring(at);
            if (l.startsWith("bios-state: bda equipment=")) {
                int v = Integer.parseInt(l.substring(l.indexOf('=') + 1), 16) & MODELLED_EQUIPMENT_BITS;
                l = String.format("bios-state: bda equipment (modelled bits)=%04x", v);
            }
            out.add(l);
        }
        return out;
    }

    @Test
    void firmwareStateMatchesQemu() throws Exception {
        Path kernel = buildKernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60), "-serial", "null");
        assertFalse(qemu.timedOut(), qemu.serial());

        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.devices().attachEmptyFloppyDrive(0);
        m.boot(Files.readAllBytes(kernel), "bios-state.elf", List.of());
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());

        List<String> expected = stateLines(qemu.serial()), actual = stateLines(serial.toString(StandardCharsets.ISO_8859_1));
        assertTrue(expected.contains("bios-state: end"), qemu.serial());
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
