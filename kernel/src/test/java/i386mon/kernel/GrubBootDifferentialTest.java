package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo kernel booted by GRUB from a {@code grub-mkrescue} image through SeaBIOS: from the CD
 * (El Torito, ATAPI), from the same hybrid image as a hard disk (its MBR, ATA), and from a CD that
 * GRUB reads with its own ATAPI driver instead of INT 13h ({@code nativedisk}). QEMU and
 * i386mon print the same kernel lines from the banner on. GRUB's own lines before the banner may
 * differ: with no VGA BIOS (no VBE) in i386mon, GRUB's multiboot loader prints
 * "error: Can't get controller info." there before it starts the kernel.
 */
class GrubBootDifferentialTest {
    /** Two scenarios, the second in ring 3, then the exit port: the run ends by itself. */
    private static final String ARGUMENTS = "scenario=identity,user exit";
    private static final int KERNEL_EXIT = 0x10 << 1 | 1;
    /** SeaBIOS, GRUB and the kernel take well under this many instructions; a hang stops here. */
    private static final long BUDGET = 20_000_000_000L;
    /** QEMU's -cdrom is the secondary channel's master; -hda the primary's. */
    private static final int CDROM_INDEX = 2, HDA_INDEX = 0;

    @TempDir
    static Path dir;
    private static Path iso, nativeIso;

    @BeforeAll
    static void buildImages() throws IOException, InterruptedException {
        iso = GrubRescueImage.build(dir, "demo", GrubRescueImage.Drivers.BIOS, ARGUMENTS);
        nativeIso = GrubRescueImage.build(dir, "demo-native", GrubRescueImage.Drivers.NATIVE, ARGUMENTS);
    }

    /** SeaBIOS boots {@code drive} (boot order {@code order}) under i386mon until the kernel's exit. */
    private static QemuRunner.Result underI386mon(DriveSpec drive, String order) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write)
                .withStorage(new StorageConfig(List.of(drive), false, order)));
        try {
            m.powerOn(GrubRescueImage.seabios());
            StopReason r = m.run(BUDGET);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            return new QemuRunner.Result(r.exitStatus(), false, text);
        } finally {
            m.debugTarget().close();
        }
    }

    private static void assertSameKernelLines(QemuRunner.Result qemu, QemuRunner.Result ours) {
        assertFalse(qemu.timedOut(), qemu.toString());
        assertEquals(KERNEL_EXIT, qemu.exitStatus(), qemu.toString());
        assertTrue(qemu.hasLine("exit: pass (0x10)"), qemu.toString());
        assertEquals(KERNEL_EXIT, ours.exitStatus(), ours.serial());
        assertEquals(String.join("\n", qemu.lines()), String.join("\n", ours.lines()));
    }

    @Test
    void demoKernelFromTheGrubIsoPrintsWhatItPrintsUnderQemu() throws IOException {
        QemuRunner.Result qemu = QemuRunner.bootCdrom(iso, Duration.ofSeconds(60));
        assertSameKernelLines(qemu, underI386mon(new DriveSpec(CDROM_INDEX, iso, DriveMedia.CDROM, true), "d"));
    }

    @Test
    void demoKernelFromTheGrubDiskImagePrintsWhatItPrintsUnderQemu() throws IOException {
        Path forQemu = Files.copy(iso, dir.resolve("qemu-hda.img")), forUs = Files.copy(iso, dir.resolve("i386mon-hda.img"));
        QemuRunner.Result qemu = QemuRunner.bootDisk(forQemu, Duration.ofSeconds(60));
        assertSameKernelLines(qemu, underI386mon(new DriveSpec(HDA_INDEX, forUs, DriveMedia.DISK, false), "c"));
    }

    @Test
    void demoKernelReadByGrubsOwnAtapiDriverPrintsWhatItPrintsUnderQemu() throws IOException {
        QemuRunner.Result qemu = QemuRunner.bootCdrom(nativeIso, Duration.ofSeconds(60));
        QemuRunner.Result ours = underI386mon(new DriveSpec(CDROM_INDEX, nativeIso, DriveMedia.CDROM, true), "d");
        // GRUB's ls: the drive its ata module found on the secondary master, and the image's MBR partition
        assertTrue(qemu.serial().contains("(ata2) (ata2,msdos1)"), qemu.serial());
        assertTrue(ours.serial().contains("(ata2) (ata2,msdos1)"), ours.serial());
        assertSameKernelLines(qemu, ours);
    }

    @Test
    void grubStartsTheMenuEntryWithItsArgumentsUnderI386mon() throws IOException {
        QemuRunner.Result ours = underI386mon(new DriveSpec(CDROM_INDEX, iso, DriveMedia.CDROM, true), "d");
        String serial = ours.serial();
        assertTrue(serial.indexOf("Booting `demo'") >= 0 && serial.indexOf("Booting `demo'") < serial.indexOf(QemuRunner.BANNER), serial);
        assertTrue(ours.hasLine("scenario: user"), ours.toString());
        assertTrue(ours.hasLine("exit: pass (0x10)"), ours.toString());
    }
}
