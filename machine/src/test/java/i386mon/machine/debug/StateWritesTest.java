package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.InspectResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A debugger's writes to memory and registers through {@link DebugTarget}. */
class StateWritesTest {

    /** L: mov eax, 1; inc dword [DATA]; jmp L (forever). */
    private static Rig loop(boolean compiler) {
        Rig r = new Rig().movEax(1).inc(Rig.DATA).bytes(0xEB, 0xF3);
        r.m.cpu().setCompilerEnabled(compiler);
        r.install();
        return r;
    }

    @ParameterizedTest(name = "compiler {0}")
    @ValueSource(booleans = {false, true})
    void codeWrittenOverExecutedCodeRunsNext(boolean compiler) {
        Rig r = loop(compiler);
        DebugTarget t = r.m.debugTarget();
        assertEquals(StopReason.Kind.BUDGET, t.run(30_000).kind());
        assertEquals(compiler, r.m.cpu().compiledBlocks() > 0, "the loop was compiled only with the compiler on");
        assertEquals(1, t.reg(Cpu.EAX));
        assertTrue(t.writeLinear(Rig.CODE + 1, new byte[] {2}, 0, 1).ok()); // mov eax, 2
        t.run(3);
        assertEquals(2, t.reg(Cpu.EAX));
    }

    @Test
    void linearWriteSetsNoAccessedBitAndFillsNoTlbEntry() {
        Rig r = new Rig().paging();
        r.m.mmu().flushAll();
        DebugTarget t = r.m.debugTarget();
        assertTrue(t.writeLinear(0x300000, new byte[] {1, 2, 3, 4}, 0, 4).ok());
        assertEquals(0x04030201, r.m.memory().read32(0x300000));
        assertEquals(3, r.m.memory().read32(Rig.PAGE_DIR) & 0x63, "PDE: present, writable, not accessed");
        assertEquals(3, r.m.memory().read32(Rig.PAGE_TABLE + 4 * 0x300) & 0x63, "PTE: no A, no D");
        assertTrue(t.tlbEntries().isEmpty());
    }

    @Test
    void linearWriteToAnUnmappedPageWritesNothingAndSaysWhy() {
        Rig r = new Rig().paging();
        InspectResult res = r.m.debugTarget().writeLinear(0x400000, new byte[4], 0, 4);
        assertFalse(res.ok());
        assertEquals("PDE 0x1 not present", res.cause());
    }

    @Test
    void physicalWriteToRomIsRefused() {
        InspectResult res = new Rig().m.debugTarget().writePhysical(0xF0000, new byte[1], 0, 1);
        assertEquals("0xf0000 is read-only ROM", res.reason());
    }

    @Test
    void segmentLoadChecksTheDescriptor() {
        Rig r = new Rig();
        DebugTarget t = r.m.debugTarget();
        assertEquals("#GP(error code 0x8)", t.loadSegment(DebugTarget.SEG_SS, 0x08), "SS needs a writable data segment");
        assertEquals(0x10, t.segSelector(DebugTarget.SEG_SS), "nothing changed");
        assertEquals("#GP(error code 0x18)", t.loadSegment(DebugTarget.SEG_ES, 0x18), "beyond the GDT limit");
        assertNull(t.loadSegment(DebugTarget.SEG_FS, 0));
        assertEquals(0, t.segSelector(DebugTarget.SEG_FS));
        assertEquals("#GP(error code 0x0)", t.loadSegment(DebugTarget.SEG_SS, 0), "SS cannot be null");
    }

    @Test
    void csLoadIsAFarJumpAtTheCurrentPrivilege() {
        Rig r = new Rig();
        DebugTarget t = r.m.debugTarget();
        assertEquals("#GP(error code 0x10)", t.loadSegment(DebugTarget.SEG_CS, 0x10), "a data segment is no code");
        assertNull(t.loadSegment(DebugTarget.SEG_CS, 0x08));
        assertEquals(0x00cf9b00, t.segFlags(DebugTarget.SEG_CS), "loaded and marked accessed");
    }

    @Test
    void rawSegmentWriteSetsTheCacheAndTheCpl() {
        DebugTarget t = new Rig().m.debugTarget();
        t.setSegmentCache(DebugTarget.SEG_CS, 0x1b, 0x1000, 0xFFFF, 0x00cffa00);
        assertEquals(3, t.cpl());
        assertEquals(0x1000, t.segBase(DebugTarget.SEG_CS));
    }

    @Test
    void cr3WriteFlushesTheTlb() {
        Rig r = new Rig().paging().movEax(0).bytes(0xA1).dword(0x200000).install();
        DebugTarget t = r.m.debugTarget();
        t.run(2);
        assertFalse(t.tlbEntries().isEmpty());
        assertNull(t.setControlRegister(3, Rig.PAGE_DIR));
        assertTrue(t.tlbEntries().isEmpty());
    }

    @Test
    void cr0PagingOffMakesLinearPhysical() {
        Rig r = new Rig().paging();
        r.m.memory().write32(Rig.PAGE_TABLE + 4 * 0x10, 0x7000 | 3); // 0x10000 -> 0x7000 while paging is on
        DebugTarget t = r.m.debugTarget();
        assertEquals(0x7000, t.walk(0x10000, null, Access.READ, false).physical());
        assertNull(t.setControlRegister(0, t.cr0() & ~Cpu.CR0_PG));
        assertEquals(0x10000, t.walk(0x10000, null, Access.READ, false).physical());
    }

    @Test
    void cr0RefusedWriteNamesTheFault() {
        DebugTarget t = new Rig().m.debugTarget();
        assertEquals("#GP(error code 0x0)", t.setControlRegister(0, Cpu.CR0_PG | Cpu.CR0_ET));
    }
}
