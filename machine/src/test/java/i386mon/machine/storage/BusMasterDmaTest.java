package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BMIDE block at a fixed base: PRD tables, the status bits and DMA commands of both channels. */
class BusMasterDmaTest {
    static final int P = 0x1F0, S = 0x170, BM = IdeRig.BMIDE_BASE;
    static final int TABLE = 0x10000;
    @TempDir Path dir;

    private static long[] prd(long address, int bytes) { return new long[] { address, bytes }; }

    private void startEngine(IdeRig rig, int channel, boolean toMemory) {
        rig.io.out(BM + 8 * channel + 4, 4, TABLE);
        rig.out(BM + 8 * channel, (toMemory ? BusMasterDma.CMD_WRITE_TO_MEMORY : 0) | BusMasterDma.CMD_START);
    }

    @Test
    void readDmaScattersSectorsAlongThePrdTableAndInterrupts() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.prdTable(TABLE, List.of(prd(0x20000, 512), prd(0x30000, 1024)));
        rig.command(P, 0xE0, 3, 4, AtaDrive.READ_DMA);
        assertEquals(0x58, rig.in(P + 7) & 0xF8, "waiting for the bus master");
        startEngine(rig, 0, true);
        assertEquals(IdeRig.pattern(4, 10) & 0xFF, rig.memory.read8(0x20000 + 10));
        assertEquals(IdeRig.pattern(5, 3) & 0xFF, rig.memory.read8(0x30000 + 3));
        assertEquals(IdeRig.pattern(6, 511) & 0xFF, rig.memory.read8(0x30000 + 1023));
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 2), "interrupt set, active clear");
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(1, rig.rises[14]);
    }

    @Test
    void theEngineStartedFirstRunsWhenTheCommandArrives() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.prdTable(TABLE, List.of(prd(0x20000, 512)));
        startEngine(rig, 0, true);
        assertEquals(BusMasterDma.STATUS_ACTIVE, rig.in(BM + 2));
        rig.command(P, 0xE0, 1, 9, AtaDrive.READ_DMA);
        assertEquals(IdeRig.pattern(9, 0) & 0xFF, rig.memory.read8(0x20000));
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 2));
    }

    @Test
    void writeDmaGathersGuestMemoryIntoTheImage() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 16);
        IdeRig rig = IdeRig.withDisks(img);
        for (int i = 0; i < 1024; i++) rig.memory.write8(0x40000 + i, 0x5A ^ i);
        rig.prdTable(TABLE, List.of(prd(0x40000, 1024)));
        rig.command(P, 0xE0, 2, 1, AtaDrive.WRITE_DMA);
        startEngine(rig, 0, false);
        byte[] file = Files.readAllBytes(img);
        for (int i = 0; i < 1024; i++) assertEquals((byte) (0x5A ^ i), file[512 + i]);
        assertEquals(IdeRig.pattern(3, 0), file[3 * 512]);
    }

    @Test
    void aByteCountOfZeroMeans64KiB() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 256));
        rig.prdTable(TABLE, List.of(prd(0x100000, 0)));
        rig.command(P, 0xE0, 128, 0, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(IdeRig.pattern(127, 511) & 0xFF, rig.memory.read8(0x100000 + 0xFFFF));
    }

    @Test
    void aTableTooShortEndsTheTransferWithoutAnInterrupt() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.prdTable(TABLE, List.of(prd(0x20000, 512)));
        rig.command(P, 0xE0, 2, 0, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertEquals(0, rig.in(BM + 2), "neither active nor interrupt");
        assertEquals(0, rig.rises[14]);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(0, rig.memory.read8(0x20000), "nothing was copied");
    }

    @Test
    void aTableLongerThanTheTransferLeavesActiveSet() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.prdTable(TABLE, List.of(prd(0x20000, 512), prd(0x30000, 1024)));
        rig.command(P, 0xE0, 2, 3, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(BusMasterDma.STATUS_INTERRUPT | BusMasterDma.STATUS_ACTIVE, rig.in(BM + 2), "PIIX: the table held more");
        rig.out(BM, BusMasterDma.CMD_WRITE_TO_MEMORY);
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 2), "the stop clears Active");
    }

    @Test
    void withoutBusMasteringReadsReachNoMemoryAndWritesSendZeros() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 16);
        IdeRig rig = IdeRig.withDisks(img);
        rig.storage.busMasteringFrom(() -> false);
        rig.prdTable(TABLE, List.of(prd(0x20000, 512)));
        rig.memory.write8(0x20000, 0x77);
        rig.command(P, 0xE0, 1, 4, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertEquals(0x77, rig.memory.read8(0x20000), "the read went nowhere");
        assertEquals(0x50, rig.in(P + 7));
        assertEquals(BusMasterDma.STATUS_INTERRUPT | BusMasterDma.STATUS_ACTIVE, rig.in(BM + 2), "the PRD table read as zeros: 64 KiB entries");
        rig.out(BM, 0);
        rig.command(P, 0xE0, 1, 5, AtaDrive.WRITE_DMA);
        startEngine(rig, 0, false);
        assertEquals(0, Files.readAllBytes(img)[5 * 512 + 1], "the write read zeros");
    }

    @Test
    void dmaBeyondTheEndAborts() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.prdTable(TABLE, List.of(prd(0x20000, 1024)));
        rig.command(P, 0xE0, 2, 15, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertEquals(0x41, rig.in(P + 7));
        assertEquals(AtaStatus.ABRT, rig.in(P + 1));
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 2));
    }

    @Test
    void readDmaExtOnTheSecondaryChannel() throws IOException {
        IdeRig rig = IdeRig.withDisks(null, null, IdeRig.patterned(dir, "c.img", 700));
        rig.prdTable(TABLE, List.of(prd(0x20000, 512)));
        rig.command48(S, 0x40, 1, 0x2A0, AtaDrive.READ_DMA_EXT);
        startEngine(rig, 1, true);
        assertEquals(IdeRig.pattern(0x2A0, 1) & 0xFF, rig.memory.read8(0x20001));
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 8 + 2));
        assertEquals(1, rig.rises[15]);
    }

    @Test
    void interruptAndErrorBitsClearByWritingOnesAndCapableBitsStay() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        rig.command(P, 0xE0, 1, 0, AtaDrive.FLUSH_CACHE); // any channel interrupt sets the bit
        assertEquals(BusMasterDma.STATUS_INTERRUPT, rig.in(BM + 2));
        rig.out(BM + 2, 0x60 | BusMasterDma.STATUS_INTERRUPT);
        assertEquals(0x60, rig.in(BM + 2));
    }

    @Test
    void thePrdAddressIsDwordAlignedAndReadableBySize() {
        IdeRig rig = IdeRig.withDisks();
        rig.io.out(BM + 4, 4, 0x12345677);
        assertEquals(0x12345674, rig.io.in(BM + 4, 4));
        assertEquals(0x1234, rig.io.in(BM + 6, 2));
    }

    @Test
    void dmaWritesReachWatchersAsGuestStoresDo() throws IOException {
        IdeRig rig = IdeRig.withDisks(IdeRig.patterned(dir, "a.img", 16));
        List<Long> seen = new ArrayList<>();
        rig.memory.setWatchedPages((paddr, size, write) -> { if (write) seen.add(paddr); }, new int[] { 0x20 });
        rig.prdTable(TABLE, List.of(prd(0x20000, 512)));
        rig.command(P, 0xE0, 1, 0, AtaDrive.READ_DMA);
        startEngine(rig, 0, true);
        assertTrue(seen.contains(0x20000L));
    }

    @Test
    void theBlockMovesWithItsBar() {
        IdeRig rig = IdeRig.withDisks();
        rig.storage.busMaster().mapAt(0xD000);
        rig.io.out(0xD004, 4, 0x1000);
        assertEquals(0x1000, rig.io.in(0xD004, 4));
        assertEquals(0xFFFF_FFFF, rig.io.in(BM + 4, 4), "the old window no longer decodes");
    }
}
