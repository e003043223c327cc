package i386mon.machine.floppy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloppyImageTest {
    @TempDir
    Path dir;

    private Path file(int size) throws Exception {
        Path p = dir.resolve("f" + size + ".img");
        Files.write(p, new byte[size]);
        return p;
    }

    @Test
    void geometryFollowsTheSizeAsQemuPicksIt() {
        assertEquals(new FloppyGeometry(FloppyGeometry.DriveType.DRIVE_144, 18, 80, 2, FloppyGeometry.RATE_500K), FloppyGeometry.bySize(1_474_560));
        assertEquals(new FloppyGeometry(FloppyGeometry.DriveType.DRIVE_144, 9, 80, 2, FloppyGeometry.RATE_250K), FloppyGeometry.bySize(737_280));
        assertEquals(new FloppyGeometry(FloppyGeometry.DriveType.DRIVE_288, 36, 80, 2, FloppyGeometry.RATE_1M), FloppyGeometry.bySize(2_949_120));
        assertEquals(FloppyGeometry.DriveType.DRIVE_120, FloppyGeometry.bySize(1_228_800).drive());
        assertNull(FloppyGeometry.bySize(1_000_000));
    }

    @Test
    void aMissingImageIsOneLine() {
        String msg = assertThrows(IllegalArgumentException.class, () -> FloppyImage.open(dir.resolve("nope.img"), false)).getMessage();
        assertTrue(msg.endsWith("nope.img: no such file"), msg);
        assertFalse(msg.contains("\n"));
    }

    @Test
    void anEmptyImageIsRefused() throws Exception {
        Path p = file(0);
        String msg = assertThrows(IllegalArgumentException.class, () -> FloppyImage.open(p, false)).getMessage();
        assertTrue(msg.contains("0 bytes is not the size of a diskette"), msg);
    }

    @Test
    void anImageOfNoDiskettesSizeIsRefused() throws Exception {
        Path p = file(1_474_561);
        String msg = assertThrows(IllegalArgumentException.class, () -> FloppyImage.open(p, false)).getMessage();
        assertTrue(msg.contains("1474561 bytes is not the size of a diskette"), msg);
    }

    @Test
    void sectorsAreReadAndWrittenInPlace() throws Exception {
        Path p = file(737_280);
        try (FloppyImage img = FloppyImage.open(p, false)) {
            byte[] b = new byte[512];
            b[0] = 42;
            assertTrue(img.write(1439, b));
            assertFalse(img.write(1440, b));
            byte[] back = new byte[512];
            assertTrue(img.read(1439, back));
            assertEquals(42, back[0]);
            assertFalse(img.read(1440, back));
        }
        assertEquals(42, Files.readAllBytes(p)[1439 * 512]);
    }

    @Test
    void aReadOnlyImageRefusesWrites() throws Exception {
        try (FloppyImage img = FloppyImage.open(file(1_474_560), true)) {
            assertTrue(img.readOnly());
            assertFalse(img.write(0, new byte[512]));
        }
    }

    private static byte[] sector(int fill) {
        byte[] b = new byte[FloppyGeometry.SECTOR_SIZE];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void aSnapshotImageKeepsWritesInMemoryAndReadsThemBack() throws Exception {
        Path p = file(1_474_560);
        FloppyImage img = FloppyImage.open(p, false, true);
        assertTrue(img.write(5, sector(0xA5)));
        byte[] back = new byte[512];
        assertTrue(img.read(5, back));
        assertEquals((byte) 0xA5, back[100]);
        img.close();
        assertEquals(0, Files.readAllBytes(p)[5 * 512 + 100], "the file is never written");
    }

    @Test
    void aSnapshotImageOfAReadOnlyFileIsWritable() throws Exception {
        Path p = file(1_474_560);
        p.toFile().setWritable(false);
        FloppyImage img = FloppyImage.open(p, false, true);
        assertFalse(img.readOnly());
        assertTrue(img.write(0, sector(1)));
    }

    @Test
    void readOnlyWinsOverSnapshot() throws Exception {
        FloppyImage img = FloppyImage.open(file(1_474_560), true, true);
        assertFalse(img.write(0, sector(1)));
        assertFalse(img.snapshot());
    }

    @Test
    void withoutSnapshotWritesReachTheFile() throws Exception {
        Path p = file(1_474_560);
        try (FloppyImage img = FloppyImage.open(p, false)) {
            assertTrue(img.write(2, sector(0x5A)));
        }
        assertEquals((byte) 0x5A, Files.readAllBytes(p)[2 * 512]);
    }
}
