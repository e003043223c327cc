package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.FakeTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code info tss}: the current task's TSS in its 32-bit or 16-bit format and the backlink chain. */
class InfoTssTest {
    private final Harness h = new Harness();

    /** TR=0x28, a busy 32-bit TSS at 0x3000 whose backlink is 0x30, a busy 32-bit TSS at 0x4000 in a GDT at 0x800. */
    private FakeTarget nestedTasks() {
        FakeTarget t = h.target();
        t.gdtrBase = 0x800;
        t.gdtrLimit = 0x3f;
        t.poke(0x830, 0x67, 0x00, 0x00, 0x40, 0x00, 0x8b, 0x00, 0x00); // 0x30: base 0x4000, limit 0x67, TSS32-busy
        t.selectors[7] = 0x28;
        t.bases[7] = 0x3000;
        t.limits[7] = 0x67;
        t.flags[7] = 0x8b00;
        t.poke(0x3000, 0x30, 0x00);             // backlink
        t.poke(0x3004, 0x00, 0xff, 0x09, 0x00); // ESP0 0x9ff00
        t.poke(0x3008, 0x10, 0x00);             // SS0
        t.poke(0x3064, 0x01, 0x00, 0x68, 0x00); // T=1, I/O map base 0x68
        t.poke(0x4024, 0x02, 0x00, 0x00, 0x00); // the outer task's saved EFLAGS: NT clear, so the chain ends there
        t.eflags = 0x4002;                      // NT: this task was called
        return t;
    }

    @Test
    void showsTheTaskRegisterAndTheThirtyTwoBitFields() {
        nestedTasks();
        List<String> lines = h.ok("info tss").lines().toList();
        assertEquals("TR=0028 base=00003000 limit=00000067 TSS32-busy", lines.get(0));
        assertEquals("  BACKLINK=0030", lines.get(1));
        assertEquals("  ESP0=0009ff00 SS0=0010 ESP1=00000000 SS1=0000 ESP2=00000000 SS2=0000", lines.get(2));
        assertEquals("  T=1 IOMAP=0068", lines.get(7));
    }

    @Test
    void followsTheBacklinkWhileNtIsSet() {
        nestedTasks();
        String out = h.ok("info tss");
        assertTrue(out.endsWith("  EFLAGS.NT=1: backlink chain (IRET returns to the first):\n"
                + "    0030 base=00004000 limit=00000067 TSS32-busy\n"), out);
    }

    @Test
    void saysTheBacklinkIsUnusedWhileNtIsClear() {
        nestedTasks().eflags = 2;
        assertTrue(h.ok("info tss").endsWith("  EFLAGS.NT=0: the backlink is not in use\n"), h.out.toString());
    }

    @Test
    void aLoopingChainIsCut() {
        FakeTarget t = nestedTasks();
        t.poke(0x4000, 0x28, 0x00);             // the outer task links back to the current one
        t.poke(0x4024, 0x02, 0x40, 0x00, 0x00); // with NT set
        t.poke(0x828, 0x67, 0x00, 0x00, 0x30, 0x00, 0x8b, 0x00, 0x00);
        assertTrue(h.ok("info tss").endsWith("    0030 base=00004000 limit=00000067 TSS32-busy\n    backlink 0028 loops back\n"), h.out.toString());
    }

    @Test
    void showsTheSixteenBitFormat() {
        FakeTarget t = h.target();
        t.selectors[7] = 0x28;
        t.bases[7] = 0x3000;
        t.limits[7] = 0x2b;
        t.flags[7] = 0x8300;
        t.poke(0x3002, 0x00, 0x7c, 0x10, 0x00); // SP0 0x7c00, SS0 0x10
        List<String> lines = h.ok("info tss").lines().toList();
        assertEquals("TR=0028 base=00003000 limit=0000002b TSS16-busy", lines.get(0));
        assertEquals("  SP0=7c00 SS0=0010 SP1=0000 SS1=0000 SP2=0000 SS2=0000", lines.get(2));
        assertEquals("  ES=0000 CS=0000 SS=0000 DS=0000 LDT=0000", lines.get(6));
    }

    @Test
    void saysWhenNoTaskRegisterIsLoaded() {
        assertEquals("TR=0000: no task register loaded (LTR or a task switch loads one)\n", h.ok("info tss"));
    }

    @Test
    void jsonHoldsTheFieldsAndTheChain() {
        nestedTasks();
        Map<?, ?> m = (Map<?, ?>) JsonParser.parse(h.ok("info tss --json").trim());
        assertEquals(0x28L, ((Number) m.get("selector")).longValue());
        assertEquals("TSS32-busy", m.get("type"));
        assertEquals(0x9ff00L, ((Number) ((Map<?, ?>) m.get("fields")).get("esp0")).longValue());
        List<?> chain = (List<?>) m.get("chain");
        assertEquals(1, chain.size());
        assertEquals(0x4000L, ((Number) ((Map<?, ?>) chain.get(0)).get("base")).longValue());
    }
}
