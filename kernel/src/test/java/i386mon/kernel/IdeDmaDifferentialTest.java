package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bus-master DMA test kernel (test resources idedma/) on a disk at the primary master and one
 * at the secondary master, as {@code qemu-system-i386 -kernel idedma.elf -hda a.img -hdc c.img}
 * runs it: the PIIX IDE function it finds by PCI enumeration, the BMIDE and ATA status after each
 * READ/WRITE DMA (and EXT) with split, scattered and 64 KiB PRD entries, the IRQ 14/15 it waits
 * for, the PIO read-back, DMA beyond the end of the disk, PRD tables shorter or longer than the
 * request, DMA with bus mastering off, and the images the writes leave are the same under QEMU and
 * i386mon.
 */
class IdeDmaDifferentialTest {
    private static final int A_SECTORS = 2048, C_SECTORS = 4096;

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("idedma.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("idedma/entry.S"), build.compile("idedma/idedma.c"));
    }

    /** A disk whose byte k of sector s is a function of both. */
    private Path disk(String name, int sectors, int seed) throws IOException {
        byte[] b = new byte[sectors * 512];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31 + (i >>> 9) * seed);
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void dmaKernelPrintsAndWritesWhatItDoesUnderQemu() throws Exception {
        Path kernel = kernel();
        Path qa = disk("qemu-a.img", A_SECTORS, 5), qc = disk("qemu-c.img", C_SECTORS, 9);
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(120), "-nic", "none",
                "-drive", "file=" + qa + ",format=raw,if=ide,index=0", "-drive", "file=" + qc + ",format=raw,if=ide,index=2");
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = SerialRun.lines(qemu.serial(), "dma: ");
        assertTrue(expected.contains("dma: end"), qemu.serial());
        Path oa = disk("ours-a.img", A_SECTORS, 5), oc = disk("ours-c.img", C_SECTORS, 9);
        StorageConfig storage = new StorageConfig(List.of(new DriveSpec(0, oa, DriveMedia.DISK, false), new DriveSpec(2, oc, DriveMedia.DISK, false)), false, null);
        List<String> actual = SerialRun.lines(SerialRun.underI386mon(kernel, 500_000_000, storage), "dma: ");
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertArrayEquals(Files.readAllBytes(qa), Files.readAllBytes(oa), "the primary disk after the writes");
        assertArrayEquals(Files.readAllBytes(qc), Files.readAllBytes(oc), "the secondary disk after the writes");
    }
}
