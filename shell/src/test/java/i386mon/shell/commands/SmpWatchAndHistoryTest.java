package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.debug.WatchHit;
import i386mon.shell.guest.TestKernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watchpoints and the instruction history on a two-CPU guest: only the AP writes the counter
 * at 0x7000 (the BSP only reads it), so a write watch stops on the AP, naming its instruction;
 * {@code history on} records the instructions of both CPUs, each with its CPU.
 */
class SmpWatchAndHistoryTest {
    private static final String SOURCE = SmpGuest.source(List.of(
            "bsp_wait:",
            "    cmpl $3000, 0x7000",
            "    jb bsp_wait",
            "    mov $3, %al",
            "    out %al, $0xf4"),
        List.of(
            "    xor %ax, %ax",
            "    mov %ax, %ds",
            "ap_loop:",
            "    lock incl 0x7000",
            "    jmp ap_loop"));
    /** ap_loop's address once copied: 0x8000 plus the length of ljmp, xor, mov ds (5 + 2 + 2). */
    private static final int AP_LOOP = 0x8009;

    private static Harness smp() {
        return Harness.real(TestKernel.elf(SOURCE), 2, 100);
    }

    @Test
    void aLinearWatchCatchesTheApsWriteAndNamesItsInstruction() {
        assertTheApsWriteIsCaught("watch 0x7000", "linear");
    }

    @Test
    void aPhysicalWatchCatchesTheApsWriteAndNamesItsInstruction() {
        assertTheApsWriteIsCaught("watch -p 0x7000", "physical");
    }

    private static void assertTheApsWriteIsCaught(String watch, String space) {
        Harness h = smp();
        h.ok(watch);
        String out = h.ok("cont");
        assertTrue(out.startsWith("CPU 1: Stopped: watchpoint 1 (" + space + " 0x00007000 len 4)"), out);
        WatchHit hit = h.session.debugger().watchpoints().lastHit();
        assertEquals(1, hit.cpu());
        assertEquals(AP_LOOP, hit.linearEip());
    }

    @Test
    void theHistoryRecordsEveryCpuEachEntryWithItsCpu() {
        Harness h = smp();
        h.ok("history on");
        h.ok("break " + AP_LOOP + " cpu 1");
        h.ok("cont");
        String out = h.ok("info history 100000");
        assertTrue(out.contains("CPU 0: "), out);
        assertTrue(out.contains("CPU 1: "), out);
        assertTrue(h.ok("info history 1 --json").contains("\"cpu\":"));
    }
}
