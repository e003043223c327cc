package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.debug.DebugTarget;
import org.junit.jupiter.api.Test;

/** P and G load selectors and control registers as the CPU would, with its checks, or say why not. */
class GdbRegisterWritesTest {
    private static final int DS = 0x0c, SS = 0x0b, CR0 = 0x13, CR2 = 0x14, CR4 = 0x16;
    private final DemoMachine m = new DemoMachine("");
    private final DebugTarget t = m.session.target();

    private static String le32(int v) {
        return Hex.littleEndian(v & 0xFFFF_FFFFL, 4);
    }

    private String write(int register, int value) {
        return m.reply(String.format("P%x=%s", register, le32(value)));
    }

    @Test
    void aSelectorIsLoadedThroughItsDescriptor() {
        int cs = t.segSelector(DebugTarget.SEG_CS);
        assertEquals("OK", write(DS, 0));
        assertEquals(0, t.segSelector(DebugTarget.SEG_DS), "a null selector may be loaded into DS");
        assertEquals("OK", write(DS, t.segSelector(DebugTarget.SEG_SS)));
        assertEquals(t.segSelector(DebugTarget.SEG_SS), t.segSelector(DebugTarget.SEG_DS));
        assertEquals(cs, t.segSelector(DebugTarget.SEG_CS));
    }

    @Test
    void aSelectorTheCpuRefusesIsAnsweredWithItsFault() {
        int ss = t.segSelector(DebugTarget.SEG_SS);
        String reply = write(SS, 0);
        assertTrue(reply.startsWith("E.#GP"), reply);
        assertEquals(ss, t.segSelector(DebugTarget.SEG_SS), "nothing changed");
        assertTrue(write(DS, 0xFFF8).startsWith("E.#GP"), "beyond the GDT's limit");
    }

    @Test
    void aSelectorHasSixteenBits() {
        assertEquals("E.a selector has 16 bits", write(DS, 0x10010));
    }

    @Test
    void controlRegistersAreWrittenAsMovToCrDoes() {
        assertEquals("OK", write(CR2, 0x1234_5678));
        assertEquals(0x1234_5678, t.cr2());
        int cr0 = t.cr0();
        String reply = write(CR0, (cr0 | 0x8000_0000) & ~1);
        assertTrue(reply.startsWith("E.#GP"), "PG without PE: " + reply);
        assertEquals(cr0, t.cr0());
        assertTrue(write(CR4, t.cr4() | 1 << 31).startsWith("E.#GP"), "a reserved CR4 bit");
    }

    @Test
    void gLoadsTheSelectorsItChanges() {
        String g = m.reply("g");
        String changed = g.substring(0, DS * 8) + le32(0) + g.substring((DS + 1) * 8);
        assertEquals("OK", m.reply("G" + changed));
        assertEquals(0, t.segSelector(DebugTarget.SEG_DS));
        String refused = g.substring(0, SS * 8) + le32(0) + g.substring((SS + 1) * 8);
        assertTrue(m.reply("G" + refused).startsWith("E.#GP"));
    }
}
