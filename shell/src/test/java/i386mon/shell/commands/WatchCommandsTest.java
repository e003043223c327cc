package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Watchpoints on the demo kernel's stale-tlb scenario. */
class WatchCommandsTest {
    private static DemoSession atStaleTlb() {
        DemoSession d = new DemoSession("scenario=stale-tlb exit");
        d.ok("break scenario_stale_tlb");
        d.ok("cont");
        d.ok("delete");
        return d;
    }

    @Test
    void watchPteCatchesTheWriteOfThePageTableEntry() {
        DemoSession d = atStaleTlb();
        // paging is not on yet: the scenario turns it on, and the watchpoint follows that CR3 load
        assertEquals("Watchpoint 2: pte 0xd0400000 (paging is off: the entries are found at each CR3 load)\n", d.ok("watch pte 0xd0400000"));
        String first = d.ok("cont"); // vm_pte creates the page table: the directory entry is written first
        assertTrue(first.startsWith("Stopped: watchpoint 2 (pte 0xd0400000) at "), first);
        assertTrue(first.contains("  write of 4 bytes to the PDE of 0xd0400000 at physical 0x00132d04: old 0x00000000, new 0x"), first);
        String pte = d.ok("cont");
        assertTrue(pte.contains("  write of 4 bytes to the PTE of 0xd0400000 at physical 0x"), pte);
        assertTrue(pte.contains(": old 0x00000000, new 0x"), pte);
        assertTrue(pte.matches("(?s).*\n  by:  0x[0-9a-f]{8} \\(scenario_stale_tlb\\+0x[0-9a-f]+ at paging\\.c:\\d+\\): mov.*"), pte);
        String rewrite = d.ok("cont"); // the PTE rewritten to the second frame without INVLPG
        assertTrue(rewrite.contains("  write of 4 bytes to the PTE of 0xd0400000"), rewrite);
    }

    @Test
    void linearReadWatchShowsTheValueRead() {
        DemoSession d = atStaleTlb();
        assertEquals("Watchpoint 2: linear 0xd0400000 len 4 (reads and writes)\n", d.ok("watch -rw 0xd0400000"));
        String s = d.ok("cont");
        assertTrue(s.contains("  read of 4 bytes from linear 0xd0400000 (physical 0x"), s);
        assertTrue(s.contains("): value 0x11111111\n"), s);
        assertTrue(s.contains("): movl 0xd0400000, %"), s);
        d.ok("expect stop watch");
    }

    @Test
    void physicalWatchShowsOldAndNewValue() {
        DemoSession d = atStaleTlb();
        d.ok("watch -p 0x1000 2");
        String s = d.ok("cont");
        assertTrue(s.contains("  write of 4 bytes to physical 0x00001000: old 0x"), s);
        assertTrue(s.contains(", new 0x11111111\n"), s);
    }

    @Test
    void watchpointsShareNumbersWithBreakpointsAndAreListed() {
        DemoSession d = atStaleTlb();
        d.ok("break kmain");
        d.ok("watch -r 0x2000 8");
        String list = d.ok("info break");
        assertTrue(list.contains("\n3    watch      r          0     linear 0x00002000 len 8\n"), list);
        assertEquals("Num  Type       Access     Hits  What\n3    watch      r          0     linear 0x00002000 len 8\n", d.ok("info watch"));
    }

    @Test
    void deleteRemovesAWatchpointByNumber() {
        DemoSession d = atStaleTlb();
        d.ok("watch 0x2000");
        d.ok("delete 2");
        assertEquals("No watchpoints.\n", d.ok("info watch"));
        assertEquals("no breakpoint or watchpoint number 2", d.fails("delete 2"));
    }

    @Test
    void watchPteTakesNoAccessOptions() {
        DemoSession d = atStaleTlb();
        assertEquals("watch pte watches writes to page-table entries: no -r, -w or -p", d.fails("watch -r pte 0xd0400000"));
    }

    @Test
    void infoWatchJsonListsEachWatchpoint() {
        DemoSession d = atStaleTlb();
        d.ok("watch -p 0x1000 2");
        assertEquals("{\"watchpoints\":[{\"number\":2,\"type\":\"watch\",\"address\":4096,\"what\":\"physical 0x00001000 len 2\","
                + "\"condition\":null,\"hits\":0,\"space\":\"physical\",\"length\":2,\"access\":\"w\"}]}\n", d.ok("info watch --json"));
    }

    @Test
    void watchpointsAreSetAgainWhenTheKernelIsRunAfresh() {
        DemoSession d = atStaleTlb();
        d.ok("watch -p 0x1000 2");
        d.ok("cont");
        String again = d.ok("run");
        assertTrue(again.startsWith("Stopped: watchpoint 2 (physical 0x00001000 len 2) at "), again);
        assertTrue(d.ok("info watch").contains("\n2    watch      w          2     physical 0x00001000 len 2\n"));
    }
}
