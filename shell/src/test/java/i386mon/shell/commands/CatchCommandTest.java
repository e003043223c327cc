package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Catchpoints on the demo kernel's fault scenarios, with the fault explained at the stop. */
class CatchCommandTest {
    /** The explanation lines of a stop, from "  fault:" on. */
    private static String explanation(String stop) {
        return stop.substring(stop.indexOf("  fault:"));
    }

    @Test
    void notPresentReadNamesTheMissingDirectoryEntry() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        d.ok("catch pf");
        String e = explanation(d.ok("cont"));
        assertTrue(e.startsWith("  fault:       #PF at 0xc0000000: read by supervisor code, error code 0x0 (not present, read, supervisor)\n"), e);
        assertTrue(e.contains("  instruction: 0x"), e);
        assertTrue(e.contains(" (scenario_fault+0x"), e);
        assertTrue(e.contains("): movl (%ebx), %eax\n"), e);
        assertTrue(e.contains("  walk:        PDE 0x300: not present\n"), e);
        assertTrue(e.matches("(?s).*  entry:       PDE at physical 0x[0-9a-f]{5}c00 = 0x00000000\n"), e);
    }

    @Test
    void notPresentWriteReportsAWriteAccess() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000,write exit");
        d.ok("catch pf");
        String e = explanation(d.ok("cont"));
        assertTrue(e.startsWith("  fault:       #PF at 0xc0000000: write by supervisor code, error code 0x2 (not present, write, supervisor)\n"), e);
        assertTrue(e.contains("): movl $0x5a5a5a5a, (%ebx)\n"), e);
        assertTrue(e.contains("  walk:        PDE 0x300: not present\n"), e);
    }

    @Test
    void userReadOfAKernelPageNamesTheSupervisorRule() {
        DemoSession d = new DemoSession("scenario=fault=0x00100000,user exit");
        d.ok("catch pf");
        String e = explanation(d.ok("cont"));
        assertTrue(e.startsWith("  fault:       #PF at 0x00100000 (__kernel_start): read by user code, error code 0x5 (protection violation, read, user)\n"), e);
        assertTrue(e.contains("  walk:        PDE 0x0: user access to a supervisor page\n"), e);
        assertTrue(e.matches("(?s).*  entry:       PDE at physical 0x[0-9a-f]{8} = 0x[0-9a-f]{7}[0-9a-f&&[^4-7c-f]]\n"), e); // U/S clear
    }

    @Test
    void userWriteOfAKernelPageReportsAProtectionViolationOnWrite() {
        DemoSession d = new DemoSession("scenario=fault=0x00100000,write,user exit");
        d.ok("catch pf");
        String e = explanation(d.ok("cont"));
        assertTrue(e.startsWith("  fault:       #PF at 0x00100000 (__kernel_start): write by user code, error code 0x7 (protection violation, write, user)\n"), e);
        assertTrue(e.contains("  instruction: 0x4000"), e); // the ring-3 probe, user.S at 0x40000000
        assertTrue(e.contains(": movl $0x5a5a5a5a, (%edi)\n"), e);
        assertTrue(e.contains("  walk:        PDE 0x0: user access to a supervisor page\n"), e);
    }

    @Test
    void cr2AndErrcodeAreUsableInExpressionsAtTheStop() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000,write exit");
        d.ok("catch exception 14");
        d.ok("cont");
        d.ok("expect $cr2 == 0xc0000000");
        d.ok("expect $errcode == 2");
    }

    @Test
    void aFalseConditionLetsTheExceptionBeDelivered() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        d.ok("catch exception 14 if $cr2 == 0x1234");
        String stop = d.ok("cont");
        assertTrue(stop.startsWith("Stopped: guest exit: wrote 0x12"), stop); // the kernel's #PF handler panicked
    }

    @Test
    void aTrueConditionStops() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        assertEquals("Catchpoint on #PF (vector 14) if $cr2 == 0xc0000000\n", d.ok("catch pf if $cr2 == 0xc0000000"));
        assertTrue(d.ok("cont").startsWith("Stopped: caught #PF"));
        assertEquals("catch #PF (vector 14) if $cr2 == 0xc0000000\n", d.ok("catch"));
    }

    @Test
    void aMalformedConditionIsRefusedAtOnce() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        assertTrue(d.fails("catch pf if $cr2 ==").length() > 0);
        assertEquals("No catchpoints.\n", d.ok("catch"));
    }

    @Test
    void catchTriplefaultExplainsTheChain() {
        DemoSession d = new DemoSession("scenario=triple exit");
        d.ok("catch triplefault");
        String s = d.ok("cont");
        assertTrue(s.startsWith("Stopped: triple fault"), s);
        assertTrue(s.contains("\n  triple fault: #PF -> #DF -> #GP -> shutdown\n"), s);
        assertTrue(s.contains("\n    1. #PF(0x0): PDE 0x340: not present; its delivery failed: IDT entry 14 lies beyond the IDT limit 0x0"), s);
        assertTrue(s.contains("\n    3. #GP(0x43): raised while delivering #DF; the CPU shut down\n"), s);
        assertTrue(s.contains("  walk:        PDE 0x340: not present\n"), s);
        assertTrue(s.contains("(scenario_triple+0x"), s);
    }

    @Test
    void withoutCatchTriplefaultTheStopIsOneLine() {
        DemoSession d = new DemoSession("scenario=triple exit");
        String s = d.ok("cont");
        assertEquals(1, s.lines().count(), s);
        assertTrue(d.ok("info fault").contains("  triple fault: #PF -> #DF -> #GP -> shutdown\n"));
    }

    @Test
    void catchDfStopsAtTheDoubleFaultWithItsChain() {
        DemoSession d = new DemoSession("scenario=triple exit");
        d.ok("catch df");
        String s = d.ok("cont");
        assertTrue(s.startsWith("Stopped: caught #DF"), s);
        assertTrue(s.contains("  chain:       #PF -> #DF\n"), s);
    }

    @Test
    void infoFaultWithoutAnExceptionSaysSo() {
        DemoSession d = new DemoSession("exit");
        assertEquals("no exception to explain: the guest has not stopped on one (use catch)", d.fails("info fault"));
    }

    /** As Bochs and gdb: a step at a caught exception is its delivery and ends on the handler's first instruction. */
    @Test
    void stepAtACaughtExceptionStopsOnTheHandlersFirstInstruction() {
        DemoSession d = new DemoSession("scenario=fault=0xC0000000 exit");
        d.ok("catch pf");
        d.ok("cont");
        String s = d.ok("step");
        assertTrue(s.startsWith("delivered #PF through gate 14\n"), s);
        String insn = s.lines().skip(1).filter(l -> l.startsWith("0x")).findFirst().orElse(""); // after the source line heading
        assertTrue(insn.matches("0x[0-9a-f]{8}: .* push +\\$0xe"), s); // isr14: pushl $14
        assertTrue(d.ok("expect $eip == isr14").isEmpty());
    }
}
