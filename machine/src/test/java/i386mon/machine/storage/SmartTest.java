package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMART (B0h) on a disk at the primary master, as QEMU 7.2's cmd_smart answers it. */
class SmartTest {
    static final int P = 0x1F0, LBA_MASTER = 0xE0;
    @TempDir Path dir;

    private IdeRig disk() throws IOException { return IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 64)); }

    /** SMART with subcommand {@code feature}, count/sector {@code sector}, the 4Fh/C2h key unless {@code cyl} overrides it. */
    private static void smart(IdeRig r, int feature, int sector, int cyl) {
        r.out(P + 6, LBA_MASTER);
        r.out(P + 1, feature);
        r.out(P + 3, sector);
        r.out(P + 4, cyl & 0xFF);
        r.out(P + 5, cyl >>> 8);
        r.out(P + 7, Smart.COMMAND);
    }

    private static void smart(IdeRig r, int feature, int sector) { smart(r, feature, sector, 0xC24F); }

    private static int checksum(byte[] page) {
        int sum = 0;
        for (byte b : page) sum += b;
        return sum & 0xFF;
    }

    @Test
    void returnStatusLeavesTheKeyForNoThresholdExceeded() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.RETURN_STATUS, 0);
        assertEquals(0x50, r.in(P + 7));
        assertEquals(List.of(0x4F, 0xC2), List.of(r.in(P + 4), r.in(P + 5)));
    }

    @Test
    void withoutTheKeyInTheCylinderRegistersSmartIsAborted() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.RETURN_STATUS, 0, 0);
        assertEquals(0x41, r.in(P + 7));
        assertEquals(AtaStatus.ABRT, r.in(P + 1));
    }

    @Test
    void readDataIsAChecksummedPageWithQemusAttributes() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.READ_DATA, 0);
        assertEquals(0x58, r.in(P + 7));
        byte[] page = r.readData(P, 512);
        assertEquals(1, page[0], "revision");
        assertEquals(0x01, page[2], "raw read error rate first");
        assertEquals((byte) 190, page[2 + 6 * 12], "airflow temperature last");
        assertEquals((byte) 0x82, page[362], "off-line status with autosave");
        assertEquals(0, checksum(page));
        assertEquals(0x50, r.in(P + 7));
    }

    @Test
    void readThresholdsPairsEachAttributeWithItsThreshold() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.READ_THRESHOLDS, 0);
        byte[] page = r.readData(P, 512);
        assertEquals(List.of(0x05, 0x24), List.of((int) page[2 + 3 * 12], (int) page[3 + 3 * 12]));
        assertEquals(0, checksum(page));
    }

    @Test
    void disabledSmartAbortsEverythingButEnable() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.DISABLE, 0);
        assertEquals(0x50, r.in(P + 7));
        smart(r, Smart.RETURN_STATUS, 0);
        assertEquals(0x41, r.in(P + 7));
        smart(r, Smart.ENABLE, 0);
        assertEquals(0x50, r.in(P + 7));
    }

    @Test
    void aSoftwareResetLeavesSmartDisabled() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.DISABLE, 0);
        r.out(0x3F6, 0x04);
        r.out(0x3F6, 0x00);
        smart(r, Smart.RETURN_STATUS, 0);
        assertEquals(0x41, r.in(P + 7));
    }

    @Test
    void autosaveOffShowsInReadData() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.ATTRIBUTE_AUTOSAVE, 0x00);
        smart(r, Smart.READ_DATA, 0);
        assertEquals(0x02, r.readData(P, 512)[362]);
    }

    @Test
    void autosaveWithAnotherValueIsAborted() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.ATTRIBUTE_AUTOSAVE, 0x42);
        assertEquals(0x41, r.in(P + 7));
    }

    @Test
    void aSelfTestIsLoggedAsPassed() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.EXECUTE_OFFLINE, 1); // short self-test
        assertEquals(0x50, r.in(P + 7));
        smart(r, Smart.READ_LOG, 0x06);
        byte[] log = r.readData(P, 512);
        assertEquals(List.of(1, 0, 0x34, 0x12), List.of((int) log[2], (int) log[3], (int) log[4], (int) log[5]));
        assertEquals(1, log[508], "entries");
        assertEquals(0, checksum(log));
    }

    @Test
    void anUnknownSelfTestIsAborted() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.EXECUTE_OFFLINE, 0x7F);
        assertEquals(0x41, r.in(P + 7));
    }

    @Test
    void theSummaryErrorLogIsEmpty() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.READ_LOG, 0x01);
        byte[] log = r.readData(P, 512);
        assertEquals(1, log[0]);
        assertEquals(0, log[1], "no error entries");
        assertEquals(0, checksum(log));
    }

    @Test
    void anotherLogIsAborted() throws IOException {
        IdeRig r = disk();
        smart(r, Smart.READ_LOG, 0x80);
        assertEquals(0x41, r.in(P + 7));
    }

    @Test
    void anUnknownSubcommandIsAborted() throws IOException {
        IdeRig r = disk();
        smart(r, 0xD3, 0); // SAVE ATTRIBUTE VALUES: QEMU has it not
        assertEquals(0x41, r.in(P + 7));
    }

    @Test
    void identifyAnnouncesSmartSupportedAndEnabled() throws IOException {
        IdeRig r = disk();
        r.out(P + 6, LBA_MASTER);
        r.out(P + 7, AtaDrive.IDENTIFY);
        byte[] id = r.readData(P, 512);
        assertEquals(1, id[82 * 2] & 1, "word 82 bit 0: SMART supported");
        assertEquals(1, id[85 * 2] & 1, "word 85 bit 0: SMART enabled");
    }

    @Test
    void aCdRomDriveAbortsSmart() throws IOException {
        IdeRig r = new IdeRig(new StorageConfig(List.of(new DriveSpec(0, null, DriveMedia.CDROM, true)), false, null));
        smart(r, Smart.RETURN_STATUS, 0);
        assertEquals(AtaStatus.ABRT, r.in(P + 1));
    }
}
