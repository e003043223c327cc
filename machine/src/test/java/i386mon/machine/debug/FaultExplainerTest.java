package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.FaultRule;
import i386mon.machine.mmu.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultExplainerTest {

    private static Rig caught(Rig r) {
        r.m.cpu().setCatch(14, true);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, r.run().kind());
        return r;
    }

    @Test
    void aReadOfAnAddressWithoutDirectoryEntryFailsAtThePde() {
        Rig r = caught(new Rig().paging().load(0x00C01234));
        PageFaultExplanation pf = r.m.debugTarget().faultExplainer().explain().pageFault();
        assertEquals(0x00C01234, pf.cr2());
        assertEquals(Access.READ, pf.access());
        assertEquals(false, pf.user());
        assertEquals(FaultRule.NOT_PRESENT, pf.rule());
        assertEquals(Level.PDE, pf.level());
        assertEquals(Rig.PAGE_DIR + 4 * 3, pf.entryAddress());
        assertEquals(0, pf.entryValue());
    }

    @Test
    void aSupervisorWriteToAReadOnlyPageWithWpFailsAtThePte() {
        Rig r = new Rig().paging();
        int pte = Rig.PAGE_TABLE + 4 * (Rig.DATA >>> 12);
        r.m.memory().write32(pte, Rig.DATA | 1);
        Cpu c = r.m.cpu();
        c.setControlRegisters(c.cr0() | Cpu.CR0_WP, c.cr3(), c.cr4(), c.efer());
        caught(r.store(Rig.DATA, 1));
        PageFaultExplanation pf = r.m.debugTarget().faultExplainer().explain().pageFault();
        assertEquals(Access.WRITE, pf.access());
        assertEquals(FaultRule.WRITE_TO_READ_ONLY, pf.rule());
        assertEquals(Level.PTE, pf.level());
        assertEquals(pte, pf.entryAddress());
        assertEquals(Rig.DATA | 1, pf.entryValue());
        assertTrue(pf.reason().contains("CR0.WP"), pf.reason());
    }

    @Test
    void aFaultOnTheInstructionsOwnAddressIsAnInstructionFetch() {
        Rig r = caught(new Rig().paging().movEax(0x00C00000).bytes(0xFF, 0xE0)); // jmp *%eax
        FaultExplanation e = r.m.debugTarget().faultExplainer().explain();
        assertEquals(Access.EXECUTE, e.pageFault().access());
        assertEquals(0x00C00000, e.linearEip());
    }

    @Test
    void theExplanationNamesTheFaultingInstructionAndItsSymbol() {
        Rig r = new Rig().paging();
        r.m.symbols().add("poke", Rig.CODE, 16, i386mon.machine.boot.SymbolTable.Kind.FUNCTION);
        caught(r.nop().load(0x00C00000));
        FaultExplanation e = r.m.debugTarget().faultExplainer().explain();
        assertEquals(Rig.CODE + 1, e.eip());
        assertEquals("poke+0x1", e.eipSymbol());
        assertEquals(14, e.vector());
        assertEquals(0, e.errorCode());
        assertTrue(e.toString().contains("PDE 0x3: not present (entry at physical 0x500c = 0x0)"), e.toString());
    }

    @Test
    void aFaultTheTablesNoLongerExplainSaysSo() {
        Rig r = caught(new Rig().paging().load(0x00C00000));
        r.m.memory().write32(Rig.PAGE_DIR + 4 * 3, Rig.PAGE_TABLE | 3);
        PageFaultExplanation pf = r.m.debugTarget().faultExplainer().explain().pageFault();
        assertNull(pf.rule());
        assertTrue(pf.reason().contains("allow this access now"), pf.reason());
    }

    @Test
    void aTripleFaultThroughAnEmptyIdtListsEveryStep() {
        Rig r = new Rig();
        r.m.cpu().setIdtr(0, 0);
        r.bytes(0x0F, 0x0B); // ud2
        assertEquals(StopReason.Kind.TRIPLE_FAULT, r.run().kind());
        FaultExplanation e = r.m.debugTarget().faultExplainer().explain();
        assertTrue(e.tripleFault());
        assertEquals("#UD -> #GP -> #DF -> #GP -> shutdown", e.chainText());
        List<ChainStep> chain = e.chain();
        assertTrue(chain.get(0).detail().contains("IDT entry 6 lies beyond the IDT limit 0x0"), chain.get(0).detail());
        assertEquals(0x33, chain.get(1).errorCode(), "#GP(IDT vector 6, EXT)");
        assertTrue(chain.get(2).detail().contains("IDT entry 8 lies beyond"), chain.get(2).detail());
        assertTrue(chain.get(3).detail().contains("the CPU shut down"), chain.get(3).detail());
        assertEquals(0x43, e.errorCode());
    }

    @Test
    void aTripleFaultFromAPageFaultExplainsThePageFault() {
        Rig r = new Rig().paging();
        r.m.cpu().setIdtr(0, 0);
        r.load(0x00C00000);
        assertEquals(StopReason.Kind.TRIPLE_FAULT, r.run().kind());
        FaultExplanation e = r.m.debugTarget().faultExplainer().explain();
        assertEquals("#PF -> #DF -> #GP -> shutdown", e.chainText());
        assertEquals(Level.PDE, e.pageFault().level());
        assertTrue(e.chain().get(0).detail().startsWith("PDE 0x3: not present"), e.chain().get(0).detail());
    }

    @Test
    void aStackThatCannotTakeTheFrameIsNamed() {
        Rig r = new Rig().paging();
        r.m.cpu().setIdtr(0x3000, 0x7FF);
        r.m.memory().write64(0x3000 + 6 * 8, 0x00008E0000080000L | 0x4000); // #UD gate to 0x08:0x4000
        r.m.cpu().setReg(Cpu.ESP, 0x00C00010); // unmapped stack
        r.m.cpu().setCatch(14, false);
        r.m.cpu().setCatch(8, true);
        r.bytes(0x0F, 0x0B);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, r.run().kind());
        FaultExplanation e = r.m.debugTarget().faultExplainer().explain();
        assertEquals("#UD -> #PF -> #DF", e.chainText());
        assertTrue(e.chain().get(0).detail().contains("pushing the frame at 0x00c0000c faults: PDE 0x3 not present"),
                e.chain().get(0).detail());
        assertTrue(e.chain().get(1).detail().contains("IDT entry 14 is not an interrupt or trap gate (type 0x0)"), e.chain().get(1).detail());
    }

    @Test
    void withoutAnExceptionThereIsNothingToExplain() {
        Rig r = new Rig();
        assertThrows(IllegalStateException.class, () -> r.m.debugTarget().faultExplainer().explain());
    }
}
