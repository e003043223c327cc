package i386mon.machine.floppy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloppyControllerTest {
    @TempDir
    Path dir;

    private static int[] bytes(int... b) { return b; }

    @Test
    void afterPowerOnTheControllerWaitsForACommand() throws Exception {
        FdcRig r = new FdcRig(dir);
        assertEquals(0x80, r.msr());
        assertEquals(0x0C, r.bus.in(0x3F2, 1));
        assertFalse(r.irq[6]);
    }

    @Test
    void leavingResetThroughTheDorInterruptsAndOwesFourSenseInterrupts() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.bus.out(0x3F2, 1, 0x00);
        r.bus.out(0x3F2, 1, 0x0C);
        assertTrue(r.irq[6]);
        for (int i = 0; i < 4; i++) {
            r.command(0x08);
            assertArrayEquals(bytes(0xC0 + i, 0), r.result());
        }
        assertFalse(r.irq[6]);
    }

    @Test
    void dsrSoftwareResetInterruptsToo() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.bus.out(0x3F4, 1, 0x80);
        assertTrue(r.irq[6]);
    }

    @Test
    void senseInterruptWithNothingPendingIsAnInvalidCommand() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x08);
        assertArrayEquals(bytes(0x80), r.result());
    }

    @Test
    void versionIsThe82077aasEnhancedController() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x10);
        assertArrayEquals(bytes(0x90), r.result());
    }

    @Test
    void msrShowsTheCommandParameterAndResultPhases() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.bus.out(0x3F5, 1, 0x04); // SENSE DRIVE STATUS, one parameter to come
        assertEquals(0x90, r.msr());
        r.bus.out(0x3F5, 1, 0x00);
        assertEquals(0xD0, r.msr());
        r.bus.in(0x3F5, 1);
        assertEquals(0x80, r.msr());
    }

    @Test
    void specifyHasNoResultPhase() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x03, 0xAF, 0x02);
        assertEquals(0x80, r.msr());
        r.command(0x0E);
        int[] dump = r.result();
        assertEquals(0x0A, dump[4]);
        assertEquals(0x03, dump[5]); // head load time 1, DMA mode
    }

    @Test
    void recalibrateInterruptsWithSeekEndAndTrackZero() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x07, 0x00);
        assertTrue(r.irq[6]);
        r.command(0x08);
        assertArrayEquals(bytes(0x20, 0), r.result());
    }

    @Test
    void seekMovesTheHeadAndClearsTheDiskChangeLine() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        assertEquals(0x80, r.bus.in(0x3F7, 1));
        r.command(0x0F, 0x00, 40);
        r.command(0x08);
        assertArrayEquals(bytes(0x20, 40), r.result());
        assertEquals(0x00, r.bus.in(0x3F7, 1));
    }

    @Test
    void senseDriveStatusReportsTrackZeroAndHead() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x04, 0x04);
        assertArrayEquals(bytes(0x3C), r.result());
    }

    @Test
    void senseDriveStatusReportsWriteProtection() throws Exception {
        FdcRig r = new FdcRig(dir, FdcRig.SIZE_144, true);
        r.command(0x04, 0x00);
        assertArrayEquals(bytes(0x78), r.result());
    }

    @Test
    void readDataByDmaCopiesTheSectorAndReportsTheNextOne() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.dmaForRead(0x10000, 512);
        r.command(0xE6, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
        assertTrue(r.irq[6]);
        assertArrayEquals(bytes(0x00, 0x00, 0x00, 0, 0, 2, 2), r.result());
        for (int i = 0; i < 512; i++) assertEquals(FdcRig.pattern(i), (byte) r.memory.read8(0x10000 + i), "byte " + i);
        assertFalse(r.irq[6]);
    }

    @Test
    void readDataOnTheSecondSideOfALaterTrack() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        int[] res = r.readByDma(0x20000, 1024, 5, 1, 3, 18);
        assertArrayEquals(bytes(0x24, 0x00, 0x00, 5, 1, 5, 2), res);
        int lba = (5 * 2 + 1) * 18 + 2;
        for (int i = 0; i < 1024; i++) assertEquals(FdcRig.pattern(lba * 512 + i), (byte) r.memory.read8(0x20000 + i));
    }

    @Test
    void multiTrackReadContinuesOnTheOtherSide() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        int[] res = r.readByDma(0x30000, 1024, 0, 0, 18, 18);
        assertArrayEquals(bytes(0x04, 0x00, 0x00, 0, 1, 2, 2), res);
        assertEquals(FdcRig.pattern(18 * 512), (byte) r.memory.read8(0x30000 + 512));
    }

    @Test
    void writeDataByDmaReachesTheImageFile() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        for (int i = 0; i < 512; i++) r.memory.write8(0x40000 + i, 0xA5 ^ i);
        int[] res = r.writeByDma(0x40000, 512, 2, 0, 7, 18);
        assertArrayEquals(bytes(0x20, 0x00, 0x00, 2, 0, 8, 2), res);
        byte[] file = Files.readAllBytes(r.image);
        int at = (2 * 2 * 18 + 6) * 512;
        for (int i = 0; i < 512; i++) assertEquals((byte) (0xA5 ^ i), file[at + i]);
        assertEquals(FdcRig.pattern(at + 512), file[at + 512]);
    }

    @Test
    void writingAWriteProtectedDiskFailsWithNotWritable() throws Exception {
        FdcRig r = new FdcRig(dir, FdcRig.SIZE_144, true);
        r.resetAndSense();
        int[] res = r.writeByDma(0x40000, 512, 0, 0, 1, 18);
        assertEquals(0x60, res[0]);
        assertEquals(0x02, res[1]);
    }

    @Test
    void readingBeyondTheMediaEndsWithAbnormalTermination() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        int[] res = r.readByDma(0x10000, 512, 90, 0, 1, 18);
        assertArrayEquals(bytes(0x40, 0x00, 0x00, 90, 0, 1, 2), res);
    }

    @Test
    void aSectorBeyondTheTrackIsEndOfCylinder() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        int[] res = r.readByDma(0x10000, 512, 0, 0, 19, 19);
        assertEquals(0x40, res[0]);
        assertEquals(0x80, res[1]);
    }

    @Test
    void aWrongDataRateFindsNoAddressMark() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.bus.out(0x3F7, 1, 0x02); // 250 kbps: a 720 KB rate for a 1.44 MB diskette
        int[] res = r.readByDma(0x10000, 512, 0, 0, 1, 18);
        assertEquals(0x40, res[0]);
        assertEquals(0x01, res[1]);
    }

    @Test
    void readingAnEmptyDriveFails() throws Exception {
        FdcRig r = new FdcRig(dir, 0, false);
        r.resetAndSense();
        int[] res = r.readByDma(0x10000, 512, 0, 0, 1, 18);
        assertEquals(0x40, res[0] & 0xC0);
    }

    @Test
    void anEmptyConnectedDriveSeeksAsQemusDoes() throws Exception {
        FdcRig r = new FdcRig(dir, 0, false);
        r.fdc.attachEmpty(0);
        r.resetAndSense();
        r.command(0x0F, 0x00, 40);
        r.command(0x08);
        assertArrayEquals(bytes(0x20, 40), r.result());
        assertEquals(0x80, r.bus.in(0x3F7, 1), "no diskette: the disk-change line stays set");
    }

    @Test
    void readingAnEmptyConnectedDriveFails() throws Exception {
        FdcRig r = new FdcRig(dir, 0, false);
        r.fdc.attachEmpty(0);
        r.resetAndSense();
        int[] res = r.readByDma(0x10000, 512, 0, 0, 1, 18);
        assertEquals(0x40, res[0] & 0xC0);
    }

    @Test
    void nonDmaReadGoesThroughTheFifo() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x03, 0xAF, 0x03); // SPECIFY with ND: non-DMA
        r.command(0x46, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF); // one sector: no multi-track
        assertTrue(r.irq[6]);
        byte[] got = new byte[512];
        for (int i = 0; i < 512; i++) {
            assertEquals(0xF0, r.msr(), "byte " + i); // RQM, DIO, non-DMA, busy
            got[i] = (byte) r.bus.in(0x3F5, 1);
        }
        for (int i = 0; i < 512; i++) assertEquals(FdcRig.pattern(i), got[i]);
        int[] res = r.result();
        assertEquals(7, res.length);
        assertEquals(0x00, res[0]);
    }

    @Test
    void nonDmaWriteTakesTheSectorThroughTheFifo() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x03, 0xAF, 0x03);
        r.command(0x45, 0x00, 0, 0, 3, 2, 3, 0x1B, 0xFF);
        for (int i = 0; i < 512; i++) {
            assertEquals(0xB0, r.msr());
            r.bus.out(0x3F5, 1, 0x3C);
        }
        assertEquals(7, r.result().length);
        assertEquals(0x3C, Files.readAllBytes(r.image)[2 * 512 + 100]);
    }

    @Test
    void readIdAnswersAfterTheIndexPasses() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x4A, 0x00);
        assertFalse(r.irq[6]);
        r.fdc.advanceTo(r.fdc.nextEventNanos());
        assertTrue(r.irq[6]);
        assertArrayEquals(bytes(0x00, 0x00, 0x00, 0, 0, 2, 2), r.result());
    }

    @Test
    void formatTrackFillsEachSectorItsIdNames() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x0F, 0x00, 1);
        r.command(0x08);
        r.result();
        for (int s = 0; s < 18; s++) {
            r.memory.write8(0x50000 + 4 * s, 1);
            r.memory.write8(0x50000 + 4 * s + 1, 0);
            r.memory.write8(0x50000 + 4 * s + 2, s + 1);
            r.memory.write8(0x50000 + 4 * s + 3, 2);
        }
        r.dmaForWrite(0x50000, 18 * 4);
        r.command(0x4D, 0x00, 2, 18, 0x1B, 0xE5);
        assertEquals(0x00, r.result()[0]);
        byte[] file = Files.readAllBytes(r.image);
        for (int s = 0; s < 18; s++) assertEquals((byte) 0xE5, file[(2 * 18 + s) * 512 + 17]);
        assertEquals(FdcRig.pattern(3 * 18 * 512), file[3 * 18 * 512]);
    }

    @Test
    void configureLockAndPerpendicularModeShowInDumpreg() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x13, 0x00, 0x57, 0x05);
        r.command(0x94);
        assertArrayEquals(bytes(0x10), r.result());
        r.command(0x12, 0x83);
        r.command(0x0E);
        int[] d = r.result();
        assertEquals(10, d.length);
        assertEquals(0x8C, d[7]);
        assertEquals(0x57, d[8]);
        assertEquals(0x05, d[9]);
    }

    @Test
    void anUnknownCommandIsInvalid() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.command(0x1F);
        assertArrayEquals(bytes(0x80), r.result());
    }

    @Test
    void digitalOutputRegisterReadsBackWithTheSelectedDrive() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.bus.out(0x3F2, 1, 0x2D);
        assertEquals(0x2D, r.bus.in(0x3F2, 1));
        assertEquals(0xC0 | 0x02 | 0x20, r.bus.in(0x3F1, 1)); // SRB: motor 1, drive select
    }

    @Test
    void port3f6IsLeftToTheIdeChannel() throws Exception {
        FdcRig r = new FdcRig(dir);
        assertEquals(null, r.bus.deviceAt(0x3F6));
    }

    @Test
    void blockInfoShowsEachDisketteAsQemuDoes() throws Exception {
        FdcRig r = new FdcRig(dir);
        i386mon.machine.board.Report report = new i386mon.machine.board.Report();
        r.fdc.blockInfo(report, u -> "#block" + (132 + u), false);
        assertEquals(java.util.List.of("floppy0 (#block132): " + r.image + " (raw)", "    Attached to:      /machine/unattached/device[16]",
                "    Removable device: not locked, tray closed", "    Cache mode:       writeback"),
                report.lines().stream().map(i386mon.machine.board.Report.Line::text).toList());
    }

    @Test
    void blockInfoShowsAnEmptyDriveAsNotInserted() throws Exception {
        FdcRig r = new FdcRig(dir, 0, false);
        r.fdc.attachEmpty(0);
        i386mon.machine.board.Report report = new i386mon.machine.board.Report();
        r.fdc.blockInfo(report, u -> "#block" + (132 + u), false);
        assertEquals(java.util.List.of("floppy0: [not inserted]", "    Attached to:      /machine/unattached/device[16]",
                "    Removable device: not locked, tray closed"),
                report.lines().stream().map(i386mon.machine.board.Report.Line::text).toList());
    }

    @Test
    void stateSurvivesASnapshot() throws Exception {
        FdcRig r = new FdcRig(dir);
        r.resetAndSense();
        r.command(0x0F, 0x00, 33);
        StateWriter out = new StateWriter();
        r.fdc.saveState(out, Set.of(r.dma));
        FdcRig other = new FdcRig(Files.createDirectory(dir.resolve("other")));
        other.fdc.restoreState(new StateReader(out.toByteArray(), "fdc"), Set.of(other.dma));
        assertEquals(33, other.fdc.drive(0).track());
        other.command(0x08);
        assertArrayEquals(bytes(0x20, 33), other.result());
    }

    @Test
    void aSnapshotDiskettesOverlayIsInItsSnapshotPart() throws Exception {
        FdcRig r = new FdcRig(dir, FdcRig.SIZE_144, false, true);
        byte[] data = new byte[512];
        java.util.Arrays.fill(data, (byte) 0x77);
        r.fdc.drive(0).image().write(3, data);
        StateWriter out = new StateWriter();
        r.fdc.overlays().saveState(out);
        r.fdc.drive(0).image().write(3, new byte[512]);
        r.fdc.overlays().restoreState(new StateReader(out.toByteArray(), "floppies"));
        byte[] back = new byte[512];
        r.fdc.drive(0).image().read(3, back);
        assertEquals((byte) 0x77, back[0]);
    }

    @Test
    void theControllersOwnStateLeavesTheOverlayAlone() throws Exception {
        FdcRig r = new FdcRig(dir, FdcRig.SIZE_144, false, true);
        StateWriter out = new StateWriter();
        r.fdc.saveState(out, Set.of(r.dma)); // as a system reset captures the devices' start
        byte[] data = new byte[512];
        java.util.Arrays.fill(data, (byte) 0x66);
        r.fdc.drive(0).image().write(7, data);
        r.fdc.restoreState(new StateReader(out.toByteArray(), "fdc"), Set.of(r.dma)); // ... and puts them back
        byte[] back = new byte[512];
        r.fdc.drive(0).image().read(7, back);
        assertEquals((byte) 0x66, back[0]);
    }

    @Test
    void aControllerResetKeepsTheSnapshotsWrites() throws Exception {
        FdcRig r = new FdcRig(dir, FdcRig.SIZE_144, false, true);
        byte[] data = new byte[512];
        java.util.Arrays.fill(data, (byte) 0x42);
        r.fdc.drive(0).image().write(0, data);
        r.resetAndSense();
        int[] res = r.readByDma(0x10000, 512, 0, 0, 1, 18);
        assertEquals(0, res[0] & 0xC0);
        assertEquals(0x42, r.memory.read8(0x10000));
        assertEquals(0, Files.readAllBytes(r.image)[0], "the image file is untouched");
    }
}
