package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Catchpoints for one CPU ({@code catch ud cpu N}) on a two-CPU guest where both CPUs take a #UD:
 * the AP first (real mode, its own IVT handler halts it), then the BSP once it saw the AP count.
 * A catch for one CPU stops only that CPU's exception; the other CPU takes its exception as usual.
 */
class SmpCatchpointsTest {
    private static final String SOURCE = SmpGuest.source(List.of(
            "bsp_wait:",
            "    cmpl $1000, 0x7000",
            "    jb bsp_wait",
            "    pause",
            "    pause",
            "bsp_ud:",
            "    ud2"),
        List.of(
            "    xor %ax, %ax",
            "    mov %ax, %ds",
            "    movw $(0x8000 + ap_halt - ap_code), 0x18",  // IVT entry 6 (#UD): ap_halt
            "    movw $0, 0x1a",
            "ap_loop:",
            "    lock incl 0x7000",
            "    cmpl $1000, 0x7000",
            "    jb ap_loop",
            "ap_ud:",
            "    ud2",
            "ap_halt:",
            "    cli",
            "    hlt",
            "    jmp ap_halt"));

    private static Harness smp() {
        return Harness.real(TestKernel.elf(SOURCE), 2, 100);
    }

    @Test
    void aCatchForEveryCpuStopsTheFirstCpuThatTakesTheException() {
        Harness h = smp();
        h.ok("catch ud");
        assertTrue(h.ok("cont").startsWith("CPU 1: Stopped:"));
    }

    @Test
    void aCatchForTheApStopsTheAp() {
        Harness h = smp();
        assertEquals("Catchpoint on #UD (vector 6) cpu 1\n", h.ok("catch ud cpu 1"));
        assertTrue(h.ok("cont").startsWith("CPU 1: Stopped:"));
        assertEquals("1\n", h.ok("print/d $cpu"));
    }

    @Test
    void aCatchForTheBspLetsTheApTakeItsExceptionAndStopsTheBsp() {
        Harness h = smp();
        h.ok("catch exception 6 cpu 0");
        assertTrue(h.ok("cont").startsWith("CPU 0: Stopped:"));
        assertEquals(h.ok("print/x bsp_ud"), h.ok("print/x $eip"));
        h.ok("cpu 1");
        assertTrue(h.ok("info registers").contains("HLT=1"), "the AP took its #UD and halted in its handler");
    }

    @Test
    void catchListsTheCpu() {
        Harness h = smp();
        h.ok("catch pf cpu 1");
        h.ok("catch gp");
        assertEquals("catch #GP (vector 13)\ncatch #PF (vector 14) cpu 1\n", h.ok("catch"));
    }

    @Test
    void aCatchForAMissingCpuIsOneLine() {
        Harness h = smp();
        assertEquals("no CPU 2 (this machine has CPUs 0-1)", h.fails("catch pf cpu 2"));
        assertTrue(h.fails("catch pf cpu x").contains("cpu expects a CPU number, not x"));
    }
}
