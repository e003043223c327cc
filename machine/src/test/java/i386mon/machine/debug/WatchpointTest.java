package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.mmu.Level;
import org.junit.jupiter.api.Test;

class WatchpointTest {
    private static final StopReason.Kind WATCH = StopReason.Kind.WATCHPOINT, HALT = StopReason.Kind.HALTED;

    @Test
    void linearWriteStopsAfterTheInstructionWithOldAndNewValue() {
        Rig r = new Rig();
        r.m.memory().write32(Rig.DATA, 0x11);
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.WRITE);
        r.nop().store(Rig.DATA, 0x12345678).nop();
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertEquals(0x11, h.oldValue());
        assertEquals(0x12345678, h.newValue());
        assertEquals(Rig.CODE + 1, h.eip());
        assertEquals(Rig.CODE + 1, h.linearEip());
        assertEquals(4, h.size());
        assertTrue(h.write());
        assertEquals(Rig.CODE + 11, r.m.cpu().eip(), "stopped after the store, before the next instruction");
    }

    @Test
    void writeWatchIgnoresReads() {
        Rig r = new Rig();
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.WRITE);
        r.load(Rig.DATA);
        assertEquals(HALT, r.run().kind());
    }

    @Test
    void readWatchStopsOnALoadWithTheValueRead() {
        Rig r = new Rig();
        r.m.memory().write32(Rig.DATA, 0xCAFE);
        r.debug().watchLinear(Rig.DATA + 2, 1, WatchAccess.READ);
        r.store(Rig.DATA + 0x100, 1).load(Rig.DATA);
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertFalse(h.write());
        assertEquals(0xCAFE, h.oldValue());
        assertEquals(Rig.DATA, h.address());
    }

    @Test
    void readModifyWriteIsReportedAsOneWrite() {
        Rig r = new Rig();
        r.m.memory().write32(Rig.DATA, 41);
        r.debug().watchPhysical(Rig.DATA, 4, WatchAccess.READ_WRITE);
        r.inc(Rig.DATA);
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertTrue(h.write());
        assertEquals(41, h.oldValue());
        assertEquals(42, h.newValue());
    }

    @Test
    void physicalWatchCatchesAWriteThroughAnotherLinearAddress() {
        Rig r = new Rig().paging();
        r.m.memory().write32(Rig.PAGE_TABLE + 4 * 0x300, Rig.DATA | 3); // linear 0x300000 -> DATA
        r.debug().watchPhysical(Rig.DATA + 8, 4, WatchAccess.WRITE);
        r.store(0x300008, 7);
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertEquals(Rig.DATA + 8, h.address());
        assertEquals(7, h.newValue());
    }

    @Test
    void linearWatchOnAPageAlreadyInTheTlbStillStops() {
        Rig r = new Rig().paging();
        r.load(Rig.DATA).bytes(0xEB, 0xFE).install(); // fills the TLB, then spins
        assertEquals(StopReason.Kind.BUDGET, r.m.run(100).kind());
        assertTrue(r.m.mmu().tlbEntries().stream().anyMatch(e -> e.linear() == Rig.DATA));
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.READ);
        r.m.cpu().setEip(Rig.CODE);
        assertEquals(WATCH, r.resume().kind());
    }

    @Test
    void watchedPagesKeepTheirStaleTlbTranslation() {
        Rig r = new Rig().paging();
        r.m.memory().write32(Rig.DATA, 0x1111);
        r.m.memory().write32(Rig.DATA + 0x1000, 0x2222);
        r.load(Rig.DATA).store(Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12), (Rig.DATA + 0x1000) | 3).load(Rig.DATA);
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.READ);
        assertEquals(WATCH, r.run().kind());
        assertEquals(WATCH, r.resume().kind());
        assertEquals(0x1111, r.m.lastWatchHit().oldValue(), "no INVLPG: the cached frame is still used");
    }

    @Test
    void accessedAndDirtyUpdatesDoNotTriggerAWatchOnThePageTableEntry() {
        Rig r = new Rig().paging();
        r.debug().watchPhysical(Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12), 4, WatchAccess.READ_WRITE);
        r.store(Rig.DATA, 1);
        assertEquals(HALT, r.run().kind());
        assertEquals(0x63, r.m.memory().read32(Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12)) & 0x63, "A and D were set");
    }

    @Test
    void aHitOnTheLastInstructionOfAStepLeavesNoStopBehind() {
        Rig r = new Rig();
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.WRITE);
        r.store(Rig.DATA, 1).nop();
        r.run();
        r.m.cpu().setEip(Rig.CODE);
        assertEquals(WATCH, r.m.step().kind());
        r.debug().unwatchAll();
        assertEquals(HALT, r.resume().kind());
    }

    @Test
    void removingAWatchpointStopsItsHits() {
        Rig r = new Rig();
        Watchpoint w = r.debug().watchLinear(Rig.DATA, 4, WatchAccess.WRITE);
        assertTrue(r.debug().unwatch(w.id()));
        r.store(Rig.DATA, 1);
        assertEquals(HALT, r.run().kind());
        assertNull(r.m.lastWatchHit());
    }

    @Test
    void pageEntryWatchNamesTheEntryAndItsRawValues() {
        Rig r = new Rig().paging();
        int pte = Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12);
        r.debug().watchPageEntries(Rig.DATA);
        r.store(pte, 0);
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertEquals(Level.PTE, h.entry());
        assertEquals(pte, h.physical());
        assertEquals(Rig.DATA | 3, h.oldValue());
        assertEquals(0, h.newValue());
    }

    @Test
    void pageEntryWatchFollowsACr3Load() {
        Rig r = new Rig().paging();
        int pd2 = 0x7000, pt2 = 0x8000;
        for (int k = 0; k < 1024; k++) r.m.memory().write32(pt2 + 4L * k, k << 12 | 3);
        r.m.memory().write32(pd2, pt2 | 3);
        r.debug().watchPageEntries(Rig.DATA);
        int oldPte = Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12), newPte = pt2 + 4 * (Rig.DATA >>> 12);
        r.movEax(pd2).movCr3Eax().store(oldPte, 0).store(newPte, 0x1003);
        assertEquals(WATCH, r.run().kind());
        assertEquals(newPte, r.m.lastWatchHit().physical());
    }

    @Test
    void pageEntryWatchMovesToTheNewTableWhenTheDirectoryEntryChanges() {
        Rig r = new Rig().paging();
        int pt2 = 0x8000;
        for (int k = 0; k < 1024; k++) r.m.memory().write32(pt2 + 4L * k, k << 12 | 3);
        r.debug().watchPageEntries(Rig.DATA);
        r.store(Rig.PAGE_DIR, pt2 | 3).store(Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12), 0).store(pt2 + 4 * (Rig.DATA >>> 12), 0);
        assertEquals(WATCH, r.run().kind());
        assertEquals(Level.PDE, r.m.lastWatchHit().entry());
        assertEquals(WATCH, r.resume().kind());
        assertEquals(pt2 + 4 * (Rig.DATA >>> 12), r.m.lastWatchHit().physical());
    }

    @Test
    void pageEntryWatchWaitsForTheFirstCr3Load() {
        Rig r = new Rig();
        r.debug().watchPageEntries(Rig.DATA);
        r.store(0, 5); // CR3 is 0 and paging off: physical 0 is no page directory yet
        r.movEax(Rig.PAGE_DIR).movCr3Eax().store(Rig.PAGE_DIR, Rig.PAGE_TABLE | 3);
        assertEquals(WATCH, r.run().kind());
        WatchHit h = r.m.lastWatchHit();
        assertEquals(Level.PDE, h.entry());
        assertEquals(Rig.PAGE_DIR, h.physical());
    }

    @Test
    void aWatchOnLinearAddressesWorksWithPagingOff() {
        Rig r = new Rig();
        r.debug().watchLinear(Rig.DATA + 0x10, 1, WatchAccess.WRITE);
        r.store(Rig.DATA, 1).store(Rig.DATA + 0x10, 2);
        assertEquals(WATCH, r.run().kind());
        assertEquals(Rig.DATA + 0x10, r.m.lastWatchHit().address());
    }

    @Test
    void theStopDescriptionNamesOldAndNewValueAndTheInstruction() {
        Rig r = new Rig();
        r.debug().watchLinear(Rig.DATA, 4, WatchAccess.WRITE);
        r.store(Rig.DATA, 0xABCD);
        String d = r.run().description();
        assertTrue(d.contains("old 0x00000000 new 0x0000abcd"), d);
        assertTrue(d.contains("0008:00010000"), d);
    }

    @Test
    void aZeroLengthWatchIsRefused() {
        Rig r = new Rig();
        assertThrows(IllegalArgumentException.class, () -> r.debug().watchLinear(Rig.DATA, 0, WatchAccess.WRITE));
    }
}
