package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.board.Report;
import i386mon.machine.boot.FirmwareRom;
import i386mon.machine.debug.StopReason;
import i386mon.machine.pci.StdVgaFunction;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vgaprobe.S booted by SeaBIOS from a disk with QEMU's std VGA and its VGA BIOS: the video BIOS's
 * answers to INT 10h (modes 3 and 13h, VBE controller and mode information, a VBE mode set) and
 * what the adapter then holds (sequencer, graphics controller, CRTC, attribute controller, DAC,
 * video memory through the window, the Bochs VBE registers), printed to COM1. QEMU
 * ({@code -vga std}, its default) and i386mon print the same lines.
 */
class VgaBiosDifferentialTest {
    private static final String MARKER = "vga: ";
    /** 8 cylinders of QEMU's guessed geometry for a blank disk: 16 heads, 63 sectors. */
    private static final int DISK = 8 * 16 * 63 * 512;

    @TempDir
    Path dir;

    @BeforeEach
    void needsSeaBiosAndItsVgaBios() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(FirmwareRom.SEABIOS)) && Files.isReadable(Path.of(StdVgaFunction.VGA_BIOS)),
                "SeaBIOS or its VGA BIOS not installed (apt-get install seabios): skipped");
    }

    private Path disk() throws IOException {
        byte[] b = new byte[DISK];
        byte[] probe = RealModeImages.bytes("vgaprobe.bin");
        System.arraycopy(probe, 0, b, 0, probe.length);
        return Files.write(dir.resolve("vgaprobe.img"), b);
    }

    /** The machine after the probe's exit, its serial output in {@code serial}. */
    private static Machine underI386mon(Path disk, ByteArrayOutputStream serial) throws IOException {
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write)
                .withStorage(new StorageConfig(List.of(new DriveSpec(0, disk, DriveMedia.DISK, false)), false, null)));
        m.devices().plugStdVga(Files.readAllBytes(Path.of(StdVgaFunction.VGA_BIOS)));
        m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
        StopReason r = m.run(500_000_000L);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + serial.toString(StandardCharsets.ISO_8859_1));
        assertEquals(1, r.exitStatus());
        return m;
    }

    @Test
    void theProbePrintsWhatItPrintsUnderQemu() throws IOException {
        Path image = disk();
        QemuRunner.Result qemu = QemuRunner.bootDrives(Duration.ofSeconds(60), "-drive", "file=" + image + ",format=raw,index=0");
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        List<String> expected = RealModeImages.lines(qemu.serial(), MARKER);
        assertTrue(expected.size() >= 18, qemu.serial());
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = underI386mon(image, serial);
        try {
            assertEquals(String.join("\n", expected), String.join("\n", RealModeImages.lines(serial.toString(StandardCharsets.ISO_8859_1), MARKER)));
        } finally {
            m.debugTarget().close();
        }
    }

    @Test
    void infoVgaNamesTheVbeModeTheProbeLeft() throws IOException {
        Machine m = underI386mon(disk(), new ByteArrayOutputStream());
        try {
            List<String> lines = m.board().report("vga").lines().stream().map(Report.Line::text).toList();
            assertEquals(List.of("graphics mode 640x480x16 (VBE, LFB at 0xfd000000): not shown as text"), lines);
        } finally {
            m.debugTarget().close();
        }
    }
}
