package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ATA disk behind the primary and secondary channels, driven through its ports (QEMU 7.2's behaviour). */
class AtaDiskTest {
    static final int P = 0x1F0, S = 0x170, P_CTRL = 0x3F6;
    static final int LBA_MASTER = 0xE0, LBA_SLAVE = 0xF0;
    @TempDir Path dir;

    private static int word(byte[] b, int w) { return b[2 * w] & 0xFF | (b[2 * w + 1] & 0xFF) << 8; }

    private static String text(byte[] b, int word, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) s.append((char) (b[2 * (word + i / 2) + ((i & 1) == 0 ? 1 : 0)] & 0xFF));
        return s.toString().strip();
    }

    private static byte[] sector(Path file, long s) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] out = new byte[512];
        System.arraycopy(all, (int) s * 512, out, 0, 512);
        return out;
    }

    private static byte[] expected(long s) {
        byte[] b = new byte[512];
        for (int k = 0; k < 512; k++) b[k] = IdeRig.pattern(s, k);
        return b;
    }

    @Test
    void identifyReportsQemusModelSerialFirmwareAndCapacities() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 4096));
        rig.command(P, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals(0x58, rig.in(P + 7));
        byte[] id = rig.readData(P, 512);
        assertEquals("QEMU HARDDISK", text(id, 27, 40));
        assertEquals("QM00001", text(id, 10, 20));
        assertEquals("2.5+", text(id, 23, 8));
        assertEquals(4096, word(id, 60) | word(id, 61) << 16);
        assertEquals(4096, word(id, 100) | word(id, 101) << 16);
        assertEquals(0x8010, word(id, 47));
        assertEquals(0x0040, word(id, 0));
        assertEquals(0x50, rig.in(P + 7), "DRQ clears after the 256th word");
    }

    @Test
    void identifyGeometryIsQemusGuessForTheSize() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16 * 63 * 5 + 7));
        rig.command(P, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        byte[] id = rig.readData(P, 512);
        assertEquals(5, word(id, 1));
        assertEquals(16, word(id, 3));
        assertEquals(63, word(id, 6));
    }

    @Test
    void geometryComesFromTheMbrPartitionTableWhenItHasAtMost16Heads() {
        byte[] mbr = new byte[512];
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xAA;
        mbr[0x1BE + 5] = 3;   // end head 3: 4 heads
        mbr[0x1BE + 6] = 32;  // end sector 32
        mbr[0x1BE + 12] = 100; // a non-zero sector count
        assertEquals(new DiskGeometry(80, 4, 32), DiskGeometry.guess(mbr, 80 * 4 * 32));
    }

    @Test
    void secondaryChannelSerialIsQm00003() throws IOException {
        IdeRig rig = IdeRig.withDisks(null, null, IdeRig.patterned(dir, "c.img", 100));
        rig.command(S, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals("QM00003", text(rig.readData(S, 512), 10, 20));
    }

    @Test
    void readSectorsLba28DeliversTheImageAndAdvancesTheAddress() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 300));
        rig.command(P, LBA_MASTER, 2, 257, AtaDrive.READ_SECTORS);
        assertArrayEquals(expected(257), rig.readData(P, 512));
        assertArrayEquals(expected(258), rig.readData(P, 512));
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(259 & 0xFF, rig.in(P + 3));
        assertEquals(1, rig.in(P + 4));
        assertEquals(0, rig.in(P + 2));
    }

    @Test
    void readSectorsChsUsesTheReportedGeometry() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16 * 63 * 3));
        // cylinder 1, head 2, sector 5 = (1*16 + 2)*63 + 4
        rig.out(P + 6, 0xA0 | 2);
        rig.out(P + 2, 1);
        rig.out(P + 3, 5);
        rig.out(P + 4, 1);
        rig.out(P + 5, 0);
        rig.out(P + 7, AtaDrive.READ_SECTORS);
        assertArrayEquals(expected((1 * 16 + 2) * 63 + 4), rig.readData(P, 512));
    }

    @Test
    void readSectorsExtTakesTheHighOrderBytes() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 600));
        rig.command48(P, 0x40, 1, 0x1FF, AtaDrive.READ_SECTORS_EXT);
        assertArrayEquals(expected(0x1FF), rig.readData(P, 512));
    }

    @Test
    void readSectorsExtBeyondLba28AddressesTheHighBytes() throws IOException {
        Path big = dir.resolve("big.img");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((1L << 28) * 512 + 512 * 4); // sparse: 128 GiB + 2 KiB, nothing read until asked
            f.seek((1L << 28) * 512 + 512);
            f.write(new byte[] { 0x12, 0x34 });
        }
        IdeRig rig = IdeRig.withDisks(big);
        rig.command48(P, 0x40, 1, (1L << 28) + 1, AtaDrive.READ_SECTORS_EXT);
        assertEquals(0x3412, rig.inw(P));
    }

    @Test
    void writeSectorsReachTheFileWithAnIrqPerSector() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 20);
        IdeRig rig = IdeRig.withDisks(img);
        rig.command(P, LBA_MASTER, 2, 5, AtaDrive.WRITE_SECTORS);
        assertEquals(0x58, rig.in(P + 7), "DRQ for the first sector, no IRQ yet");
        assertEquals(0, rig.rises[14]);
        byte[] data = new byte[512];
        java.util.Arrays.fill(data, (byte) 0xA5);
        rig.writeData(P, data);
        assertEquals(1, rig.rises[14]);
        assertEquals(0x58, rig.in(P + 7));
        rig.writeData(P, data);
        assertEquals(2, rig.rises[14]);
        assertEquals(0x50, rig.in(P + 7));
        assertArrayEquals(data, sector(img, 5));
        assertArrayEquals(data, sector(img, 6));
        assertArrayEquals(expected(7), sector(img, 7));
    }

    @Test
    void readMultipleDeliversBlocksOfTheMultipleCountWithOneIrqEach() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 40));
        rig.command(P, LBA_MASTER, 4, 0, AtaDrive.SET_MULTIPLE);
        assertEquals(0x50, rig.in(P + 7));
        rig.command(P, LBA_MASTER, 6, 10, AtaDrive.READ_MULTIPLE);
        assertEquals(2, rig.rises[14]);
        rig.in(P + 7);
        byte[] first = rig.readData(P, 4 * 512);
        assertEquals(3, rig.rises[14], "the second block's IRQ");
        byte[] second = rig.readData(P, 2 * 512);
        for (int s = 0; s < 4; s++) assertEquals(IdeRig.pattern(10 + s, 9), first[s * 512 + 9]);
        for (int s = 0; s < 2; s++) assertEquals(IdeRig.pattern(14 + s, 9), second[s * 512 + 9]);
        assertEquals(0x50, rig.in(P + 7));
    }

    @Test
    void writeMultipleTakesBlocksOfTheMultipleCount() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 40);
        IdeRig rig = IdeRig.withDisks(img);
        rig.command(P, LBA_MASTER, 2, 0, AtaDrive.SET_MULTIPLE);
        rig.command(P, LBA_MASTER, 3, 30, AtaDrive.WRITE_MULTIPLE);
        byte[] block = new byte[1024];
        java.util.Arrays.fill(block, (byte) 0x11);
        rig.writeData(P, block);
        rig.writeData(P, new byte[512]);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(0x11, sector(img, 31)[100]);
        assertEquals(0, sector(img, 32)[100]);
    }

    @Test
    void setMultipleRefusesACountThatIsNotAPowerOfTwo() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 3, 0, AtaDrive.SET_MULTIPLE);
        assertEquals(0x41, rig.in(P + 7));
        assertEquals(AtaStatus.ABRT, rig.in(P + 1));
    }

    @Test
    void readBeyondTheEndAbortsWithAnIrq() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 1, 8, AtaDrive.READ_SECTORS);
        assertEquals(0x41, rig.in(P + 7));
        assertEquals(AtaStatus.ABRT, rig.in(P + 1));
        assertEquals(1, rig.rises[14]);
    }

    @Test
    void aReadRunningOffTheEndAbortsAtTheFirstMissingSector() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 2, 7, AtaDrive.READ_SECTORS);
        assertArrayEquals(expected(7), rig.readData(P, 512));
        assertEquals(0x41, rig.in(P + 7));
        assertEquals(AtaStatus.ABRT, rig.in(P + 1));
    }

    @Test
    void anUnimplementedCommandAbortsAndTheDriveTakesTheNext() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 0, 0, 0x50); // FORMAT TRACK: nobody implements it here
        assertEquals(0x41, rig.in(P + 7));
        assertEquals(AtaStatus.ABRT, rig.in(P + 1));
        rig.command(P, LBA_MASTER, 1, 0, AtaDrive.READ_SECTORS);
        assertEquals(0x58, rig.in(P + 7));
    }

    @Test
    void aChannelWithoutDisksReadsZeros() {
        IdeRig rig = IdeRig.withDisks();
        assertEquals(0, rig.in(P + 7));
        assertEquals(0, rig.in(0x3F6));
        assertEquals(0, rig.in(S + 7));
        rig.command(P, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals(0, rig.in(P + 7));
    }

    @Test
    void anAbsentSlaveReadsZeroAndIgnoresCommands() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, 0xB0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals(0, rig.in(P + 7));
        assertEquals(0, rig.rises[14]);
        rig.out(P + 6, 0xA0);
        assertEquals(0x50, rig.in(P + 7));
    }

    @Test
    void theSlaveAnswersOnItsOwnPosition() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8), IdeRig.patterned(dir, "b.img", 8));
        rig.command(P, 0xB0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals("QM00002", text(rig.readData(P, 512), 10, 20));
    }

    @Test
    void softwareResetLeavesTheDiskSignature() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 9, 0x123456, AtaDrive.SEEK);
        rig.out(P_CTRL, AtaStatus.CTRL_SRST);
        rig.out(P_CTRL, 0);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(1, rig.in(P + 2));
        assertEquals(1, rig.in(P + 3));
        assertEquals(0, rig.in(P + 4));
        assertEquals(0, rig.in(P + 5));
        assertEquals(1, rig.in(P + 1), "diagnostic code: device 0 passed");
    }

    @Test
    void softwareResetEndsATransferHalfWay() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 1, 0, AtaDrive.READ_SECTORS);
        rig.readData(P, 100);
        rig.out(P_CTRL, AtaStatus.CTRL_SRST | AtaStatus.CTRL_NIEN);
        rig.out(P_CTRL, AtaStatus.CTRL_NIEN);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(0, rig.inw(P), "no data after the reset");
    }

    @Test
    void nIenKeepsTheLineLow() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.out(P_CTRL, AtaStatus.CTRL_NIEN);
        rig.command(P, LBA_MASTER, 1, 0, AtaDrive.READ_SECTORS);
        assertEquals(0, rig.rises[14]);
        assertEquals(0x58, rig.in(0x3F6));
    }

    @Test
    void readingTheStatusAcknowledgesTheIrqButTheAlternateStatusDoesNot() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, LBA_MASTER, 1, 0, AtaDrive.FLUSH_CACHE);
        assertTrue(rig.irq[14]);
        assertEquals(0x50, rig.in(0x3F6));
        assertTrue(rig.irq[14]);
        assertEquals(0x50, rig.in(P + 7));
        assertFalse(rig.irq[14]);
    }

    @Test
    void secondaryChannelInterruptsOnIrq15() throws IOException {
        IdeRig rig = IdeRig.withDisks(null, null, IdeRig.patterned(dir, "c.img", 8));
        rig.command(S, LBA_MASTER, 1, 0, AtaDrive.READ_SECTORS);
        assertEquals(1, rig.rises[15]);
        assertEquals(0, rig.rises[14]);
    }

    @Test
    void initializeDeviceParametersChangesTheChsTranslation() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 2000));
        rig.out(P + 6, 0xA0 | 3); // 4 heads
        rig.out(P + 2, 10);       // 10 sectors per track
        rig.out(P + 7, AtaDrive.INITIALIZE_DEVICE_PARAMETERS);
        assertEquals(0x50, rig.in(P + 7));
        rig.out(P + 6, 0xA0 | 1);
        rig.out(P + 2, 1);
        rig.out(P + 3, 3);
        rig.out(P + 4, 2);
        rig.out(P + 5, 0);
        rig.out(P + 7, AtaDrive.READ_SECTORS);
        assertArrayEquals(expected((2 * 4 + 1) * 10 + 2), rig.readData(P, 512));
    }

    @Test
    void setFeaturesTransferModeSelectsTheUdmaModeIdentifyShows() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 8));
        rig.command(P, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        rig.readData(P, 512);
        rig.out(P + 1, 0x03);
        rig.command(P, 0xA0, 0x40 | 2, 0, AtaDrive.SET_FEATURES); // UDMA mode 2
        assertEquals(0x50, rig.in(P + 7));
        rig.command(P, 0xA0, 0, 0, AtaDrive.IDENTIFY);
        assertEquals(0x3F | 1 << 10, word(rig.readData(P, 512), 88));
    }

    @Test
    void readNativeMaxAddressGivesTheLastSector() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 0x345));
        rig.command(P, LBA_MASTER, 0, 0, AtaDrive.READ_NATIVE_MAX);
        assertEquals(0x44, rig.in(P + 3));
        assertEquals(0x03, rig.in(P + 4));
    }

    @Test
    void writesUnderSnapshotStayInMemory() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 8);
        IdeRig rig = new IdeRig(new StorageConfig(java.util.List.of(new DriveSpec(0, img, DriveMedia.DISK, false)), true, null));
        rig.command(P, LBA_MASTER, 1, 3, AtaDrive.WRITE_SECTORS);
        rig.writeData(P, new byte[512]);
        rig.command(P, LBA_MASTER, 1, 3, AtaDrive.READ_SECTORS);
        assertArrayEquals(new byte[512], rig.readData(P, 512), "the guest reads back what it wrote");
        assertArrayEquals(expected(3), sector(img, 3), "the file is untouched");
    }

    @Test
    void aSnapshotRestoresRegistersAndTheOverlay() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 8);
        IdeRig rig = new IdeRig(new StorageConfig(java.util.List.of(new DriveSpec(0, img, DriveMedia.DISK, true)), false, null));
        rig.command(P, LBA_MASTER, 1, 2, AtaDrive.WRITE_SECTORS);
        rig.writeData(P, new byte[512]);
        var out = new i386mon.machine.state.StateWriter();
        rig.storage.primary().saveState(out, java.util.Set.of());
        rig.command(P, LBA_MASTER, 1, 2, AtaDrive.WRITE_SECTORS);
        byte[] ones = new byte[512];
        java.util.Arrays.fill(ones, (byte) 1);
        rig.writeData(P, ones);
        rig.storage.primary().restoreState(new i386mon.machine.state.StateReader(out.toByteArray(), "test"), java.util.Set.of());
        assertEquals(3, rig.in(P + 3), "the sector register as saved");
        rig.command(P, LBA_MASTER, 1, 2, AtaDrive.READ_SECTORS);
        assertArrayEquals(new byte[512], rig.readData(P, 512));
    }
}
