package i386mon.machine.mmu;

import static i386mon.machine.mmu.Tables32.*;
import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.fault.CpuException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host TLB's inline hit paths stay exact: each test first fills an entry by an access, then
 * changes what it was derived from and checks the next access sees the change.
 */
class HostTlbTest {
    private static final int LIN = 0x0040_0000, FRAME = 0x20_0000, OTHER = 0x30_0000;
    private final Tables32 t = new Tables32();

    @Test
    void hitReadsAndWritesTheMappedFrame() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN + 8, 0x1234_5678);
        m.write16(LIN + 12, 0xBEEF);
        m.write8(LIN + 14, 0x42);
        assertEquals(0x1234_5678, t.mem.read32(FRAME + 8));
        assertEquals(0x1234_5678, m.read32(LIN + 8));
        assertEquals(0xBEEF, m.read16(LIN + 12));
        assertEquals(0x42, m.read8(LIN + 14));
        assertEquals(0x0042_BEEF_1234_5678L, m.read64(LIN + 8));
    }

    @Test
    void accessCrossingIntoAnUnmappedPageFaultsOnTheSecondPage() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN + 0xFF8, 1); // fills the first page's entries
        CpuException e = assertThrows(CpuException.class, () -> m.read32(LIN + 0xFFE));
        assertEquals(LIN + 0x1000, e.linearAddress);
        assertThrows(CpuException.class, () -> m.write32(LIN + 0xFFD, 0));
        assertEquals(1, t.mem.read32(FRAME + 0xFF8), "nothing written by the faulting store");
    }

    @Test
    void accessCrossingIntoAMappedPageUsesBothFrames() {
        t.map(LIN, FRAME, P | RW).map(LIN + 0x1000, OTHER, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        m.read32(LIN + 0x1000);
        m.write32(LIN + 0xFFE, 0xAABB_CCDD);
        assertEquals(0xCCDD, t.mem.read16(FRAME + 0xFFE));
        assertEquals(0xAABB, t.mem.read16(OTHER));
        assertEquals(0xAABB_CCDD, m.read32(LIN + 0xFFE));
    }

    @Test
    void firstWriteThroughAReadEntrySetsDirty() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        m.read32(LIN);
        assertEquals(0, t.pte(LIN) & D);
        m.write32(LIN, 5);
        assertEquals(D, t.pte(LIN) & D);
    }

    @Test
    void invlpgDropsTheHostEntry() {
        t.map(LIN, FRAME, P | RW);
        t.mem.write32(OTHER, 99);
        Mmu m = t.mmu(0);
        m.write32(LIN, 7);
        t.map(LIN, OTHER, P | RW);
        assertEquals(7, m.read32(LIN), "the stale translation is still used before INVLPG");
        m.invlpg(LIN);
        assertEquals(99, m.read32(LIN));
        m.write32(LIN, 100);
        assertEquals(100, t.mem.read32(OTHER));
        assertEquals(7, t.mem.read32(FRAME));
    }

    @Test
    void cr3LoadDropsTheHostEntries() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.setPte(LIN, 0);
        m.writeCr3(PD);
        assertThrows(CpuException.class, () -> m.read32(LIN));
    }

    @Test
    void userAccessAfterSupervisorFillIsChecked() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN, 1);
        m.setCpl(3);
        CpuException e = assertThrows(CpuException.class, () -> m.read32(LIN));
        assertEquals(1 | 4, e.errorCode);
        assertThrows(CpuException.class, () -> m.write32(LIN, 2));
    }

    @Test
    void writeAfterCodeIsCachedInThePageReachesTheCodeCache() {
        t.map(LIN, FRAME, P | RW);
        List<Integer> told = new ArrayList<>();
        t.mem.setCodeWriteListener((paddr, size) -> told.add(paddr));
        Mmu m = t.mmu(0);
        m.write32(LIN, 1);
        m.write32(LIN, 2); // a host TLB hit
        t.mem.markCodePage(FRAME);
        m.write32(LIN + 4, 3);
        m.write8(LIN + 9, 4);
        assertEquals(List.of(FRAME + 4, FRAME + 9), told);
    }

    @Test
    void physicalWatchSetAfterAFillSeesTheAccesses() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN, 1);
        m.read32(LIN);
        List<String> seen = new ArrayList<>();
        t.mem.setWatchedPages((paddr, size, write) -> seen.add((write ? "w" : "r") + Long.toHexString(paddr)), new int[] {FRAME >>> 12});
        m.read32(LIN + 4);
        m.write16(LIN + 8, 1);
        assertEquals(List.of("r200004", "w200008"), seen);
    }

    @Test
    void linearWatchSetAfterAFillSeesTheAccesses() {
        Mmu m = new Mmu(t.mem); // paging off: no TLB entry holds the translation, only the host TLB
        m.write32(0x5000, 1);
        m.read32(0x5000);
        List<Integer> seen = new ArrayList<>();
        m.setLinearWatch((linear, physical, size, access) -> seen.add(linear), new int[] {5});
        m.read32(0x5004);
        m.write32(0x5008, 2);
        assertEquals(List.of(0x5004, 0x5008), seen);
    }

    @Test
    void closingA20AfterAFillWrapsAtOneMib() {
        Mmu m = new Mmu(t.mem);
        t.mem.write32(0x0000_0010, 0x11);
        t.mem.write32(0x0010_0010, 0x22);
        assertEquals(0x22, m.read32(0x0010_0010));
        m.setA20(false);
        assertEquals(0x11, m.read32(0x0010_0010));
        m.write32(0x0010_0010, 0x33);
        assertEquals(0x33, t.mem.read32(0x10));
        assertEquals(0x22, t.mem.read32(0x0010_0010));
    }

    @Test
    void pagesAliasingOneSlotDoNotMix() {
        int far = LIN + HostTlb.SLOTS * 0x1000; // same slot, another page
        t.map(LIN, FRAME, P | RW).map(far, OTHER, P | RW);
        Mmu m = t.mmu(0);
        m.write32(LIN, 1);
        m.write32(far, 2);
        assertEquals(1, m.read32(LIN));
        assertEquals(2, m.read32(far));
        assertEquals(1, t.mem.read32(FRAME));
        assertEquals(2, t.mem.read32(OTHER));
    }

    @Test
    void everyCpuHasItsOwnEntries() {
        t.map(LIN, FRAME, P | RW);
        Mmu a = t.mmu(0), b = t.mmu(0);
        a.write32(LIN, 1);
        t.map(LIN, OTHER, P | RW);
        t.mem.write32(OTHER, 9);
        assertEquals(9, b.read32(LIN), "b walks the tables as they are now");
        assertEquals(1, a.read32(LIN), "a keeps its own (stale) translation");
    }

    @Test
    void readEntryOfUntouchedRamSeesTheFirstWriteByAnyPath() {
        Mmu m = new Mmu(t.mem);
        assertEquals(0, m.read32(0x0030_0000)); // untouched: read from the shared zeros
        t.mem.write32(0x0030_0000, 5);          // a device or another CPU writes it first
        assertEquals(5, m.read32(0x0030_0000));
        assertEquals(0, m.read32(0x0031_0000));
        t.mem.load(0x0031_0000, new byte[] {9}, 0, 1);
        assertEquals(9, m.read8(0x0031_0000));
    }

    @Test
    void shadowRamSwitchedToRomAfterAFillDropsTheWrites() {
        Mmu m = new Mmu(t.mem); // paging off: linear = physical
        t.mem.setBiosAreaKind(0xF0000, 0x100000, i386mon.machine.memory.PhysicalMemory.RAM);
        m.write32(0xF0010, 0x11);
        m.write32(0xF0010, 0x12); // through the write entry now
        t.mem.setBiosAreaKind(0xF0000, 0x100000, i386mon.machine.memory.PhysicalMemory.ROM);
        m.write32(0xF0010, 0x13);
        assertEquals(0x12, m.read32(0xF0010), "a write to shadow RAM made read-only is dropped");
    }

    @Test
    void withA20ClosedThePageWalkReadsTheTablesBelowOneMib() {
        // the same directory index in a second directory 1 MiB higher maps LIN elsewhere
        t.map(LIN, FRAME, P | RW);
        int high = Tables32.PD + 0x10_0000, highTable = 0x12_0000 + 0x1000;
        t.mem.write32(high + (LIN >>> 22) * 4, highTable | P | RW | US);
        t.mem.write32(highTable + ((LIN >>> 12) & 0x3FF) * 4, OTHER | P | RW);
        t.mem.write32(FRAME, 1);
        t.mem.write32(OTHER, 2);
        Mmu m = new Mmu(t.mem);
        m.setControl(Tables32.ON, high, 0, 0);
        assertEquals(2, m.read32(LIN));
        m.setA20(false);
        assertEquals(1, m.read32(LIN), "CR3 0x110000 with A20 closed reads the directory at 0x10000");
        assertEquals(A, t.pte(LIN) & A, "Accessed set in the entry the walk used");
    }
}
