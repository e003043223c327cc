package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realmode-rom firmware image (src/main/rom/realmode-rom.S) started at the reset vector: real
 * mode, the IVT, a far call, protected mode and back, unreal mode and the A20 wraparound, printed on
 * COM1. i386mon ({@code --bios}) must print what the SDM says and exactly what QEMU ({@code -bios}) prints.
 */
class RealModeRomTest {
    private static final String IMAGE = "realmode-rom.bin", MARKER = "realmode-rom:";

    @TempDir
    Path dir;

    private static List<String> runInI386mon() {
        return RealModeImages.runInI386mon(m -> m.powerOn(RealModeImages.bytes(IMAGE)), MARKER);
    }

    @Test
    void theRomRunsFromTheResetVectorThroughEveryModeAndBack() {
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
        Files.write(rom, RealModeImages.bytes(IMAGE));
        QemuRunner.Result qemu = QemuRunner.bootBios(rom, Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        assertEquals(RealModeImages.lines(qemu.serial(), MARKER), runInI386mon());
    }
}
