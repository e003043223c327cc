package i386mon.machine.mmu;

import static i386mon.machine.mmu.Tables32.*;
import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** The TLB's architectural rules (SDM vol. 3, 4.10): caching, invalidation, global pages, Dirty. */
class TlbRulesTest {
    private static final int LIN = 0x0040_0000, OLD = 0x20_0000, NEW = 0x21_0000;

    private final Tables32 t = new Tables32();

    private Mmu mappedAndCached(int cr4, int flags) {
        t.map(LIN, OLD, flags);
        t.mem.write32(OLD, 0x01D);
        t.mem.write32(NEW, 0x2E3);
        Mmu m = t.mmu(cr4);
        assertEquals(0x01D, m.read32(LIN));
        t.setPte(LIN, NEW | flags);
        return m;
    }

    @Test
    void pteChangedWithoutInvalidationKeepsOldTranslation() {
        Mmu m = mappedAndCached(0, P | RW);
        assertEquals(0x01D, m.read32(LIN));
    }

    @Test
    void invlpgMakesNewPteVisible() {
        Mmu m = mappedAndCached(0, P | RW);
        m.invlpg(LIN + 0x123);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void invlpgOfAnotherPageKeepsStaleEntry() {
        Mmu m = mappedAndCached(0, P | RW);
        m.invlpg(LIN + 0x1000);
        assertEquals(0x01D, m.read32(LIN));
    }

    @Test
    void cr3ReloadWithSameValueFlushesNonGlobalEntries() {
        Mmu m = mappedAndCached(0, P | RW);
        m.writeCr3(m.cr3());
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void unchangedControlRegistersKeepTheTlb() {
        Mmu m = mappedAndCached(0, P | RW);
        m.setControl(m.cr0(), m.cr3(), m.cr4(), m.efer());
        assertEquals(0x01D, m.read32(LIN));
    }

    @Test
    void writeCr3FlushesNonGlobalEntries() {
        Mmu m = mappedAndCached(0, P | RW);
        m.writeCr3(PD);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void globalPageSurvivesCr3ReloadWithPge() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.writeCr3(PD);
        assertEquals(0x01D, m.read32(LIN));
    }

    @Test
    void globalBitIsIgnoredWithoutPge() {
        Mmu m = mappedAndCached(0, P | RW | G);
        m.writeCr3(PD);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void invlpgFlushesGlobalPage() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.invlpg(LIN);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void togglingPgeFlushesGlobalPages() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.setControl(m.cr0(), m.cr3(), 0, 0);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void changingPseFlushesEverything() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.setControl(m.cr0(), m.cr3(), Mmu.CR4_PGE | Mmu.CR4_PSE, 0);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void changingWpFlushesEverything() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.setControl(m.cr0() & ~Mmu.CR0_WP, m.cr3(), m.cr4(), 0);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void unrelatedCr0ChangeKeepsEntries() {
        Mmu m = mappedAndCached(0, P | RW);
        m.setControl(m.cr0() | 8, m.cr3(), m.cr4(), 0);   // CR0.TS, as a task switch sets it
        assertEquals(0x01D, m.read32(LIN));
    }

    @Test
    void invlpgInsideLargePageFlushesWholeLargePage() {
        t.setPde(0x0080_0000, PS | P | RW);                 // 4 MiB page at physical 0
        Mmu m = t.mmu(Mmu.CR4_PSE);
        t.mem.write32(0x1000, 0xAAAA);
        assertEquals(0xAAAA, m.read32(0x0080_1000));
        t.setPde(0x0080_0000, 0);
        m.invlpg(0x0080_5000);                              // another 4 KiB page of the same 4 MiB page
        CpuException e = assertThrows(CpuException.class, () -> m.read32(0x0080_1000));
        assertEquals(0, e.errorCode);
    }

    @Test
    void readDoesNotGrantWriteSoFirstWriteSetsDirty() {
        t.map(LIN, OLD, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        assertEquals(0, t.pte(LIN) & D);
        assertFalse(m.tlbEntries().get(0).dirtyKnown());
        m.write32(LIN, 5);
        assertEquals(D, t.pte(LIN) & D);
        assertTrue(m.tlbEntries().get(0).dirtyKnown());
    }

    @Test
    void dirtyClearedWithoutInvalidationIsNotSetAgain() {
        t.map(LIN, OLD, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN, 5);
        t.setPte(LIN, t.pte(LIN) & ~D);
        m.write32(LIN, 6);
        assertEquals(0, t.pte(LIN) & D);
    }

    @Test
    void readOfAlreadyDirtyPageGrantsWrite() {
        t.map(LIN, OLD, P | RW | D);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        assertTrue(m.tlbEntries().get(0).dirtyKnown());
        assertTrue(m.tlbEntries().get(0).supervisorWrite());
    }

    @Test
    void readFillsEntryWithFrameAndPermissions() {
        t.map(LIN, OLD, P | US);
        Mmu m = t.mmu(0);
        m.setCpl(3);
        m.read8(LIN + 5);
        TlbEntry e = m.tlbEntries().get(0);
        assertEquals(LIN, e.linear());
        assertEquals(OLD, e.frame());
        assertEquals(4096, e.pageSize());
        assertEquals("s:r-x u:r-x", e.permissions());
        assertFalse(e.global());
    }

    @Test
    void faultingAccessFillsNothing() {
        t.map(LIN, OLD, P);
        Mmu m = t.mmu(0);
        m.setCpl(3);
        assertThrows(CpuException.class, () -> m.read8(LIN));
        assertTrue(m.tlbEntries().isEmpty());
    }

    @Test
    void straddlingWriteChecksSecondPageBeforeWritingFirst() {
        t.map(LIN, OLD, P | RW).map(LIN + 0x1000, NEW, P);   // second page read-only
        Mmu m = t.mmu(0);
        t.mem.write32(OLD + 0xFFC, 0x11111111);
        CpuException e = assertThrows(CpuException.class, () -> m.write32(LIN + 0xFFE, 0x22222222));
        assertEquals(LIN + 0x1000, e.linearAddress);
        assertEquals(1 | 2, e.errorCode);
        assertEquals(0x11111111, t.mem.read32(OLD + 0xFFC));
    }

    @Test
    void straddlingWriteAcrossNotPresentPageWritesNothing() {
        t.map(LIN, OLD, P | RW);
        Mmu m = t.mmu(0);
        CpuException e = assertThrows(CpuException.class, () -> m.write64(LIN + 0xFFC, -1L));
        assertEquals(LIN + 0x1000, e.linearAddress);
        assertEquals(2, e.errorCode);
        assertEquals(0, t.mem.read32(OLD + 0xFFC));
    }

    @Test
    void straddlingAccessUsesBothFrames() {
        t.map(LIN, OLD, P | RW).map(LIN + 0x1000, NEW, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN + 0xFFE, 0x44332211);
        assertEquals(0x2211, t.mem.read16(OLD + 0xFFE));
        assertEquals(0x4433, t.mem.read16(NEW));
        assertEquals(0x44332211, m.read32(LIN + 0xFFE));
    }

    @Test
    void pageFaultInvalidatesStaleEntryOfFaultingPage() {
        Mmu m = mappedAndCached(0, P | RW);                 // cached by a read: no write permission yet
        t.setPte(LIN, 0);
        assertThrows(CpuException.class, () -> m.write32(LIN, 1));
        assertThrows(CpuException.class, () -> m.read32(LIN));
    }

    @Test
    void togglingPagingFlushesEverything() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.setControl(m.cr0() & ~Mmu.CR0_PG, m.cr3(), m.cr4(), 0);
        assertTrue(m.tlbEntries().isEmpty());
        m.setControl(m.cr0() | Mmu.CR0_PG, m.cr3(), m.cr4(), 0);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void changingNxeFlushesEverything() {
        Mmu m = mappedAndCached(Mmu.CR4_PGE, P | RW | G);
        m.setControl(m.cr0(), m.cr3(), m.cr4(), Mmu.EFER_NXE);
        assertEquals(0x2E3, m.read32(LIN));
    }

    @Test
    void invlpgAfterFullFlushOfLargePageStillWorks() {
        t.setPde(0x0080_0000, PS | P | RW);
        Mmu m = t.mmu(Mmu.CR4_PSE);
        m.read32(0x0080_1000);
        m.flushAll();
        t.map(0x0040_0000, OLD, P | RW);
        m.read32(0x0040_0000);
        m.invlpg(0x0040_0000);
        assertTrue(m.tlbEntries().isEmpty());
    }
}
