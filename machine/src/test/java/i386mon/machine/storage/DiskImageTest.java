package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw images: refused when unusable, read lazily, written to the file or kept in an overlay. */
class DiskImageTest {
    @TempDir Path dir;

    @Test
    void aMissingFileIsOneLineNamingIt() {
        DiskImageException e = assertThrows(DiskImageException.class,
                () -> DiskImage.open(dir.resolve("nope.img"), DiskImage.Mode.WRITE_BACK, 512));
        assertEquals("disk image " + dir.resolve("nope.img") + " does not exist", e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path p = Files.createFile(dir.resolve("empty.img"));
        assertEquals("disk image " + p + " is empty",
                assertThrows(DiskImageException.class, () -> DiskImage.open(p, DiskImage.Mode.WRITE_BACK, 512)).getMessage());
    }

    @Test
    void aSizeThatIsNotWholeSectorsIsRefused() throws IOException {
        Path p = Files.write(dir.resolve("odd.img"), new byte[1000]);
        assertEquals("disk image " + p + " is 1000 bytes, not a multiple of 512",
                assertThrows(DiskImageException.class, () -> DiskImage.open(p, DiskImage.Mode.WRITE_BACK, 512)).getMessage());
    }

    @Test
    void a4GiBImageOpensWithoutReadingItAndReadsItsLastSector() throws IOException {
        Path p = dir.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(4L << 30); // sparse
            f.seek((4L << 30) - 512);
            f.write(new byte[] { 7, 8, 9 });
        }
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        try (DiskImage img = DiskImage.open(p, DiskImage.Mode.WRITE_BACK, 512)) {
            byte[] b = new byte[512];
            img.read(img.sectors() - 1, b, 0, 1);
            assertEquals((4L << 30) / 512, img.sectors());
            assertEquals(9, b[2]);
        }
        long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertEquals(true, heapAfter - heapBefore < (256L << 20), "the image was not loaded into the heap");
    }

    @Test
    void writesReachTheFileAtOnce() throws IOException {
        Path p = Files.write(dir.resolve("a.img"), new byte[2048]);
        try (DiskImage img = DiskImage.open(p, DiskImage.Mode.WRITE_BACK, 512)) {
            byte[] s = new byte[512];
            s[0] = 42;
            img.write(2, s, 0, 1);
            assertEquals(42, Files.readAllBytes(p)[1024], "in the file before any flush or close");
        }
    }

    @Test
    void anOverlayKeepsWritesFromTheFile() throws IOException {
        Path p = Files.write(dir.resolve("a.img"), new byte[2048]);
        try (DiskImage img = DiskImage.open(p, DiskImage.Mode.OVERLAY, 512)) {
            byte[] s = new byte[512];
            s[5] = 1;
            img.write(1, s, 0, 1);
            byte[] back = new byte[1024];
            img.read(0, back, 0, 2);
            assertEquals(1, back[512 + 5]);
        }
        assertArrayEquals(new byte[2048], Files.readAllBytes(p));
    }

    @Test
    void aReadOnlyFileOpensAsAnOverlay() throws IOException {
        Path p = Files.write(dir.resolve("ro.img"), new byte[512]);
        p.toFile().setWritable(false);
        try (DiskImage img = DiskImage.open(p, DiskImage.Mode.OVERLAY, 512)) {
            assertEquals(1, img.sectors());
        }
    }
}
