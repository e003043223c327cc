package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The instruction history and info tlb --stale on the demo kernel. */
class HistoryCommandsTest {
    @Test
    void historyEndsWithTheFaultingInstruction() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000,write exit");
        d.ok("history on");
        d.ok("catch pf");
        d.ok("cont");
        List<String> lines = d.ok("info history 5").lines().toList();
        assertEquals(5, lines.size());
        assertTrue(lines.get(4).matches("0x[0-9a-f]{8} \\(scenario_fault\\+0x[0-9a-f]+ at paging\\.c:\\d+\\): movl \\$0x5a5a5a5a, \\(%ebx\\)"), lines.get(4));
    }

    @Test
    void historyMarksTheExceptionsOfATripleFault() {
        DemoSession d = new DemoSession("scenario=triple exit");
        d.ok("history on 100");
        d.ok("cont");
        List<String> lines = d.ok("info history 3").lines().toList();
        assertTrue(lines.get(0).contains("(scenario_triple+0x") && lines.get(0).endsWith(": movl 0xd0000000, %eax"), lines.toString());
        assertEquals("  -- exception #PF (vector 14), error code 0x0", lines.get(1));
        assertEquals("  -- exception #DF (vector 8), error code 0x0", lines.get(2));
    }

    @Test
    void historyMarksCr3Loads() {
        DemoSession d = new DemoSession("scenario=identity exit");
        d.ok("history on 100000");
        d.ok("break scenario_identity");
        d.ok("cont");
        d.ok("delete");
        d.ok("cont --max 200000");
        assertTrue(d.ok("info history 100000").contains("\n  -- CR3 loaded: 0x"));
    }

    @Test
    void historyIsOffUntilTurnedOn() {
        DemoSession d = new DemoSession("exit");
        assertEquals("Instruction history is off.\n", d.ok("history"));
        assertEquals("instruction history is off (turn it on with: history on [SIZE])", d.fails("info history"));
    }

    @Test
    void historyJsonGivesKindAddressAndText() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000,write exit");
        d.ok("history on 16");
        d.ok("catch pf");
        d.ok("cont");
        String json = d.ok("info history 1 --json");
        assertTrue(json.matches("\\{\"history\":\\[\\{\"kind\":\"instruction\",\"cs\":8,\"linear\":\\d+,\"vector\":null,\"errorCode\":null,\"cr3\":null,"
                + "\"text\":\"movl \\$0x5a5a5a5a, \\(%ebx\\)\"}]}\n"), json);
    }

    @Test
    void staleTlbNamesThePageMissingAnInvlpg() {
        DemoSession d = new DemoSession("scenario=stale-tlb exit");
        d.ok("break scenario_stale_tlb");
        d.ok("cont");
        d.ok("delete");
        d.ok("cont --until \"$stale != 0\" --max 100000");
        List<String> lines = d.ok("info tlb --stale").lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("0xd0400000 -> 0x[0-9a-f]{8}: frame changed: 0x[0-9a-f]+ -> 0x[0-9a-f]+"), lines.get(0));
        assertEquals("  missing: invlpg 0xd0400000 (or a CR3 reload)", lines.get(1));
        assertTrue(d.ok("info tlb --stale --json").startsWith("{\"stale\":[{\"linear\":3493855232,"));
    }

    @Test
    void noStaleEntriesSaysSo() {
        DemoSession d = new DemoSession("scenario=identity exit");
        d.ok("cont");
        assertEquals("No stale TLB entries: every cached translation matches the page tables.\n", d.ok("info tlb --stale"));
    }
}
