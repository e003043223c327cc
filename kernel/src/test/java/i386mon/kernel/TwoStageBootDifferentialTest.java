package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.boot.FirmwareRom;
import i386mon.machine.debug.StopReason;
import i386mon.machine.floppy.FloppyImage;
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
 * The two-stage boot (stage1.S, stage2.S) booted by SeaBIOS from a 1.44 MB floppy image and from a
 * raw disk image: INT 13h AH=08, AH=02 across the end of cylinder 0, AH=42 on the disk, protected
 * mode in stage 2. QEMU and i386mon print the same serial lines.
 */
class TwoStageBootDifferentialTest {
    private static final String MARKER = "boot1: ";
    private static final int FLOPPY = 1_474_560;
    /** 8 cylinders of QEMU's guessed geometry for a blank disk: 16 heads, 63 sectors. */
    private static final int DISK = 8 * 16 * 63 * 512;

    @TempDir
    Path dir;

    @BeforeEach
    void needsSeaBios() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(FirmwareRom.SEABIOS)), "SeaBIOS not installed (apt-get install seabios): skipped");
    }

    /** Stage 1 in sector 0 and stage 2 at LBA heads*sectors-2, where stage 1 looks for it. */
    private Path image(String name, int size, int heads, int sectors) throws IOException {
        byte[] b = new byte[size];
        byte[] stage1 = RealModeImages.bytes("stage1.bin"), stage2 = RealModeImages.bytes("stage2.bin");
        System.arraycopy(stage1, 0, b, 0, stage1.length);
        System.arraycopy(stage2, 0, b, (heads * sectors - 2) * 512, stage2.length);
        return Files.write(dir.resolve(name), b);
    }

    private Path floppy() throws IOException { return image("floppy.img", FLOPPY, 2, 18); }

    private Path disk() throws IOException { return image("disk.img", DISK, 16, 63); }

    /** SeaBIOS on a machine with {@code drives} (and QEMU's empty CD-ROM) and {@code floppy} in drive A:, run to the guest's exit. */
    private static List<String> underI386mon(Path floppy, DriveSpec... drives) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        List<DriveSpec> all = new java.util.ArrayList<>(List.of(drives));
        all.add(new DriveSpec(2, null, DriveMedia.CDROM, true));
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write).withStorage(new StorageConfig(all, false, null)));
        try {
            if (floppy != null) m.devices().insertFloppy(0, FloppyImage.open(floppy, false));
            m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
            StopReason r = m.run(500_000_000L);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            assertEquals(1, r.exitStatus(), text);
            return RealModeImages.lines(text, MARKER);
        } finally {
            m.debugTarget().close();
        }
    }

    private static List<String> underQemu(String... driveArgs) {
        QemuRunner.Result qemu = QemuRunner.bootDrives(Duration.ofSeconds(60), driveArgs);
        assertFalse(qemu.timedOut(), qemu.serial());
        assertEquals(1, qemu.exitStatus(), qemu.serial());
        List<String> lines = RealModeImages.lines(qemu.serial(), MARKER);
        assertTrue(lines.contains("boot2: done"), qemu.serial());
        return lines;
    }

    @Test
    void floppyBootPrintsWhatItPrintsUnderQemu() throws IOException {
        Path image = floppy();
        List<String> expected = underQemu("-drive", "file=" + image + ",if=floppy,format=raw,index=0");
        assertEquals(String.join("\n", expected), String.join("\n", underI386mon(image)));
    }

    @Test
    void diskBootPrintsWhatItPrintsUnderQemu() throws IOException {
        Path image = disk();
        List<String> expected = underQemu("-drive", "file=" + image + ",format=raw,index=0");
        assertEquals(String.join("\n", expected), String.join("\n", underI386mon(null, new DriveSpec(0, image, DriveMedia.DISK, false))));
    }

    @Test
    void floppyStageOneReadsAcrossHeadAndCylinderWithoutExtensions() throws IOException {
        List<String> lines = underI386mon(floppy());
        assertEquals(List.of("boot1: ah=08 04f/01/12", "boot1: ah=02 000/01/11", "boot1: ah=02 000/01/12", "boot1: ah=02 001/00/01",
                "boot1: ah=02 001/00/02", "boot1: no ah=42", "boot2: real mode at 0000:8000, boot drive 00"), lines.subList(0, 7));
        assertTrue(lines.get(7).startsWith("boot2: protected mode, cr0="), lines.get(7));
    }

    @Test
    void diskStageOneAlsoReadsWithTheExtendedRead() throws IOException {
        List<String> lines = underI386mon(null, new DriveSpec(0, disk(), DriveMedia.DISK, false));
        assertTrue(lines.contains("boot1: ah=02 001/00/01"), String.join("\n", lines));
        assertTrue(lines.contains("boot1: ah=42 ok"), String.join("\n", lines));
        assertTrue(lines.contains("boot2: real mode at 0000:8000, boot drive 80"), String.join("\n", lines));
    }

    @Test
    void aCorruptStageTwoIsReportedNotRun() throws IOException {
        Path image = floppy();
        byte[] b = Files.readAllBytes(image);
        b[(2 * 18 - 2 + 2) * 512 + 510] ^= 1; // the marker of stage 2's third sector
        Files.write(image, b);
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        try {
            m.devices().insertFloppy(0, FloppyImage.open(image, false));
            m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
            StopReason r = m.run(500_000_000L);
            assertEquals(3, r.exitStatus(), serial.toString(StandardCharsets.ISO_8859_1));
            assertTrue(serial.toString(StandardCharsets.ISO_8859_1).contains("boot1: error ee"), serial.toString(StandardCharsets.ISO_8859_1));
        } finally {
            m.debugTarget().close();
        }
    }

    /** The firmware log's "Boot..." lines, in order. */
    private static List<String> bootLines(String log) {
        return log.replace("\r", "").lines().filter(l -> l.startsWith("Boot")).toList();
    }

    @Test
    void aDiskWithoutTheBootSignatureFailsAsUnderQemuAndTheGuestWaits() throws IOException {
        Path blank = Files.write(dir.resolve("blank.img"), new byte[DISK]);
        Path debugcon = dir.resolve("debugcon.txt");
        // SeaBIOS never exits here: QEMU runs until the timeout, SeaBIOS's debug port 0x402 in a file
        QemuRunner.bootDrives(Duration.ofSeconds(8), "-drive", "file=" + blank + ",format=raw,index=0", "-debugcon", "file:" + debugcon,
                "-global", "isa-debugcon.iobase=0x402");
        List<String> qemu = bootLines(Files.readString(debugcon, StandardCharsets.ISO_8859_1));
        assertEquals(List.of("Booting from Hard Disk...", "Boot failed: not a bootable disk"), qemu.subList(0, 2), String.join("\n", qemu));

        Machine m = new Machine(MachineConfig.defaults().withStorage(new StorageConfig(
                List.of(new DriveSpec(0, blank, DriveMedia.DISK, false), new DriveSpec(2, null, DriveMedia.CDROM, true)), false, null)));
        try {
            m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
            for (int i = 0; i < 100 && !m.devices().firmwareLog().text().contains("No bootable device."); i++) {
                assertEquals(StopReason.Kind.BUDGET, m.run(1_000_000).kind());
            }
            List<String> ours = bootLines(m.devices().firmwareLog().text());
            assertEquals(qemu.subList(0, 2), ours.subList(0, 2), String.join("\n", ours));
            assertTrue(m.devices().firmwareLog().text().contains("No bootable device."), m.devices().firmwareLog().text());
            // the guest waits for a key or a reset: more instructions change nothing, the run ends at its bound
            assertEquals(StopReason.Kind.BUDGET, m.run(5_000_000).kind());
        } finally {
            m.debugTarget().close();
        }
    }
}
