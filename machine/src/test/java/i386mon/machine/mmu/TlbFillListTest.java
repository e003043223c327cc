package i386mon.machine.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** The list of filled pages the flushes walk grows past its first capacity without losing a page. */
class TlbFillListTest {
    private static final int PAGES = 5000; // more than the list's first capacity

    private static Tlb filled() {
        Tlb tlb = new Tlb(new HostTlb(new PhysicalMemory(2 << 20)));
        for (int p = 0; p < PAGES; p++) tlb.fill(p * 3, Tlb.SR | (p % 2 == 0 ? Tlb.GLOBAL : 0), 0);
        for (int p = 0; p < PAGES; p++) tlb.fill(p * 3, Tlb.SR | (p % 2 == 0 ? Tlb.GLOBAL : 0), 0); // listed once each
        return tlb;
    }

    @Test
    void flushAllDropsEveryFilledPage() {
        Tlb tlb = filled();
        assertEquals(PAGES, tlb.size());
        tlb.flushAll();
        assertEquals(0, tlb.size());
        assertEquals(0, tlb.rawEntry((PAGES - 1) * 3 << 12));
    }

    @Test
    void flushNonGlobalKeepsTheGlobalPagesAndListsThemOnce() {
        Tlb tlb = filled();
        tlb.flushNonGlobal();
        assertEquals(PAGES / 2, tlb.size());
        assertEquals(PAGES / 2, tlb.pages().length);
        tlb.flushAll();
        assertEquals(0, tlb.size());
    }
}
