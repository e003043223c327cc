package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.HistoryEntry;
import i386mon.machine.debug.PageFaultExplanation;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.FaultRule;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.StaleEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catchpoints, watchpoints, history and fault explanations on the demo kernel, in our own machine. */
class FaultDebuggingTest {
    private static final long BUDGET = 200_000_000L;
    /** The stale-tlb scenario's page (SCRATCH + 4 MiB in paging.c). */
    private static final int STALE_VA = 0xD0400000;

    private static Machine boot(String append) {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(KernelImages.bytes(KernelImages.DEFAULT), KernelImages.DEFAULT + " " + append, List.of());
        return m;
    }

    /** Boots {@code fault=...} with a catchpoint on #PF and returns the machine at the stop. */
    private static Machine caughtPageFault(String fault) {
        Machine m = boot("scenario=" + fault + " exit");
        m.cpu().setCatch(14, true);
        StopReason r = m.run(BUDGET);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, r.kind(), r::description);
        return m;
    }

    private static long pdeAddress(Machine m, int va) {
        return (m.cpu().cr3() & 0xFFFFF000L) + 4L * (va >>> 22);
    }

    @Test
    void supervisorWriteToAnUnmappedPageIsExplainedAsAMissingDirectoryEntry() {
        Machine m = caughtPageFault("fault=0x2000000,write");
        FaultExplanation e = m.debugTarget().faultExplainer().explain();
        PageFaultExplanation pf = e.pageFault();
        assertEquals(0x2000000, pf.cr2());
        assertEquals(Access.WRITE, pf.access());
        assertFalse(pf.user());
        assertFalse(pf.protectionViolation());
        assertEquals(FaultRule.NOT_PRESENT, pf.rule());
        assertEquals(Level.PDE, pf.level());
        assertEquals(pdeAddress(m, 0x2000000), pf.entryAddress());
        assertEquals(0, pf.entryValue());
        assertEquals(0x2, e.errorCode());
        assertTrue(e.eipSymbol().startsWith("scenario_fault+0x"), e.eipSymbol());
    }

    @Test
    void supervisorReadOfAnUnmappedPageIsExplainedAsARead() {
        Machine m = caughtPageFault("fault=0x12345678");
        PageFaultExplanation pf = m.debugTarget().faultExplainer().explain().pageFault();
        assertEquals(0x12345678, pf.cr2());
        assertEquals(Access.READ, pf.access());
        assertEquals(FaultRule.NOT_PRESENT, pf.rule());
        assertEquals(Level.PDE, pf.level());
        assertEquals("PDE 0x48: not present", pf.reason());
    }

    @Test
    void userReadOfAKernelPageIsAUserAccessToASupervisorEntry() {
        Machine m = caughtPageFault("fault=0x100000,user");
        FaultExplanation e = m.debugTarget().faultExplainer().explain();
        PageFaultExplanation pf = e.pageFault();
        assertEquals(0x100000, pf.cr2());
        assertEquals(Access.READ, pf.access());
        assertTrue(pf.user());
        assertTrue(pf.protectionViolation());
        assertEquals(FaultRule.USER_TO_SUPERVISOR, pf.rule());
        assertEquals(0, pf.entryValue() & 4, "the refusing entry has U/S=0");
        assertEquals(pf.level() == Level.PDE ? pdeAddress(m, 0x100000) : pf.walk().steps().get(1).entryAddress(),
                pf.entryAddress());
        assertEquals(3, m.cpu().cpl());
        assertEquals(0x5, e.errorCode());
    }

    @Test
    void userWriteToItsCodePageIsAWriteToAReadOnlyPte() {
        Machine m = caughtPageFault("fault=0x40000000,write,user");
        PageFaultExplanation pf = m.debugTarget().faultExplainer().explain().pageFault();
        assertEquals(Access.WRITE, pf.access());
        assertTrue(pf.user());
        assertEquals(FaultRule.WRITE_TO_READ_ONLY, pf.rule());
        assertEquals(Level.PTE, pf.level());
        assertEquals(pf.walk().steps().get(1).entryAddress(), pf.entryAddress());
        assertEquals(1, pf.entryValue() & 1, "present");
        assertEquals(0, pf.entryValue() & 2, "read-only");
    }

    @Test
    void theHistoryEndsWithTheFaultingInstruction() {
        Machine m = boot("scenario=fault=0x12345678 exit");
        m.debugger().setHistory(1000);
        m.cpu().setCatch(14, true);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, m.run(BUDGET).kind());
        List<HistoryEntry> h = m.debugger().history().last(1000);
        assertEquals(1000, h.size());
        HistoryEntry last = h.get(h.size() - 1);
        assertEquals(HistoryEntry.Kind.INSTRUCTION, last.kind());
        assertEquals(m.debugTarget().faultExplainer().explain().linearEip(), last.linearEip());
        assertEquals(m.cpu().eip(), last.linearEip());
    }

    @Test
    void watchPteCatchesTheStaleTlbScenariosPteRewriteWithTheStaleEntryListed() {
        Machine m = boot("scenario=stale-tlb exit");
        m.debugger().watchPageEntries(STALE_VA);
        WatchHit rewrite = null;
        for (int stops = 0; stops < 50 && rewrite == null; stops++) {
            StopReason r = m.run(BUDGET);
            assertEquals(StopReason.Kind.WATCHPOINT, r.kind(), r::description);
            WatchHit h = m.lastWatchHit();
            boolean bothPresent = (h.oldValue() & 1) != 0 && (h.newValue() & 1) != 0;
            if (h.entry() == Level.PTE && bothPresent && (h.oldValue() & ~0xFFFL) != (h.newValue() & ~0xFFFL)) rewrite = h;
        }
        assertNotNull(rewrite, "the PTE was rewritten to a new frame");
        assertTrue(m.symbols().describe(rewrite.linearEip()).startsWith("scenario_stale_tlb"), rewrite::toString);
        List<StaleEntry> stale = m.mmu().staleEntries();
        assertEquals(1, stale.stream().filter(s -> s.entry().linear() == (STALE_VA & 0xFFFFFFFFL)).count(), stale::toString);
        StaleEntry s = stale.stream().filter(x -> x.entry().linear() == (STALE_VA & 0xFFFFFFFFL)).findFirst().orElseThrow();
        assertEquals(rewrite.oldValue() & ~0xFFFL, s.entry().frame());
        assertTrue(s.reason().startsWith("frame changed"), s::toString);
    }

    @Test
    void anEmptyIdtTripleFaultsWithTheChainExplained() {
        Machine m = boot("scenario=triple exit");
        StopReason r = m.run(BUDGET);
        assertEquals(StopReason.Kind.TRIPLE_FAULT, r.kind(), r::description);
        FaultExplanation e = m.debugTarget().faultExplainer().explain();
        assertTrue(e.tripleFault());
        assertEquals("#PF -> #DF -> #GP -> shutdown", e.chainText());
        assertEquals(0xD0000000, e.pageFault().cr2());
        assertEquals(Level.PDE, e.pageFault().level());
        assertTrue(e.chain().get(0).detail().contains("IDT entry 14 lies beyond the IDT limit 0x0"), e::toString);
        assertTrue(e.chain().get(1).detail().contains("IDT entry 8 lies beyond the IDT limit 0x0"), e::toString);
        assertEquals(0x43, e.errorCode(), "#GP(IDT vector 8, EXT)");
        assertTrue(e.eipSymbol().startsWith("scenario_triple+0x"), e.eipSymbol());
    }
}
