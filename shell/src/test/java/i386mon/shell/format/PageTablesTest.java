package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.shell.guest.FakeTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTablesTest {
    private static final int PD = 0x10000, PT = 0x11000;

    /** 32-bit paging: four identity 4 KiB pages (the first accessed) and a 4 MiB page at 0xC0000000. */
    private static FakeTarget paged() {
        FakeTarget t = new FakeTarget(4 << 20, b -> { });
        t.cr0 = 0x80000011;
        t.cr3 = PD;
        t.cr4 = 0x10; // PSE
        put32(t, PD, PT | 0x27); // P RW US A
        put32(t, PD + 0x300 * 4, 0x00000083 | 0x40); // P RW PS D
        put32(t, PT, 0x0000 | 0x23); // P RW A
        for (int i = 1; i < 4; i++) put32(t, PT + 4 * i, (i << 12) | 0x03);
        return t;
    }

    private static void put32(FakeTarget t, int addr, int v) {
        t.poke(addr, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
    }

    @Test
    void tlbListsPresentLeafEntriesAsQemu() {
        assertEquals(List.of(
                "0000000000000000: 0000000000000000 ----A---W",
                "0000000000001000: 0000000000001000 --------W",
                "0000000000002000: 0000000000002000 --------W",
                "0000000000003000: 0000000000003000 --------W",
                "00000000c0000000: 0000000000000000 --PD----W"), new PageTables(paged()).tlb());
    }

    @Test
    void memMergesRangesByEffectivePermission() {
        assertEquals(List.of(
                "0000000000000000-0000000000004000 0000000000004000 -rw",
                "00000000c0000000-00000000c0400000 0000000000400000 -rw"), new PageTables(paged()).mem());
    }

    @Test
    void memCombinesUserBitsOfBothLevels() {
        FakeTarget t = paged();
        put32(t, PT + 4, (1 << 12) | 0x07); // user in the PTE and in the PDE
        assertEquals("0000000000001000-0000000000002000 0000000000001000 urw", new PageTables(t).mem().get(1));
    }

    @Test
    void reportsPagingDisabledAsQemu() {
        FakeTarget t = paged();
        t.cr0 = 0x11;
        assertEquals(List.of("PG disabled"), new PageTables(t).tlb());
        assertEquals(List.of("PG disabled"), new PageTables(t).mem());
    }

    @Test
    void pteDumpCollapsesRunsOfConsecutiveFrames() {
        assertEquals(List.of(
                "CR3=0x00010000: 32-bit paging, PSE on, page directory at 0x00010000",
                "PDE 0x000 @0x00010000 = 0x00011027 [P RW US A] -> table 0x00011000 (0x00000000-0x003fffff)",
                "  PTE 0x000-0x003: 0x00000000-0x00003fff -> 0x00000000-0x00003fff [P RW S] 4 4K pages (1 accessed, 0 dirty)",
                "PDE 0x300: 0xc0000000-0xc03fffff -> 0x00000000-0x003fffff [P RW S D PS] 1 4M page"),
                new PageTableDump(paged()).dump(PD, 0, 1L << 32));
    }

    @Test
    void pteDumpLimitsToTheRange() {
        List<String> lines = new PageTableDump(paged()).dump(PD, 0xc0000000L, 0xc0001000L);
        assertEquals(2, lines.size());
        assertEquals("PDE 0x300: 0xc0000000-0xc03fffff -> 0x00000000-0x003fffff [P RW S D PS] 1 4M page", lines.get(1));
    }
}
