package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The commands against a real booted machine running the assembled test kernel. */
class RealMachineTest {
    private final Harness h = Harness.real();

    @Test
    void bootsInTheMultibootMachineState() {
        String regs = h.ok("info registers");
        assertTrue(regs.startsWith("EAX=2badb002 "), regs);
        assertTrue(regs.contains("CS =0008 00000000 ffffffff 00cf9a00 DPL=0 CS32 [-R-]"), regs);
        assertTrue(regs.contains("GDT=     000cb2b8 00000027"), regs);
        assertTrue(regs.contains("DS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]"), regs);
        assertTrue(regs.contains("LDT=0000 00000000 0000ffff 00008200 DPL=0 LDT"), regs);
    }

    @Test
    void anUnknownPortIsReportedOnceAtTheNextStop() {
        h.ok("o/b 0x2e9 0x41");
        h.ok("i/b 0x2e9");
        String first = h.ok("step");
        assertTrue(first.startsWith("note: I/O port 0x2e9 was used; no device decodes it"), first);
        h.ok("o/b 0x2e9 0x42");
        assertTrue(!h.ok("step").contains("note:"), "reported once per port");
    }

    @Test
    void stopsAtTheEntryPointNamedBySymbol() {
        assertTrue(h.ok("regs").endsWith("(_start)\n"), h.out.toString());
    }

    @Test
    void runsToTheGuestExitWithItsStatus() {
        String out = h.ok("cont");
        assertTrue(out.startsWith("Stopped: guest exit: wrote 0x3 to port 0xf4"), out);
        assertEquals(7, h.session.exitStatus().value());
    }

    @Test
    void contWithoutTheCommandModelPrintsAndCountsWhatTheContCommandDoes() {
        String viaModel = h.ok("cont");
        Harness other = Harness.real();
        Outcome o = CommandDispatcher.cont(other.session);
        assertTrue(o.ok(), o.message());
        assertEquals(viaModel, other.out.toString());
        assertEquals(h.session.exitStatus().value(), other.session.exitStatus().value());
    }

    @Test
    void contWithoutTheCommandModelFailsAsTheCommandDoesWithNoKernel() {
        Session viaModel = unbooted(), without = unbooted();
        Outcome expected = new CommandDispatcher(viaModel).execute("cont");
        Outcome o = CommandDispatcher.cont(without);
        assertEquals(expected, o);
        assertTrue(!o.ok() && !o.message().contains("\n"), o.message());
        assertEquals(viaModel.exitStatus().value(), without.exitStatus().value());
    }

    private static Session unbooted() {
        return new Session(new i386mon.shell.guest.FakeKernel(), new SerialCapture(new java.io.ByteArrayOutputStream()),
                new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(new java.io.StringWriter(), true));
    }

    @Test
    void sendsDebugConsoleOutputToSerial() {
        h.ok("cont");
        assertEquals("OK\n", h.serialOut.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void stopsAtABreakpointOnASymbol() {
        h.ok("break kernel_main");
        assertEquals(String.format("Stopped: breakpoint 1 at %s (kernel_main)\n", String.format("0x%08x", h.session.eval("kernel_main"))), h.ok("cont"));
        assertTrue(h.ok("cont").startsWith("Stopped: guest exit"));
    }

    @Test
    void expectSerialRunsUntilTheTextAppears() {
        h.ok("expect serial \"OK\"");
        assertEquals(Outcome.Kind.OK, h.dispatcher.execute("expect [0xb8000] & 0xffff == 0x0f4b").kind());
    }

    @Test
    void readsVideoMemoryWrittenByTheKernel() {
        h.ok("cont");
        assertEquals("000b8000: 0x4b 0x0f\n", h.ok("x/2xb 0xb8000"));
        assertEquals("00000000000b8000: 0x0f4b\n", h.ok("xp/xh 0xb8000"));
    }

    @Test
    void disassemblesTheEntryPoint() {
        assertTrue(h.ok("x/i $eip").matches("0x[0-9a-f]{8}:  bc [0-9a-f ]{12}          movl? +\\$0x[0-9a-f]+, %esp\n"), h.out.toString());
    }

    @Test
    void nextRunsTheCallToKernelMainThrough() {
        h.ok("si");
        h.ok("next");
        assertTrue(h.ok("x/i $eip").matches("(?s).*movb? +\\$0x3, %al.*"), h.out.toString());
    }

    @Test
    void sendkeyReachesTheKeyboardController() {
        h.ok("sendkey a");
        assertEquals("portb[0x0060] = 0x1e\n", h.ok("i/b 0x60")); // set 1 make code of A
    }

    @Test
    void translateExplainsThatPagingIsOff() {
        assertEquals("read 0x000b8000 (supervisor): paging is off (CR0.PG=0), physical = linear = 0x000b8000\n", h.ok("translate 0xb8000"));
        assertEquals("PG disabled\n", h.ok("info tlb"));
    }

    @Test
    void stepsOneInstructionAtATime() {
        int eip = h.session.target().eip();
        h.session.step(1);
        assertEquals(eip + 5, h.session.target().eip()); // mov $stack_top, %esp is 5 bytes
    }

    @Test
    void haltsWithInterruptsDisabledWhenContinuedAfterTheExit() {
        h.ok("break halt");
        h.ok("cont");
        assertTrue(h.ok("cont").startsWith("Stopped: hlt with interrupts disabled"), h.out.toString());
    }
}
