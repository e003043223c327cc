package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ATA test kernel (test resources ata/) on a disk at the primary master and one at the secondary
 * master, as {@code qemu-system-i386 -kernel ata.elf -hda a.img -hdc c.img} runs it: what it
 * prints about every IDE position (IDENTIFY's fields, PIO reads and writes in LBA28, CHS, LBA48 and
 * READ/WRITE MULTIPLE, the error paths, a software reset) and the images its writes leave are the
 * same under QEMU and i386mon; likewise its ATAPI packets to an empty CD-ROM drive and to one with a
 * disc.
 */
class AtaDifferentialTest {
    private static final int KERNEL_EXIT = 0x10 << 1 | 1;
    private static final int A_SECTORS = 2048, C_SECTORS = 4096;

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("ata.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("ata/entry.S"), build.compile("ata/ata.c"));
    }

    /** A disk whose byte k of sector s is a function of both; {@code mbr} adds a partition table (4 heads, 32 sectors). */
    private static byte[] image(int sectors, int seed, boolean mbr) {
        byte[] b = new byte[sectors * 512];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31 + (i >>> 9) * seed);
        if (mbr) {
            java.util.Arrays.fill(b, 0x1BE, 0x1FE, (byte) 0);
            b[0x1BE + 5] = 3;                // end head: 4 heads
            b[0x1BE + 6] = 32;               // end sector: 32 sectors per track
            b[0x1BE + 8] = 32;               // first sector, nonzero count
            b[0x1BE + 12] = (byte) 0xE0;
            b[0x1BE + 13] = 0x0F;
            b[510] = 0x55;
            b[511] = (byte) 0xAA;
        }
        return b;
    }

    private static List<String> ataLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("ata: ");
            if (at >= 0) out.add(line.substring(at));
        }
        return out;
    }

    private Path[] disks(String prefix) throws IOException {
        Path a = Files.write(dir.resolve(prefix + "-a.img"), image(A_SECTORS, 5, false));
        Path c = Files.write(dir.resolve(prefix + "-c.img"), image(C_SECTORS, 9, true));
        return new Path[] { a, c };
    }

    /** The kernel's "ata:" lines under i386mon with {@code drives}; it must end by its exit port. */
    private static List<String> underI386mon(Path kernel, DriveSpec... drives) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write).withStorage(new StorageConfig(List.of(drives), false, null)));
        try {
            m.boot(Files.readAllBytes(kernel), "ata.elf", List.of());
            StopReason r = m.run(500_000_000);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            assertEquals(KERNEL_EXIT, r.exitStatus(), text);
            return ataLines(text);
        } finally {
            m.debugTarget().close();
        }
    }

    /** An ISO-sized image: 2048-byte sectors whose bytes depend on the sector. */
    private Path disc() throws IOException {
        byte[] b = new byte[300 * 2048];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + i / 2048);
        return Files.write(dir.resolve("disc.iso"), b);
    }

    @Test
    void atapiPacketsAnswerAsUnderQemu() throws Exception {
        Path kernel = kernel();
        Path iso = disc();
        Path qa = Files.write(dir.resolve("qa.img"), image(A_SECTORS, 5, false));
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(120),
                "-drive", "file=" + qa + ",format=raw,if=ide,index=0", "-drive", "file=" + iso + ",format=raw,if=ide,index=3,media=cdrom");
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = ataLines(qemu.serial());
        assertTrue(expected.contains("ata: end"), qemu.serial());
        Path oa = Files.write(dir.resolve("oa.img"), image(A_SECTORS, 5, false));
        List<String> actual = underI386mon(kernel, new DriveSpec(0, oa, DriveMedia.DISK, false),
                new DriveSpec(2, null, DriveMedia.CDROM, true), new DriveSpec(3, iso, DriveMedia.CDROM, true)); // QEMU's default empty drive at 2
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void ataKernelPrintsAndWritesWhatItDoesUnderQemu() throws Exception {
        Path kernel = kernel();
        Path[] q = disks("qemu");
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(120),
                "-drive", "file=" + q[0] + ",format=raw,if=ide,index=0", "-drive", "file=" + q[1] + ",format=raw,if=ide,index=2");
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = ataLines(qemu.serial());
        assertTrue(expected.contains("ata: end"), qemu.serial());
        Path[] ours = disks("ours");
        List<String> actual = underI386mon(kernel, new DriveSpec(0, ours[0], DriveMedia.DISK, false), new DriveSpec(2, ours[1], DriveMedia.DISK, false));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertArrayEquals(Files.readAllBytes(q[0]), Files.readAllBytes(ours[0]), "the primary disk after the writes");
        assertArrayEquals(Files.readAllBytes(q[1]), Files.readAllBytes(ours[1]), "the secondary disk after the writes");
    }
}
