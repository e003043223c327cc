package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MMC commands beyond reading, on a CD-ROM drive at the secondary master driven through its
 * ports, with the values QEMU 7.2's ide-cd answers (AtaDifferentialTest compares the same packets
 * with QEMU byte for byte).
 */
class MmcCommandsTest {
    static final int S = 0x170;
    @TempDir Path dir;

    private IdeRig rig(Path iso) {
        return new IdeRig(new StorageConfig(List.of(new DriveSpec(2, iso, DriveMedia.CDROM, true)), false, null));
    }

    private IdeRig empty() { return rig(null); }

    private Path iso(int sectors) throws IOException {
        byte[] b = new byte[sectors * 2048];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i / 2048 * 3 + i);
        return Files.write(dir.resolve("disc.iso"), b);
    }

    /** Sends a packet (PIO, byte count limit 0xFFFE); returns the status after it. */
    private static int packet(IdeRig r, int... bytes) {
        return packetWithLimit(r, 0xFFFE, bytes);
    }

    private static int packetWithLimit(IdeRig r, int bcl, int... bytes) { return r.packet(S, bcl, bytes); }

    /** The bytes the drive offers in its current DRQ block (the count is in the cylinder registers). */
    private static byte[] block(IdeRig r) {
        return r.readData(S, r.in(S + 4) | r.in(S + 5) << 8);
    }

    /** REQUEST SENSE's sense key and additional sense code. */
    private static int[] sense(IdeRig r) {
        packet(r, 0x03, 0, 0, 0, 18);
        byte[] d = r.readData(S, 18);
        return new int[] { d[2], d[12] & 0xFF };
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xFF));
        return s.toString();
    }

    @Test
    void modeSenseErrorRecoveryPageHasItsHeaderAndRetryCount() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x58, packet(r, 0x5A, 0, 0x01, 0, 0, 0, 0, 0, 255));
        assertEquals("000e7000000000000106000500000000", hex(block(r)));
    }

    @Test
    void modeSenseCapabilitiesPageIsQemus() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x5A, 0, 0x2A, 0, 0, 0, 0, 0, 255);
        assertEquals("001c7000000000002a143b007160290002c00002020002c0000000000000", hex(block(r)));
    }

    @Test
    void modeSenseCapabilitiesShowsALockedTray() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x1E, 0, 0, 0, 1);
        packet(r, 0x5A, 0, 0x2A, 0, 0, 0, 0, 0, 255);
        assertEquals(0x2B, block(r)[14]);
    }

    @Test
    void modeSenseAnswersWithoutADisc() {
        IdeRig r = empty();
        assertEquals(0x58, packet(r, 0x5A, 0, 0x01, 0, 0, 0, 0, 0, 255));
    }

    @Test
    void modeSenseOfAllPagesIsRefusedAsQemuRefusesIt() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x5A, 0, 0x3F, 0, 0, 0, 0, 0, 255));
        assertEquals(List.of(Atapi.ILLEGAL_REQUEST, Atapi.ASC_INV_FIELD_IN_CMD_PACKET), List.of(sense(r)[0], sense(r)[1]));
    }

    @Test
    void modeSenseOfChangeableValuesIsAnInvalidField() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x5A, 0, 0x40 | 0x2A, 0, 0, 0, 0, 0, 255));
        assertEquals(Atapi.ASC_INV_FIELD_IN_CMD_PACKET, sense(r)[1]);
    }

    @Test
    void modeSenseOfSavedValuesCannotSave() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x5A, 0, 0xC0 | 0x2A, 0, 0, 0, 0, 0, 255));
        assertEquals(Atapi.ASC_SAVING_PARAMETERS_NOT_SUPPORTED, sense(r)[1]);
    }

    @Test
    void getConfigurationMakesCdRomCurrentForACdSizedDisc() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x46, 0, 0, 0, 0, 0, 0, 0, 64);
        assertEquals("0000001000000008000003080010000000080100", hex(block(r)));
    }

    @Test
    void getConfigurationMakesDvdRomCurrentForADiscLargerThanACd() throws IOException {
        Path dvd = dir.resolve("dvd.iso");
        try (RandomAccessFile f = new RandomAccessFile(dvd.toFile(), "rw")) {
            f.setLength((MmcData.CD_MAX_SECTORS + 4) * 512); // sparse: nothing is read
        }
        IdeRig r = rig(dvd);
        packet(r, 0x46, 0, 0, 0, 0, 0, 0, 0, 64);
        assertEquals("0000001000000010000003080010010000080000", hex(block(r)));
    }

    @Test
    void getConfigurationWithoutADiscHasNoCurrentProfile() {
        IdeRig r = empty();
        packet(r, 0x46, 0, 0, 0, 0, 0, 0, 0, 64);
        assertEquals("0000001000000000000003080010000000080000", hex(block(r)));
    }

    @Test
    void getConfigurationFromAnotherFeatureIsRefused() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x46, 2, 0, 0x1E, 0, 0, 0, 0, 64));
        assertEquals(Atapi.ASC_INV_FIELD_IN_CMD_PACKET, sense(r)[1]);
    }

    @Test
    void eventStatusReportsTheMediaClassWithAMediumPresent() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x4A, 1, 0, 0, 0x10, 0, 0, 0, 8);
        assertEquals("0004041000020000", hex(block(r)));
    }

    @Test
    void eventStatusForAnotherClassHasNoEvent() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x4A, 1, 0, 0, 0x04, 0, 0, 0, 8);
        assertEquals("00008010", hex(block(r)));
    }

    @Test
    void eventStatusAsynchronousIsRefused() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x4A, 0, 0, 0, 0x10, 0, 0, 0, 8));
        assertEquals(Atapi.ASC_INV_FIELD_IN_CMD_PACKET, sense(r)[1]);
    }

    @Test
    void readDiscInformationDescribesOneFinalizedSession() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0x51, 0, 0, 0, 0, 0, 0, 0, 34);
        assertEquals("00200e01010101200000000000000000000000000000000000000000000000000000", hex(block(r)));
    }

    @Test
    void readDiscInformationNeedsADisc() {
        IdeRig r = empty();
        assertEquals(0x41, packet(r, 0x51, 0, 0, 0, 0, 0, 0, 0, 34));
        assertEquals(Atapi.ASC_MEDIUM_NOT_PRESENT, sense(r)[1]);
    }

    @Test
    void mechanismStatusHasOneSlot() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 0xBD, 0, 0, 0, 0, 0, 0, 0, 0, 8);
        assertEquals("0000000000010000", hex(block(r)));
    }

    @Test
    void seekWithinTheDiscSucceedsWithoutAByteCountLimit() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x50, packetWithLimit(r, 0, 0x2B, 0, 0, 0, 0, 9));
    }

    @Test
    void seekPastTheDiscIsOutOfRange() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packetWithLimit(r, 0, 0x2B, 0, 0, 0, 0, 10));
        assertEquals(Atapi.ASC_LOGICAL_BLOCK_OOR, sense(r)[1]);
    }

    @Test
    void readTocFormatTwoIsTheRawToc() throws IOException {
        IdeRig r = rig(iso(300));
        packet(r, 0x43, 0, 0, 0, 0, 0, 1, 0, 64, 0x80);
        assertEquals("002e0101011400a000000000010000011400a100000000010000011400a20000000000012c0114000100000000000000", hex(block(r)));
    }

    @Test
    void readTocFormatThreeIsRefused() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 0x43, 0, 0, 0, 0, 0, 0, 0, 20, 0xC0));
    }

    @Test
    void readCdOfUserDataDeliversTheSectors() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x10);
        byte[] d = block(r);
        assertEquals(2048, d.length);
        assertEquals((byte) (5 * 3 + 5 * 2048 + 100), d[100]);
    }

    @Test
    void readCdOfWholeSectorsAddsSyncHeaderAndZeroEcc() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0xBE, 0, 0, 0, 0, 7, 0, 0, 1, 0xF8);
        byte[] d = block(r);
        assertEquals(2352, d.length);
        assertEquals("00ffffffffffffffffffff0000020701", hex(java.util.Arrays.copyOf(d, 16)), "sync, MSF 00:02:07 (7 + 150 frames), mode 1");
        assertEquals((byte) (7 * 3 + 7 * 2048), d[16]);
        assertEquals(0, d[2351]);
    }

    @Test
    void readCdOfNothingCompletesAtOnce() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x50, packet(r, 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x00));
    }

    @Test
    void readCdOfAnotherFieldCombinationIsRefused() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packet(r, 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x20));
        assertEquals(Atapi.ASC_INV_FIELD_IN_CMD_PACKET, sense(r)[1]);
    }

    @Test
    void readCdPastTheDiscIsOutOfRange() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packet(r, 0xBE, 0, 0, 0, 0, 10, 0, 0, 1, 0x10));
        assertEquals(Atapi.ASC_LOGICAL_BLOCK_OOR, sense(r)[1]);
    }

    @Test
    void readCdWithoutAByteCountLimitIsAbortedAtTheAtaLevel() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packetWithLimit(r, 0, 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x10));
        assertEquals(AtaStatus.ABRT, r.in(S + 1));
    }

    @Test
    void readDvdStructureOfACdIsAnIncompatibleFormat() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packet(r, 0xAD, 0, 0, 0, 0, 0, 0, 0, 0, 64));
        assertEquals(Atapi.ASC_INCOMPATIBLE_FORMAT, sense(r)[1]);
    }

    @Test
    void readDvdStructureListsTheStructures() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0xAD, 0, 0, 0, 0, 0, 0, 0xFF, 0, 64);
        assertEquals("001200000040080401400008034000c004400804", hex(block(r)));
    }

    @Test
    void setCdSpeedIsAccepted() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x50, packetWithLimit(r, 0, 0xBB, 0, 0xFF, 0xFF));
    }

    @Test
    void ejectIsPreventedWhileTheTrayIsLocked() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0x1E, 0, 0, 0, 1);
        assertEquals(0x41, packet(r, 0x1B, 0, 0, 0, 2));
        assertEquals(List.of(Atapi.NOT_READY, Atapi.ASC_MEDIA_REMOVAL_PREVENTED), List.of(sense(r)[0], sense(r)[1]));
    }

    @Test
    void ejectOpensTheTraySoTheDriveIsNotReady() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x50, packet(r, 0x1B, 0, 0, 0, 2));
        assertEquals(0x41, packet(r, 0x00));
        packet(r, 0x4A, 1, 0, 0, 0x10, 0, 0, 0, 8);
        assertEquals(MmcData.MEDIA_TRAY_OPEN, block(r)[5]);
    }

    @Test
    void loadClosesTheTrayAgain() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0x1B, 0, 0, 0, 2);
        packet(r, 0x1B, 0, 0, 0, 3);
        assertEquals(0x50, packet(r, 0x00));
    }

    @Test
    void aResetClosesTheTrayAndUnlocksIt() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0x1B, 0, 0, 0, 2);
        r.out(S + 6, 0xA0);
        r.out(S + 7, AtaDrive.DEVICE_RESET);
        assertEquals(0x50, packet(r, 0x00));
    }

    @Test
    void infoBlockShowsTheTrayTheGuestOpened() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0x1B, 0, 0, 0, 2);
        i386mon.machine.board.Report report = r.board.report("block");
        assertEquals(true, report.lines().stream().anyMatch(l -> l.text().equals("    Removable device: not locked, tray open")),
                report.lines().toString());
    }
}
