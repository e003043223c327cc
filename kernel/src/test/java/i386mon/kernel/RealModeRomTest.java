package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realmode-rom firmware image (src/main/rom/realmode-rom.S) started at the reset vector: real
 * mode, the IVT, a far call, protected mode and back, unreal mode and the A20 wraparound, printed on
 * COM1. i386mon ({@code --bios}) must print what the SDM says and exactly what QEMU ({@code -bios}) prints.
 */
class RealModeRomTest {
    private static final String ROM = "i386mon/kernel/realmode-rom.bin";

    @TempDir
    Path dir;

    private static byte[] rom() throws IOException {
        try (InputStream in = RealModeRomTest.class.getClassLoader().getResourceAsStream(ROM)) {
            assertNotNull(in, "the build did not produce " + ROM);
            return in.readAllBytes();
        }
    }

    /** The ROM's lines from its banner on, without carriage returns (QEMU may print nothing before it, but be safe). */
    private static List<String> lines(String serial) {
        String text = serial.replace("\r", "");
        int start = text.indexOf("realmode-rom:");
        List<String> out = new ArrayList<>();
        if (start < 0) return out;
        for (String l : text.substring(start).split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }

    private static List<String> runInI386mon() throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.powerOn(rom());
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + serial);
        assertEquals(1, r.exitStatus());
        return lines(serial.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theRomRunsFromTheResetVectorThroughEveryModeAndBack() throws IOException {
        List<String> lines = runInI386mon();
        assertEquals(List.of(
                "realmode-rom: reset vector reached, real mode",
                "cr0 at reset=60000010",
                "int 0x80: ax=1235 if in handler=0000"), lines.subList(0, 3), String.join("\n", lines));
        assertTrue(lines.get(3).matches("#DE through the IVT: ip=(\\p{XDigit}{4}) div at \\1"), lines.get(3));
        assertTrue(lines.contains("far call: cs in callee=ef00 cs after=f000"), String.join("\n", lines));
        assertTrue(lines.contains("protected mode: sum 1..1000=0007a314 cr0=60000011 back in real mode cr0=60000010"), String.join("\n", lines));
        assertTrue(lines.contains("unreal mode: [0x200000]=cafebabe"), String.join("\n", lines));
        assertEquals(List.of(
                "a20 on:  port 0x92=00 [0000:0500]=11 [ffff:0510]=22",
                "a20 off: port 0x92=00 [0000:0500]=33 [ffff:0510]=33",
                "a20 on:  port 0x92=02 [0000:0500]=33 [ffff:0510]=44",
                "realmode-rom: done"), lines.subList(lines.size() - 4, lines.size()), String.join("\n", lines));
    }

    @Test
    void theRomPrintsTheSameUnderQemu() throws IOException {
        Path rom = dir.resolve("realmode-rom.bin");
        Files.write(rom, rom());
        QemuRunner.Result qemu = QemuRunner.bootBios(rom, Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        assertEquals(lines(qemu.serial()), runInI386mon());
    }
}
