package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.devices.AcpiPmTimer;
import org.junit.jupiter.api.Test;

/**
 * A guest that waits by polling the ACPI PM timer, as SeaBIOS does for its delays and device
 * waits: each read costs {@link AcpiPmTimer#READ_NANOS} of virtual time, so a millisecond of
 * waiting is about a thousand polls, not a million instructions; the same every run.
 */
class TimerPollingTest {
    /** Waits until the PM timer has counted 1 ms (3580 ticks) from its first read, then exits. */
    private static final int[] WAIT_ONE_MS = {
        0xBA, 0x08, 0x06,                       // mov $0x608, %dx
        0x66, 0xED,                             // in (%dx), %eax
        0x66, 0x89, 0xC3,                       // mov %eax, %ebx
        0x66, 0xED,                             // 1: in (%dx), %eax
        0x66, 0x29, 0xD8,                       // sub %ebx, %eax
        0x66, 0x25, 0xFF, 0xFF, 0xFF, 0x00,     // and $0xffffff, %eax
        0x66, 0x3D, 0xFC, 0x0D, 0x00, 0x00,     // cmp $3580, %eax
        0x72, 0xED,                             // jb 1b
        0xB0, 0x00, 0xE6, 0xF4, 0xF4};          // exit 0

    private static Machine waited() {
        Machine m = GuestSectors.booted(WAIT_ONE_MS);
        GuestSectors.runToExit(m, false, 10_000_000);
        return m;
    }

    @Test
    void aMillisecondOfPollingTakesAThousandReadsNotAMillionInstructions() {
        Machine m = waited();
        assertTrue(m.clock().nanos() >= 1_000_000, "a millisecond passed: " + m.clock().nanos());
        assertTrue(m.cpu().retired() < 10_000, "instructions: " + m.cpu().retired());
    }

    @Test
    void theWaitIsTheSameEveryRun() {
        Machine a = waited(), b = waited();
        assertEquals(a.cpu().retired(), b.cpu().retired());
        assertEquals(a.clock().nanos(), b.clock().nanos());
    }
}
