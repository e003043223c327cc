package i386mon.machine.mmu;

import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.fault.CpuException;
import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** PAE specifics: walk steps from the PDPTE registers, 2 MiB pages in the TLB, global 2 MiB pages. */
class PaeTlbTest {
    private static final int PDPT = 0x12000, PD = 0x13000, PT = 0x14000;
    private static final long XD = 1L << 63;
    private final PhysicalMemory mem = new PhysicalMemory(4 << 20);

    private Mmu pae(int cr4, long efer) {
        mem.write64(PDPT, PD | 1);
        Mmu m = new Mmu(mem);
        m.setControl(Tables32.ON, PDPT, Mmu.CR4_PAE | cr4, efer);
        return m;
    }

    @Test
    void walkStartsFromPdpteRegister() {
        mem.write64(PD + 8, PT | 7);
        mem.write64(PT + 16, 0x30_0000 | 7 | XD);
        Mmu m = pae(0, Mmu.EFER_NXE);
        Walk w = m.walk(0x0020_2abc, Access.READ, true);
        assertTrue(w.ok());
        assertEquals(0x30_0abc, w.physical());
        assertEquals(3, w.steps().size());
        Step pdpte = w.steps().get(0);
        assertEquals(Level.PDPTE, pdpte.level());
        assertTrue(pdpte.fromRegister());
        assertEquals(PDPT, pdpte.entryAddress());
        assertEquals(PT + 16, w.steps().get(2).entryAddress());
        assertTrue(w.executeDisable());
        assertEquals("P RW US XD", w.steps().get(2).flags());
    }

    @Test
    void fetchFromExecuteDisablePageReportsRuleAndInstructionBit() {
        mem.write64(PD, 0x80 | 3 | XD);
        Mmu m = pae(0, Mmu.EFER_NXE);
        Walk w = m.walk(0x1000, Access.EXECUTE, false);
        assertEquals(FaultRule.EXECUTE_DISABLE, w.fault());
        assertEquals(1 | 16, w.errorCode());
    }

    @Test
    void xdWithoutNxeIsReservedBit() {
        mem.write64(PD, 0x80 | 3 | XD);
        Mmu m = pae(0, 0);
        Walk w = m.walk(0x1000, Access.READ, false);
        assertEquals(FaultRule.RESERVED_BIT, w.fault());
        assertEquals("PDE 0x0 has reserved bits set", w.reason());
        assertEquals(1 | 8, w.errorCode());
    }

    @Test
    void invlpgAnywhereInTwoMibPageFlushesIt() {
        mem.write64(PD + 8, 0x20_0000 | 0x80 | 3);          // 2 MiB page at linear 2 MiB
        Mmu m = pae(0, 0);
        mem.write32(0x20_0010, 5);
        assertEquals(5, m.read32(0x20_0010));
        mem.write64(PD + 8, 0);
        m.invlpg(0x3F_F000);                                 // last 4 KiB of the same 2 MiB page
        assertThrows(CpuException.class, () -> m.read32(0x20_0010));
    }

    @Test
    void invlpgOfNeighbouringTwoMibPageKeepsEntry() {
        mem.write64(PD + 8, 0x20_0000 | 0x80 | 3);
        Mmu m = pae(0, 0);
        mem.write32(0x20_0010, 5);
        m.read32(0x20_0010);
        mem.write64(PD + 8, 0);
        m.invlpg(0x40_0000);                                 // the next 2 MiB page, same 4 MiB block
        assertEquals(5, m.read32(0x20_0010));
    }

    @Test
    void globalTwoMibPageSurvivesCr3ReloadAndIsListedGlobal() {
        mem.write64(PD + 8, 0x20_0000 | 0x100 | 0x80 | 3);
        Mmu m = pae(Mmu.CR4_PGE, 0);
        mem.write32(0x20_0010, 5);
        m.read32(0x20_0010);
        mem.write64(PD + 8, 0);
        m.writeCr3(PDPT);
        assertEquals(5, m.read32(0x20_0010));
        TlbEntry e = m.tlbEntries().get(0);
        assertTrue(e.global());
        assertEquals(2 << 20, e.pageSize());
        assertEquals(1, m.staleEntries().size());
    }

    @Test
    void paeSetsAccessedAndDirtyInLowDword() {
        mem.write64(PD + 8, PT | 3 | XD);
        mem.write64(PT, 0x30_0000 | 3 | XD);
        Mmu m = pae(0, Mmu.EFER_NXE);
        m.write8(0x20_0000, 1);
        assertEquals(PT | 3 | 0x20 | XD, mem.read64(PD + 8));
        assertEquals(0x30_0000 | 3 | 0x60 | XD, mem.read64(PT));
    }
}
