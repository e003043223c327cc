package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.boot.FirmwareRom;
import i386mon.machine.debug.StopReason;
import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * resetboot.S on a disk booted by SeaBIOS resets the machine through 0xCF9, the 8042 and port
 * 0x92, counting its boots in CMOS and leaving a marker in RAM: each reset starts the firmware
 * again with CMOS and RAM kept, and QEMU and i386mon print the same lines; with -no-reboot both
 * stop at the first request.
 */
class GuestResetDifferentialTest {
    private static final String MARKER = "resetboot: ";
    /** 8 cylinders of QEMU's guessed geometry for a blank disk: 16 heads, 63 sectors. */
    private static final int DISK = 8 * 16 * 63 * 512;

    @TempDir
    Path dir;

    private Path disk() throws IOException {
        byte[] b = new byte[DISK];
        byte[] sector = RealModeImages.bytes("resetboot.bin");
        System.arraycopy(sector, 0, b, 0, sector.length);
        return Files.write(dir.resolve("disk.img"), b);
    }

    private static Machine machine(Path disk, ByteArrayOutputStream serial) throws IOException {
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write).withStorage(new StorageConfig(
                List.of(new DriveSpec(0, disk, DriveMedia.DISK, false), new DriveSpec(2, null, DriveMedia.CDROM, true)), false, null)));
        m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
        return m;
    }

    private static List<String> underQemu(Path disk, boolean noReboot) {
        QemuRunner.Result qemu = QemuRunner.bootDrives(Duration.ofSeconds(60), noReboot, "-drive", "file=" + disk + ",format=raw,index=0");
        assertFalse(qemu.timedOut(), qemu.serial());
        return RealModeImages.lines(qemu.serial(), MARKER);
    }

    @Test
    void eachResetStartsTheFirmwareAgainAsUnderQemu() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of(FirmwareRom.SEABIOS)), "SeaBIOS not installed (apt-get install seabios): skipped");
        Path disk = disk();
        List<String> expected = underQemu(disk, false);
        assertTrue(expected.contains("resetboot: boot 04, marker b003"), String.join("\n", expected));
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = machine(disk, serial);
        try {
            StopReason r = m.run(2_000_000_000L);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            assertEquals(String.join("\n", expected), String.join("\n", RealModeImages.lines(text, MARKER)));
        } finally {
            m.debugTarget().close();
        }
    }

    @Test
    void noRebootStopsAtTheFirstRequestAsUnderQemu() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of(FirmwareRom.SEABIOS)), "SeaBIOS not installed (apt-get install seabios): skipped");
        Path disk = disk();
        List<String> expected = underQemu(disk, true);
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = machine(disk, serial);
        try {
            m.debugger().setStopOnGuestReset(true);
            StopReason r = m.run(2_000_000_000L);
            assertEquals(StopReason.Kind.RESET, r.kind(), r.description());
            assertEquals(List.of("resetboot: boot 01, marker 0000", "resetboot: reset via 0xcf9"), expected);
            assertEquals(expected, RealModeImages.lines(serial.toString(StandardCharsets.ISO_8859_1), MARKER));
        } finally {
            m.debugTarget().close();
        }
    }

    @Test
    void aBootSectorStartedWithoutFirmwareIsLoadedAgainAtEachReset() {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.bootSector(RealModeImages.bytes("resetboot.bin"));
        StopReason r = m.run(10_000_000L);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());
        assertEquals(List.of("resetboot: boot 01, marker 0000", "resetboot: reset via 0xcf9", "resetboot: boot 02, marker b001",
                "resetboot: reset via the 8042", "resetboot: boot 03, marker b002", "resetboot: reset via port 0x92",
                "resetboot: boot 04, marker b003", "resetboot: done"), RealModeImages.lines(serial.toString(StandardCharsets.ISO_8859_1), MARKER));
    }
}
