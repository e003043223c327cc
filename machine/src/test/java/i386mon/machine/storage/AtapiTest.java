package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CD-ROM drive's packet interface at the secondary master, driven through its ports (QEMU 7.2's ide-cd). */
class AtapiTest {
    static final int S = 0x170;
    @TempDir Path dir;

    private IdeRig rig(Path iso) {
        return new IdeRig(new StorageConfig(List.of(new DriveSpec(2, iso, DriveMedia.CDROM, true)), false, null));
    }

    private Path iso(int sectors) throws IOException {
        byte[] b = new byte[sectors * 2048];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i / 2048 * 3 + i);
        return Files.write(dir.resolve("disc.iso"), b);
    }

    /** Sends a 12-byte packet with byte count limit {@code bcl}; returns the status after it. */
    private int packet(IdeRig r, int bcl, int... bytes) { return r.packet(S, bcl, bytes); }

    @Test
    void theDriveCarriesThePacketSignatureAndRefusesIdentify() throws IOException {
        IdeRig r = rig(iso(4));
        r.out(S + 6, 0xA0);
        r.out(S + 7, AtaDrive.IDENTIFY);
        assertEquals(0x41, r.in(S + 7));
        assertEquals(0x14, r.in(S + 4));
        assertEquals(0xEB, r.in(S + 5));
    }

    @Test
    void identifyPacketDeviceNamesQemusDvdRom() throws IOException {
        IdeRig r = rig(iso(4));
        r.out(S + 6, 0xA0);
        r.out(S + 7, AtaDrive.IDENTIFY_PACKET);
        byte[] id = r.readData(S, 512);
        assertEquals(0x85C0, id[0] & 0xFF | (id[1] & 0xFF) << 8);
        assertEquals('E', (char) id[54]);
        assertEquals('Q', (char) id[55]);
    }

    @Test
    void readCapacityGivesTheLastSectorAnd2048() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x58, packet(r, 8, 0x25));
        byte[] d = r.readData(S, 8);
        assertEquals(9, d[3]);
        assertEquals(0x08, d[6]);
        assertEquals(0x50, r.in(S + 7));
        assertEquals(3, r.in(S + 2), "interrupt reason: status (I/O and C/D)");
    }

    @Test
    void read10DeliversSectorsWithinTheByteCountLimit() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 0xFFFE, 0x28, 0, 0, 0, 0, 3, 0, 0, 2);
        assertEquals(0x00, r.in(S + 4));
        assertEquals(0x10, r.in(S + 5), "byte count 4096");
        byte[] d = r.readData(S, 4096);
        assertEquals((byte) (3 * 3 + 3 * 2048 + 5), d[5]);
        assertEquals((byte) (4 * 3 + 4 * 2048 + 7), d[2048 + 7]);
        assertEquals(0x50, r.in(S + 7));
    }

    @Test
    void aSmallByteCountLimitSplitsTheDataIntoBlocksWithAnIrqEach() throws IOException {
        IdeRig r = rig(iso(10));
        packet(r, 1024, 0x28, 0, 0, 0, 0, 0, 0, 0, 1);
        int before = r.rises[15];
        r.readData(S, 1024);
        assertEquals(1024, r.in(S + 5) << 8 | r.in(S + 4), "the second block's byte count");
        assertEquals(before + 1, r.rises[15]);
        r.readData(S, 1024);
        assertEquals(0x50, r.in(S + 7));
    }

    @Test
    void readingBeyondTheDiscIsAnIllegalRequest() throws IOException {
        IdeRig r = rig(iso(10));
        assertEquals(0x41, packet(r, 2048, 0x28, 0, 0, 0, 0, 10, 0, 0, 1));
        assertEquals(Atapi.ILLEGAL_REQUEST << 4, r.in(S + 1));
        packet(r, 18, 0x03, 0, 0, 0, 18);
        byte[] sense = r.readData(S, 18);
        assertEquals(Atapi.ILLEGAL_REQUEST, sense[2]);
        assertEquals(Atapi.ASC_LOGICAL_BLOCK_OOR, sense[12]);
    }

    @Test
    void anEmptyDriveIsNotReady() {
        IdeRig r = new IdeRig(new StorageConfig(List.of(new DriveSpec(2, null, DriveMedia.CDROM, true)), false, null));
        assertEquals(0x41, packet(r, 0, 0x00));
        assertEquals(Atapi.NOT_READY << 4, r.in(S + 1));
    }

    @Test
    void anUnknownPacketIsAnIllegalOpcode() throws IOException {
        IdeRig r = rig(iso(4));
        assertEquals(0x41, packet(r, 2048, 0xEE));
        packet(r, 18, 0x03, 0, 0, 0, 18);
        assertEquals(Atapi.ASC_ILLEGAL_OPCODE, r.readData(S, 18)[12]);
    }

    @Test
    void inquiryNamesTheDrive() throws IOException {
        IdeRig r = rig(iso(4));
        packet(r, 36, 0x12, 0, 0, 0, 36);
        byte[] d = r.readData(S, 36);
        assertEquals(5, d[0]);
        assertEquals("QEMU    QEMU DVD-ROM    2.5+", new String(d, 8, 28, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void readTocHasTrackOneAndTheLeadOut() throws IOException {
        IdeRig r = rig(iso(100));
        packet(r, 20, 0x43, 0, 0, 0, 0, 0, 0, 0, 20, 0);
        byte[] d = r.readData(S, 20);
        assertEquals(18, d[1]);
        assertEquals(1, d[6]);
        assertEquals((byte) 0xAA, d[14]);
        assertEquals(100, d[19]);
    }

    @Test
    void read10ByDmaFillsTheBuffer() throws IOException {
        IdeRig r = rig(iso(10));
        r.prdTable(0x10000, List.of(new long[] { 0x20000, 2048 }));
        r.io.out(IdeRig.BMIDE_BASE + 8 + 4, 4, 0x10000);
        r.out(IdeRig.BMIDE_BASE + 8, BusMasterDma.CMD_START | BusMasterDma.CMD_WRITE_TO_MEMORY);
        r.out(S + 6, 0xA0);
        r.out(S + 1, 1); // DMA
        r.out(S + 7, AtaDrive.PACKET);
        byte[] p = { 0x28, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0 };
        r.writeData(S, p);
        assertEquals((2 * 3 + 2 * 2048 + 9) & 0xFF, r.memory.read8(0x20000 + 9));
        assertEquals(0x50, r.in(S + 7));
        assertEquals(BusMasterDma.STATUS_INTERRUPT, r.in(IdeRig.BMIDE_BASE + 8 + 2));
    }
}
