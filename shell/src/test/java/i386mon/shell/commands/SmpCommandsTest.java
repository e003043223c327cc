package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitor on several CPUs: a kernel whose BSP copies a real-mode loop to 0x8000, starts the
 * other CPUs with INIT and SIPI, waits until they counted, then exits. {@code info cpus} lists
 * them as QEMU does, {@code cpu N} selects the CPU registers come from, a stop names the CPU,
 * {@code break X cpu N} stops only that CPU, and a step runs the selected CPU alone.
 */
class SmpCommandsTest {
    static final String SOURCE = SmpGuest.source(List.of(
            "bsp_wait:",
            "    cmpl $3000, 0x7000",
            "    jb bsp_wait",
            "    mov $3, %al",
            "    out %al, $0xf4"),
        List.of(
            "    xor %ax, %ax",
            "    mov %ax, %ds",
            "    mov $0x1234, %bx",
            "ap_loop:",
            "    lock incl 0x7000",
            "    jmp ap_loop"));
    /** ap_loop's address once copied: 0x8000 plus the length of ljmp, xor, mov ds, mov bx (5 + 2 + 2 + 3). */
    static final int AP_LOOP = 0x800c;

    private static Harness smp(int cpus) {
        return Harness.real(TestKernel.elf(SOURCE), cpus, 100);
    }

    @Test
    void infoCpusListsEveryCpuAsQemuDoesWithTheSelectedOneStarred() {
        String out = smp(3).ok("info cpus");
        assertTrue(Pattern.matches("\\* CPU #0: thread_id=\\d+\n  CPU #1: thread_id=\\d+\n  CPU #2: thread_id=\\d+\n", out), out);
    }

    @Test
    void infoCpusOnOneCpuIsOneLine() {
        String out = Harness.real().ok("info cpus");
        assertTrue(Pattern.matches("\\* CPU #0: thread_id=\\d+\n", out), out);
    }

    @Test
    void infoCpusJsonSaysWhichCpusWaitForAStartupIpi() {
        String out = smp(2).ok("info cpus --json");
        assertTrue(out.contains("{\"cpu\":0,\"current\":true,"), out);
        assertTrue(out.contains("\"state\":\"wait-for-sipi\""), out);
    }

    @Test
    void cpuSelectsTheCpuWhoseRegistersTheMonitorShows() {
        Harness h = smp(2);
        h.ok("break " + AP_LOOP + " cpu 1");
        h.ok("cont");
        h.ok("cpu 0");
        assertTrue(h.ok("info cpus").startsWith("* CPU #0"));
        assertTrue(h.ok("info registers").startsWith("EAX=2badb002 "));
        h.ok("cpu 1");
        assertTrue(h.ok("info registers").contains("EBX=00001234"));
    }

    @Test
    void aStopNamesTheCpuThatStopped() {
        Harness h = smp(2);
        h.ok("break " + AP_LOOP);
        assertEquals(String.format("CPU 1: Stopped: breakpoint 1 at 0x%08x, real mode CS:IP=0000:%04x%n", AP_LOOP, AP_LOOP), h.ok("cont"));
        assertTrue(h.ok("info cpus").contains("* CPU #1"));
    }

    @Test
    void aBreakpointForOneCpuStopsOnlyThatCpu() {
        Harness h = smp(3);
        assertEquals(String.format("Breakpoint 1 at 0x%08x cpu 2%n", AP_LOOP), h.ok("break " + AP_LOOP + " cpu 2"));
        String out = h.ok("cont");
        assertEquals(String.format("CPU 2: Stopped: breakpoint 1 at 0x%08x, real mode CS:IP=0000:%04x%n", AP_LOOP, AP_LOOP), out);
        assertTrue(h.ok("info break").contains(" cpu 2 "));
    }

    @Test
    void aBreakpointForACpuThatNeverGetsThereNeverStops() {
        Harness h = smp(2);
        h.ok("break bsp_wait cpu 1");
        assertTrue(h.ok("cont").startsWith("CPU 0: Stopped: guest exit"));
    }

    @Test
    void aStepRunsTheSelectedCpuOnly() {
        Harness h = smp(2);
        h.ok("break " + AP_LOOP + " cpu 1");
        h.ok("cont");
        String before = h.ok("cpu 0") + h.ok("info registers");
        h.ok("cpu 1");
        h.ok("step");
        h.ok("cpu 0");
        assertEquals(before, h.ok("info registers"));
    }

    @Test
    void aMissingCpuIsOneLine() {
        Harness h = smp(2);
        assertEquals("no CPU 2 (this machine has CPUs 0-1)", h.fails("cpu 2"));
        assertTrue(h.fails("break _start cpu 5").contains("no CPU 5 (this machine has CPUs 0-1)"));
        assertTrue(h.fails("cpu one").contains("not a CPU number: one"));
    }

    @Test
    void aStepOfACpuWaitingForItsStartupIpiSaysSo() {
        Harness h = smp(2);
        h.ok("cpu 1");
        assertTrue(h.ok("step").startsWith("CPU 1: Stopped: CPU 1 waits for a startup IPI"));
    }

    @Test
    void dollarCpuIsTheSelectedCpuSoAConditionCanNameOne() {
        Harness h = smp(2);
        assertEquals("0\n", h.ok("print/d $cpu"));
        h.ok("break " + AP_LOOP + " if $cpu == 1");
        assertTrue(h.ok("cont").startsWith("CPU 1: Stopped: breakpoint 1"));
        assertEquals("1\n", h.ok("print/d $cpu"));
    }
}
