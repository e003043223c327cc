package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootsector image (src/main/rom/bootsector.S): real mode at 0x7C00, protected mode and back.
 * i386mon ({@code --boot-sector}) must print what QEMU prints when SeaBIOS boots it from a raw disk.
 */
class BootSectorTest {
    private static final String IMAGE = "bootsector.bin", MARKER = "bootsector:";

    @TempDir
    Path dir;

    private static List<String> runInI386mon() {
        return RealModeImages.runInI386mon(m -> m.bootSector(RealModeImages.bytes(IMAGE)), MARKER);
    }

    @Test
    void theBootSectorEntersProtectedModeAndComesBack() {
        assertEquals(List.of(
                "bootsector: real mode at 0000:7c00, boot drive 80",
                "bootsector: protected mode and back, sum 1..1000=0007a314",
                "bootsector: done"), runInI386mon());
    }

    @Test
    void theBootSectorPrintsTheSameWhenSeabiosBootsItUnderQemu() throws IOException {
        Path disk = dir.resolve("bootsector.bin");
        Files.write(disk, RealModeImages.bytes(IMAGE));
        QemuRunner.Result qemu = QemuRunner.bootDisk(disk, Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        assertEquals(RealModeImages.lines(qemu.serial(), MARKER), runInI386mon());
    }
}
