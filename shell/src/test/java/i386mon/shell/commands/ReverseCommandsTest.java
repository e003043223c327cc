package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** reverse on, reverse-stepi, reverse-continue and reverse-watch on the demo kernel's stale-tlb scenario. */
class ReverseCommandsTest {
    private final DemoSession d = new DemoSession("scenario=stale-tlb exit");

    private long icount() { return d.session.target().instructionsRetired(); }

    @Test
    void reverseWatchFindsThePteWriteThatMadeTheTlbStale() {
        // forward: where the TLB first disagrees with the page tables
        DemoSession forward = new DemoSession("scenario=stale-tlb exit");
        forward.ok("break scenario_stale_tlb");
        forward.ok("cont");
        forward.ok("cont --until \"$stale != 0\" --max 100000");
        long staleAt = forward.session.target().instructionsRetired();

        d.ok("reverse on 200000");
        d.ok("expect serial \"stale-tlb: stale translation used until invlpg\"");
        String out = d.ok("reverse-watch pte 0xd0400000");
        assertTrue(out.startsWith("The last write to pte 0xd0400000 happened at instruction #" + staleAt + ", EIP 0x"), out);
        assertTrue(out.contains("new 0x00002"), "the PTE now maps frame 0x2000: " + out);
        assertTrue(out.contains("Stopped: right after it at "), out);
        assertEquals(staleAt, icount());
        assertEquals(1, d.session.eval("$stale"));
    }

    @Test
    void reverseContinueLandsOnTheForwardRunsBreakpointHit() {
        d.ok("reverse on 50000");
        d.ok("break scenario_stale_tlb");
        d.ok("cont");
        long hit = icount();
        d.ok("cont --max 300000");
        String out = d.ok("reverse-continue");
        assertTrue(out.startsWith("Stopped: breakpoint 1 at "), out);
        assertEquals(hit, icount());
        String table = d.ok("info break");
        assertTrue(table.endsWith("scenario_stale_tlb       1\n"), "looking back counts no hit: " + table);
    }

    @Test
    void reverseStepiGoesBackAndForwardAgainTheSame() {
        d.ok("reverse on 10000");
        d.ok("cont --max 123456");
        long end = icount();
        String regs = d.ok("info registers");
        d.ok("reverse-stepi 5000");
        // a REP string instruction retires in chunks: the step back lands on the first boundary at or after the count
        long back = icount();
        assertTrue(back >= end - 5000 && back < end, back + " of " + end);
        d.ok("cont --max " + (end - back));
        assertEquals(end, icount());
        assertEquals(regs, d.ok("info registers"));
    }

    @Test
    void reverseCommandsNeedRecordingFirst() {
        assertEquals("reverse execution is off: turn it on with reverse on, then run forward", d.fails("reverse-stepi"));
        assertEquals("Reverse execution is off (reverse on [INTERVAL] starts recording).\n", d.ok("info reverse"));
    }

    @Test
    void infoReverseTellsHowFarBackItReaches() {
        d.ok("reverse on 10000");
        d.ok("cont --max 35000");
        String info = d.ok("info reverse");
        assertTrue(info.startsWith("Recording: instructions #0 to #" + icount() + ", a checkpoint every 10000 instructions\n4 checkpoints ("), info);
        assertTrue(d.ok("info reverse --json").startsWith("{\"on\":true,\"interval\":10000,\"start\":0,\"now\":" + icount() + ",\"checkpoints\":4,"));
    }
}
