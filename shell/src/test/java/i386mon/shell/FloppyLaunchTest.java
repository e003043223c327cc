package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -fda, -fdb and -drive if=floppy: the diskettes reach the machine, bad images are one line at start. */
class FloppyLaunchTest {
    @TempDir Path dir;
    private BatchLauncher launcher;

    private int run(String... args) {
        launcher = new BatchLauncher(dir);
        return launcher.run(args);
    }

    private String out() { return launcher.out(); }

    private String err() { return launcher.err(); }

    private String image(String name, int size) throws Exception {
        return Files.write(dir.resolve(name), new byte[size]).toString();
    }

    @Test
    void fdaPutsTheDisketteInDriveA() throws Exception {
        String a = image("a.img", 1_474_560);
        assertEquals(0, run("--batch", "-fda", a, "-c", "info fdc"), err());
        assertTrue(out().contains("fd0: " + a + " 1.44 MB (80 tracks, 2 heads, 18 sectors) rw"), out());
        assertTrue(out().contains("fd1: no diskette"), out());
    }

    @Test
    void theCmosRecordsTheDriveTypes() throws Exception {
        assertEquals(0, run("--batch", "-fda", image("a.img", 1_474_560), "-fdb", image("b.img", 2_949_120), "-c", "info cmos"), err());
        // 0x10: A: 1.44 MB (4), B: 2.88 MB (5); 0x14: two drives (0x41) besides the FPU and mouse bits (0x06), as QEMU sets it
        assertTrue(out().contains("10: 45 00 00 00 47"), out());
    }

    @Test
    void driveIfFloppyTakesIndexAndReadonly() throws Exception {
        String b = image("b.img", 737_280);
        assertEquals(0, run("--batch", "-drive", "file=" + b + ",if=floppy,index=1,format=raw,readonly=on", "-c", "info fdc"), err());
        assertTrue(out().contains("fd1: " + b + " 720 KB (80 tracks, 2 heads, 9 sectors) ro"), out());
    }

    @Test
    void aMissingImageIsOneLineAtStart() {
        assertEquals(2, run("--batch", "-fda", dir.resolve("nope.img").toString(), "-c", "info fdc"));
        assertEquals("floppy image " + dir.resolve("nope.img") + ": no such file", err().strip());
    }

    @Test
    void anImageOfNoDiskettesSizeIsOneLineAtStart() throws Exception {
        String bad = image("bad.img", 1000);
        assertEquals(2, run("--batch", "-fda", bad));
        assertEquals(1, err().strip().lines().count(), err());
        assertTrue(err().contains("1000 bytes is not the size of a diskette"), err());
    }

    @Test
    void anEmptyImageIsOneLineAtStart() throws Exception {
        String empty = image("empty.img", 0);
        assertEquals(2, run("--batch", "-fda", empty));
        assertEquals("floppy image " + empty + ": 0 bytes is not the size of a diskette "
                + "(e.g. 737280 for 720 KB, 1474560 for 1.44 MB, 2949120 for 2.88 MB)", err().strip());
    }

    @Test
    void withoutFdaDriveAIsThereEmptyAsUnderQemu() {
        assertEquals(0, run("--batch", "-c", "info cmos", "-c", "info fdc"), err());
        // 0x10: A: QEMU's fallback type for an empty drive (5, 2.88 MB); 0x14: one drive (0x01) besides the FPU and mouse bits (0x06)
        assertTrue(out().contains("10: 50 00 00 00 07"), out());
        assertTrue(out().contains("fd0: no diskette"), out());
    }

    @Test
    void fdbAloneLeavesDriveAThereEmpty() throws Exception {
        assertEquals(0, run("--batch", "-fdb", image("b.img", 1_474_560), "-c", "info cmos"), err());
        assertTrue(out().contains("10: 54 00 00 00 47"), out());
    }

    @Test
    void aDriveGivenTwiceIsRefused() throws Exception {
        String a = image("a.img", 1_474_560);
        assertEquals(2, run("--batch", "-fda", a, "-drive", "file=" + a + ",if=floppy,index=0"));
        assertTrue(err().startsWith("-drive file=" + a + ",if=floppy,index=0: floppy drive 0 is given twice"), err());
    }

    @Test
    void aDriveOnAnotherInterfaceIsRefusedInOneLine() {
        assertEquals(2, run("--batch", "-drive", "file=x.img,if=scsi"));
        assertTrue(err().startsWith("-drive file=x.img,if=scsi: only if=ide and if=floppy are supported"), err());
        assertFalse(err().contains("Exception"), err());
    }
}
