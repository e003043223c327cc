package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.Walk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inspection half of {@link DebugTarget} on the emulated PC: reads, walks and page-table listings. */
class InspectionApiTest {
    private static final int HIGH = 0xC000_0000;

    /** The low 4 MiB identity-mapped and, as a higher-half kernel has them, again at 3 GiB. */
    private static Rig higherHalf() {
        Rig r = new Rig().paging();
        r.m.memory().write32(Rig.PAGE_DIR + 4 * (HIGH >>> 22), Rig.PAGE_TABLE | 3);
        return r;
    }

    @Test
    void aLinearReadOfAnUnmappedPageSaysWhereAndWhy() {
        DebugTarget t = new Rig().paging().m.debugTarget();
        InspectResult r = t.readLinear(0x00C0_1234, new byte[4], 0, 4);
        assertFalse(r.ok());
        assertEquals("0x00c01234: PDE 0x3 not present", r.reason());
        assertEquals("PDE 0x3 not present", r.cause());
    }

    @Test
    void aLinearReadGoesThroughTheHigherHalfMapping() {
        Rig r = higherHalf();
        r.m.memory().write32(0x2000, 0xCAFEF00D);
        byte[] b = new byte[4];
        assertTrue(r.m.debugTarget().readLinear(HIGH + 0x2000, b, 0, 4).ok());
        assertEquals((byte) 0x0D, b[0]);
    }

    @Test
    void inspectionSetsNoAccessedBits() {
        Rig r = higherHalf();
        DebugTarget t = r.m.debugTarget();
        t.readLinear(HIGH + 0x2000, new byte[4], 0, 4);
        t.walk(HIGH + 0x2000, null, Access.WRITE, false);
        t.pageTables().tree(0, 1L << 32);
        assertEquals(Rig.PAGE_TABLE | 3, r.m.memory().read32(Rig.PAGE_DIR));
        assertEquals(0x2000 | 3, r.m.memory().read32(Rig.PAGE_TABLE + 4 * 2));
        assertTrue(t.tlbEntries().isEmpty(), "no TLB fill");
    }

    @Test
    void aWalkWithPagingOffMapsLinearToPhysical() {
        Walk w = new Rig().m.debugTarget().walk(0x1234, null, Access.READ, false);
        assertTrue(w.ok());
        assertTrue(w.steps().isEmpty());
        assertEquals(0x1234, w.physical());
    }

    @Test
    void identityMappingListsOnePresentLeafPerPage() {
        List<PageTableListing.Leaf> leaves = new Rig().paging().m.debugTarget().pageTables().leaves();
        assertEquals(1024, leaves.size());
        assertEquals(new PageTableListing.Leaf(0x5000, 0x5000, 0x5003), leaves.get(5));
    }

    @Test
    void higherHalfMappingIsListedAsTwoRanges() {
        List<PageTableListing.Range> ranges = higherHalf().m.debugTarget().pageTables().ranges();
        assertEquals(List.of(new PageTableListing.Range(0, 0x40_0000, false, true),
                new PageTableListing.Range(0xC000_0000L, 0xC040_0000L, false, true)), ranges);
    }

    @Test
    void theTreeCollapsesAnIdentityTableIntoOneRun() {
        List<PageTableListing.Node> tree = new Rig().paging().m.debugTarget().pageTables().tree(0, 1L << 32);
        assertEquals(1, tree.size());
        PageTableListing.Node pde = tree.get(0);
        assertEquals(Level.PDE, pde.level());
        assertEquals(List.of("P", "RW", "S"), pde.flags());
        PageTableListing.Node run = pde.children().get(0);
        assertEquals(1, pde.children().size());
        assertEquals(1024, run.count());
        assertEquals(0x3F_FFFFL, run.linearEnd());
    }

    @Test
    void theTreeKeepsToTheRequestedRange() {
        List<PageTableListing.Node> tree = higherHalf().m.debugTarget().pageTables().tree(0xC000_0000L, 0xC000_1000L);
        assertEquals(1, tree.size());
        assertEquals(0xC000_0000 >>> 22, tree.get(0).first());
        assertEquals(1, tree.get(0).children().get(0).count());
    }

    @Test
    void pagingOffListsNothing() {
        PageTableListing l = new Rig().m.debugTarget().pageTables();
        assertFalse(l.pagingEnabled());
        assertTrue(l.leaves().isEmpty());
        assertTrue(l.ranges().isEmpty());
    }
}
