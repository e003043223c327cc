package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POST ROM (src/main/rom/post-rom.S, test386.asm's idea in our own code) started at the reset
 * vector checks the 386 step by step, a POST code on port 0x80 before each: i386mon passes every
 * step and reaches the last code, QEMU ({@code -bios}) prints the same lines, and a step whose
 * result differs stops the ROM there with its code left on port 0x80.
 */
class PostRomTest {
    private static final String IMAGE = "post-rom.bin", MARKER = "post: ";
    private static final int[] CODES = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0xFF};

    @TempDir
    Path dir;

    @Test
    void everyStepPassesAndTheLastPostCodeIsReached() {
        Machine m = new Machine(MachineConfig.defaults());
        m.powerOn(RealModeImages.bytes(IMAGE));
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());
        assertEquals(0xFF, m.devices().systemPorts().postCode());
        assertArrayEquals(CODES, m.devices().systemPorts().postCodes());
    }

    @Test
    void theResultLinesGoToCom1AndTheDebugConsole() {
        List<String> serial = RealModeImages.runInI386mon(m -> m.powerOn(RealModeImages.bytes(IMAGE)), MARKER);
        assertEquals(11, serial.size(), String.join("\n", serial));
        assertTrue(serial.stream().limit(10).allMatch(l -> l.endsWith(": ok")), String.join("\n", serial));
        assertEquals("post: ff all steps passed", serial.get(10));
        Machine m = new Machine(MachineConfig.defaults());
        m.powerOn(RealModeImages.bytes(IMAGE));
        m.run(10_000_000);
        assertEquals(serial, RealModeImages.lines(m.devices().firmwareLog().text(), MARKER));
    }

    @Test
    void theRomPrintsTheSameUnderQemu() throws IOException {
        Path rom = Files.write(dir.resolve(IMAGE), RealModeImages.bytes(IMAGE));
        QemuRunner.Result qemu = QemuRunner.bootBios(rom, Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        assertEquals(RealModeImages.lines(qemu.serial(), MARKER), RealModeImages.runInI386mon(m -> m.powerOn(RealModeImages.bytes(IMAGE)), MARKER));
    }

    @Test
    void aStepThatFailsStopsTheRomWithItsPostCode() {
        byte[] rom = RealModeImages.bytes(IMAGE);
        // step 05's expected checksum, 0xbbe2bc27, as the immediate of its "mov $want, %ebx"
        int at = indexOf(rom, new byte[] {0x27, (byte) 0xBC, (byte) 0xE2, (byte) 0xBB});
        rom[at] ^= 1;
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.powerOn(rom);
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.HALTED, r.kind(), r.description());
        assertEquals(0x05, m.devices().systemPorts().postCode());
        List<String> lines = RealModeImages.lines(serial.toString(StandardCharsets.ISO_8859_1), MARKER);
        assertEquals("post: 05 mul and div: FAIL checksum bbe2bc27 want bbe2bc26", lines.get(lines.size() - 1));
    }

    private static int indexOf(byte[] b, byte[] what) {
        int found = -1;
        for (int i = 0; i + what.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                assertEquals(-1, found, "the pattern is in the image once");
                found = i;
            }
        }
        assertTrue(found >= 0, "the pattern is in the image");
        return found;
    }
}
