package i386mon.machine.mmu;

import static i386mon.machine.mmu.Tables32.*;
import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.fault.CpuException;
import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU-facing accesses: identity without paging, system accesses, RMW, fetches, ROM, PAE loads. */
class MmuAccessTest {
    private static final int LIN = 0x0040_0000, FRAME = 0x20_0000;
    private final Tables32 t = new Tables32();

    @Test
    void pagingOffIsIdentity() {
        Mmu m = new Mmu(t.mem);
        m.write32(0x1234, 0xDEADBEEF);
        assertEquals(0xDEADBEEF, t.mem.read32(0x1234));
        assertEquals(0x1234, m.fetchPhysical(0x1234));
        assertTrue(m.tlbEntries().isEmpty());
    }

    @Test
    void systemAccessAtCpl3ReachesSupervisorPage() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.setCpl(3);
        m.writeSystem32(LIN, 77);
        assertEquals(77, m.readSystem32(LIN));
        assertThrows(CpuException.class, () -> m.read32(LIN));
    }

    @Test
    void systemAccessFaultHasUserBitClear() {
        t.map(LIN, FRAME, P);
        Mmu m = t.mmu(0);
        m.setCpl(3);
        CpuException e = assertThrows(CpuException.class, () -> m.writeSystem16(LIN, 1));
        assertEquals(1 | 2, e.errorCode);
    }

    @Test
    void readForWriteOfReadOnlyPageFaultsAsWrite() {
        t.map(LIN, FRAME, P | US);
        Mmu m = t.mmu(0);
        m.setCpl(3);
        CpuException e = assertThrows(CpuException.class, () -> m.readForWrite32(LIN + 8));
        assertEquals(1 | 2 | 4, e.errorCode);
        assertEquals(LIN + 8, e.linearAddress);
    }

    @Test
    void readForWriteSetsDirty() {
        t.map(LIN, FRAME, P | RW);
        Mmu m = t.mmu(0);
        m.readForWrite8(LIN);
        assertEquals(A | D, t.pte(LIN) & (A | D));
    }

    @Test
    void fetchOfUnbackedPageReturnsMinusOne() {
        t.map(LIN, 0xA0000, P);
        Mmu m = t.mmu(0);
        assertEquals(-1, m.fetchPhysical(LIN));
    }

    @Test
    void writeThroughMappingToRomIsDropped() {
        t.map(LIN, 0xF0000, P | RW);
        Mmu m = t.mmu(0);
        int before = t.mem.read32(0xF0000);
        m.write32(LIN, ~before);
        assertEquals(before, t.mem.read32(0xF0000));
    }

    @Test
    void writeToCodePageNotifiesListener() {
        t.map(LIN, FRAME, P | RW);
        List<Integer> told = new ArrayList<>();
        t.mem.setCodeWriteListener((paddr, size) -> told.add(paddr) && false);
        Mmu m = t.mmu(0);
        m.read32(LIN);
        t.mem.markCodePage(FRAME);
        m.write8(LIN + 3, 1);
        assertEquals(List.of(FRAME + 3), told);
    }

    @Test
    void pseOffTreatsPsBitAsPageTablePointer() {
        t.map(LIN, FRAME, P | RW);
        t.setPde(LIN, t.pde(LIN) | PS);
        t.mem.write32(FRAME + 4, 99);
        Mmu m = t.mmu(0);
        assertEquals(99, m.read32(LIN + 4));
    }

    @Test
    void fourMibPdeWithReservedBitFaultsWithRsvd() {
        t.setPde(LIN, 0x0040_0000 | PS | P | RW | (1 << 13));
        Mmu m = t.mmu(Mmu.CR4_PSE);
        CpuException e = assertThrows(CpuException.class, () -> m.read8(LIN));
        assertEquals(1 | 8, e.errorCode);
    }

    @Test
    void paeTranslatesFramesAboveFourGib() {
        PhysicalMemory mem = t.mem;
        mem.write64(0x12000, 0x13000 | 1);
        mem.write64(0x13000, 0x14000 | 7);
        mem.write64(0x14000, 0x1_0000_0000L | 3);          // frame at 4 GiB: unbacked, reads all ones
        Mmu m = new Mmu(mem);
        m.setControl(ON, 0x12000, Mmu.CR4_PAE, 0);
        assertEquals(0xFFFFFFFF, m.read32(0x10));
        assertEquals(0x1_0000_0000L, m.tlbEntries().get(0).frame());
        assertEquals(0xFFFFFFFF, m.read32(0x10));
    }

    @Test
    void paeUsesPdptesLoadedAtCr3Write() {
        PhysicalMemory mem = t.mem;
        mem.write64(0x12000, 0x13000 | 1);
        mem.write64(0x13000, 0x80 | 3);                    // 2 MiB page at 0
        Mmu m = new Mmu(mem);
        m.setControl(ON, 0x12000, Mmu.CR4_PAE, 0);
        mem.write64(0x12000, 0);                           // not reloaded: the register still maps it
        mem.write32(0x500, 42);
        assertEquals(42, m.read32(0x500));
        assertTrue(m.walk(0x500, Access.READ, false).ok());
        m.writeCr3(0x12000);
        assertThrows(CpuException.class, () -> m.read32(0x500));
    }

    @Test
    void pdpteWithReservedBitsRaisesGpAndKeepsState() {
        PhysicalMemory mem = t.mem;
        mem.write64(0x12000, 0x13000 | 1);
        mem.write64(0x20000, 0x13000 | 1 | 2);             // bit 1 reserved in a PAE PDPTE
        Mmu m = new Mmu(mem);
        m.setControl(ON, 0x12000, Mmu.CR4_PAE, 0);
        CpuException e = assertThrows(CpuException.class, () -> m.setControl(ON, 0x20000, Mmu.CR4_PAE, 0));
        assertEquals(CpuException.GP, e.vector);
        assertEquals(0, e.errorCode);
        assertEquals(0x12000, m.cr3());
        assertEquals(0x13000 | 1, m.pdpte(0));
    }

    @Test
    void notPresentPdpteWithReservedBitsLoads() {
        t.mem.write64(0x12000, 0xFF00_0000_0000_0006L);
        Mmu m = new Mmu(t.mem);
        m.setControl(ON, 0x12000, Mmu.CR4_PAE, 0);
        assertEquals(0x12000, m.cr3());
    }
}
