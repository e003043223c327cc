package i386mon.machine.mmu;

import static i386mon.machine.mmu.Tables32.*;
import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.memory.PhysicalMemory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor's view: walks, mapping ranges, stale TLB entries, peek/poke, all without side effects. */
class InspectionTest {
    private static final int LIN = 0x0040_3000, FRAME = 0x20_0000;
    private final Tables32 t = new Tables32();

    @Test
    void walkReportsEveryStep() {
        t.map(LIN, FRAME, P | RW | US | A);
        Mmu m = t.mmu(0);
        Walk w = m.walk(LIN + 0x10, Access.WRITE, true);
        assertTrue(w.ok());
        assertEquals(FRAME + 0x10, w.physical());
        assertEquals(2, w.steps().size());
        Step pde = w.steps().get(0), pte = w.steps().get(1);
        assertEquals(Level.PDE, pde.level());
        assertEquals(1, pde.index());
        assertEquals(PD + 4, pde.entryAddress());
        assertEquals(Level.PTE, pte.level());
        assertEquals(3, pte.index());
        assertEquals(FRAME | P | RW | US | A, pte.value());
        assertEquals("P RW US A", pte.flags());
        assertTrue(w.userAllowed() && w.writable());
    }

    @Test
    void walkOfMissingTableNamesTheLevel() {
        Mmu m = t.mmu(0);
        Walk w = m.walk(0xC000_0000, Access.READ, true);
        assertEquals(FaultRule.NOT_PRESENT, w.fault());
        assertEquals(Level.PDE, w.faultLevel());
        assertEquals(4, w.errorCode());
        assertEquals("PDE 0x300 not present", w.reason());
    }

    @Test
    void walkOfProtectionFaultGivesRuleAndErrorCode() {
        t.map(LIN, FRAME, P | US);
        Mmu m = t.mmu(0);
        Walk w = m.walk(LIN, Access.WRITE, true);
        assertEquals(FaultRule.WRITE_TO_READ_ONLY, w.fault());
        assertNull(w.faultLevel());
        assertEquals(7, w.errorCode());
    }

    @Test
    void walkOfAnotherCr3ReadsThatDirectory() {
        t.map(LIN, FRAME, P);
        Mmu m = t.mmu(0);
        Walk w = m.walk(0x30000, LIN, Access.READ, false);   // an empty directory
        assertEquals("PDE 0x1 not present", w.reason());
    }

    @Test
    void inspectionLeavesMemoryAndTlbByteIdentical() {
        t.map(LIN, FRAME, P | RW).map(LIN + 0x1000, FRAME + 0x1000, P);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.setPte(LIN, (FRAME + 0x5000) | P);                 // make the cached entry stale
        byte[] ram = ram(t.mem);
        int[] tlb = m.tlb().snapshot();

        m.walk(LIN + 0x1000, Access.WRITE, false);
        m.translateForInspection(LIN);
        m.staleEntries();
        m.tlbEntries();
        m.peekLinear(LIN, new byte[0x2000], 0, 0x2000);
        m.peekPhysical(0, new byte[64], 0, 64);

        assertArrayEquals(ram, ram(t.mem));
        assertArrayEquals(tlb, m.tlb().snapshot());
    }

    @Test
    void staleEntryAfterFrameChangeIsReported() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.setPte(LIN, (FRAME + 0x1000) | P | RW);
        List<StaleEntry> stale = m.staleEntries();
        assertEquals(1, stale.size());
        assertEquals("frame changed: 0x200000 -> 0x201000", stale.get(0).reason());
    }

    @Test
    void staleEntryAfterUnmapIsReported() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.setPte(LIN, 0);
        assertEquals("no longer present: PTE 0x3 not present", m.staleEntries().get(0).reason());
    }

    @Test
    void staleEntryAfterPermissionChangeIsReported() {
        t.map(LIN, FRAME, P | RW | US);
        Mmu m = t.mmu(0);
        m.write32(LIN, 1);
        t.setPte(LIN, FRAME | P | US | A | D);
        assertEquals("permissions changed: s:rwx u:rwx -> s:r-x u:r-x", m.staleEntries().get(0).reason());
    }

    @Test
    void invalidatedEntryIsNotStale() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.setPte(LIN, 0);
        m.invlpg(LIN);
        assertTrue(m.staleEntries().isEmpty());
    }

    @Test
    void peekLinearReportsUnmappedPage() {
        t.map(LIN, FRAME, P);
        t.mem.write32(FRAME + 0xFFC, 0x04030201);
        Mmu m = t.mmu(0);
        byte[] out = new byte[8];
        InspectResult r = m.peekLinear(LIN + 0xFFC, out, 0, 8);
        assertFalse(r.ok());
        assertEquals(4, r.bytes());
        assertEquals("0x00404000: PTE 0x4 not present", r.reason());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}, out);
    }

    @Test
    void peekPhysicalBeyondRamSaysSo() {
        Mmu m = t.mmu(0);
        InspectResult r = m.peekPhysical(4 << 20, new byte[4], 0, 4);
        assertEquals("0x400000 is beyond RAM (0x400000 bytes)", r.reason());
    }

    @Test
    void pokeLinearIgnoresProtectionAndSetsNoDirty() {
        t.map(LIN, FRAME, P);
        Mmu m = t.mmu(0);
        assertTrue(m.pokeLinear(LIN + 4, new byte[] {9, 8}, 0, 2).ok());
        assertEquals(0x0809, t.mem.read16(FRAME + 4));
        assertEquals(0, t.pte(LIN) & (A | D));
    }

    @Test
    void pokeLinearWritesNothingWhenAPageIsMissing() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        byte[] before = ram(t.mem);
        byte[] data = new byte[16];
        Arrays.fill(data, (byte) 7);
        InspectResult r = m.pokeLinear(LIN + 0xFF8, data, 0, 16);
        assertFalse(r.ok());
        assertArrayEquals(before, ram(t.mem));
    }

    @Test
    void pokePhysicalRefusesRom() {
        Mmu m = t.mmu(0);
        assertEquals("0xf0000 is read-only ROM", m.pokePhysical(0xF0000, new byte[1], 0, 1).reason());
    }

    @Test
    void peekWithBadBufferRangeIsRejected() {
        Mmu m = t.mmu(0);
        assertThrows(IllegalArgumentException.class, () -> m.peekPhysical(0, new byte[4], 2, 4));
    }

    /** A copy of all of RAM, read without side effects. */
    private static byte[] ram(i386mon.machine.memory.PhysicalMemory mem) {
        byte[] all = new byte[(int) mem.ramSize()];
        mem.peek(0, all, 0, 0xA0000);
        mem.peek(0xB8000, all, 0xB8000, all.length - 0xB8000);
        return all;
    }

    @Test
    void peekEntryReadsTheEntryAsStored() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        assertEquals(t.mem.read32(PD + 4) & 0xFFFF_FFFFL, m.peekEntry(PD + 4, 4));
        assertEquals((long) t.mem.read32(PD + 8) << 32 | (t.mem.read32(PD + 4) & 0xFFFF_FFFFL), m.peekEntry(PD + 4, 8));
    }

    @Test
    void peekEntryBeyondRamReadsAsNotPresent() {
        Mmu m = t.mmu(0);
        assertEquals(0, m.peekEntry((4 << 20) - 2, 4));
        assertEquals(0, m.peekEntry(0xFFFF_F000L, 8));
    }
}
