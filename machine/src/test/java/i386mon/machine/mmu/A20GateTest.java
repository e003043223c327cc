package i386mon.machine.mmu;

import static i386mon.machine.mmu.Tables32.P;
import static i386mon.machine.mmu.Tables32.RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The A20 gate: with it closed, physical address bit 20 is cleared on every CPU access. */
class A20GateTest {
    private final Tables32 t = new Tables32();

    @Test
    void theGateIsOpenAtFirst() {
        assertTrue(new Mmu(t.mem).a20());
    }

    @Test
    void withTheGateOpenAddressesAboveOneMebibyteAreThemselves() {
        Mmu m = new Mmu(t.mem);
        t.mem.write8(0x100123, 0x11);
        t.mem.write8(0x000123, 0x22);
        assertEquals(0x11, m.read8(0x100123));
    }

    @Test
    void withTheGateClosedReadsWrapAtOneMebibyte() {
        Mmu m = new Mmu(t.mem);
        t.mem.write8(0x000123, 0x22);
        m.setA20(false);
        assertFalse(m.a20());
        assertEquals(0x22, m.read8(0x100123));
    }

    @Test
    void withTheGateClosedWritesWrapAtOneMebibyte() {
        Mmu m = new Mmu(t.mem);
        m.setA20(false);
        m.write16(0x300456, 0xBEEF); // bit 20 cleared: 0x200456
        assertEquals(0xBEEF, t.mem.read16(0x200456));
        assertEquals(0, t.mem.read16(0x300456));
    }

    @Test
    void withTheGateClosedFetchesWrapToo() {
        Mmu m = new Mmu(t.mem);
        m.setA20(false);
        assertEquals(0xFFF0, m.fetchPhysical(0x10FFF0));
    }

    @Test
    void reopeningTheGateEndsTheMasking() {
        Mmu m = new Mmu(t.mem);
        t.mem.write8(0x100123, 0x11);
        m.setA20(false);
        m.read8(0x100123);
        m.setA20(true);
        assertEquals(0x11, m.read8(0x100123));
    }

    @Test
    void withPagingTheGateMasksThePhysicalAddressAfterTranslation() {
        t.map(0x400000, 0x300000, P | RW);
        Mmu m = t.mmu(0);
        t.mem.write32(0x200010, 0x12345678);
        m.setA20(false);
        assertEquals(0x12345678, m.read32(0x400010));
    }

    @Test
    void closingTheGateDropsTranslationsCachedWhileItWasOpen() {
        t.map(0x400000, 0x300000, P | RW);
        Mmu m = t.mmu(0);
        t.mem.write32(0x300010, 1);
        t.mem.write32(0x200010, 2);
        assertEquals(1, m.read32(0x400010));
        m.setA20(false);
        assertEquals(2, m.read32(0x400010));
    }
}
