package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import org.junit.jupiter.api.Test;

/**
 * A timer interrupt that falls due while the guest polls the ACPI PM timer, whose every read makes
 * a microsecond of virtual time pass: the interrupt comes at the same instruction as in a run
 * stepped one instruction at a time (where the devices catch up after each), with the polling
 * loop interpreted or compiled. The loop counts its passes in ECX; the handler stores the count
 * and exits.
 */
class TimerEventWhilePollingTest {
    private static final int[] POLL_UNTIL_IRQ0 = {
        0xFB,                                   // sti
        0xBA, 0x08, 0x06,                       // mov $0x608, %dx
        0x66, 0xED,                             // 1: in (%dx), %eax
        0x66, 0x41,                             // inc %ecx
        0xEB, 0xFA,                             // jmp 1b
        0x66, 0x89, 0x0E, 0x00, 0x06,           // handler: mov %ecx, 0x600
        0xB0, 0x00, 0xE6, 0xF4, 0xF4};          // exit 0
    private static final int HANDLER = 0x7C0A, PASSES = 0x600;
    /** PIT channel 0 counts this many ticks (3.4 ms, some 3400 passes: past the block compiler's threshold) to IRQ0. */
    private static final int PIT_COUNT = 0x1000;

    /** The boot sector with IRQ0 alone unmasked, vectored to the handler, and the PIT's channel 0 one-shot (mode 0). */
    private static Machine machine(boolean compiler) {
        Machine m = GuestSectors.booted(POLL_UNTIL_IRQ0);
        m.cpu().setCompilerEnabled(compiler);
        m.memory().write16(8 * 4, HANDLER);
        m.memory().write16(8 * 4 + 2, 0);
        m.io().out(0x21, 1, 0xFE);
        m.io().out(0x43, 1, 0x30);
        m.io().out(0x40, 1, PIT_COUNT & 0xFF);
        m.io().out(0x40, 1, PIT_COUNT >>> 8);
        return m;
    }

    /** The passes counted when the interrupt came, and the instructions retired to the exit. */
    private static long[] run(Machine m, boolean stepped) {
        GuestSectors.runToExit(m, stepped, 10_000_000);
        return new long[] {m.memory().read32(PASSES), m.cpu().retired()};
    }

    @Test
    void theInterruptComesAtTheInstructionItComesAtWhenSteppedWithTheLoopInterpreted() {
        long[] stepped = run(machine(false), true);
        assertTrue(stepped[0] > 3000, "passes: " + stepped[0]);
        assertEquals(java.util.Arrays.toString(stepped), java.util.Arrays.toString(run(machine(false), false)));
    }

    @Test
    void theInterruptComesAtTheInstructionItComesAtWhenSteppedWithTheLoopCompiled() {
        long[] stepped = run(machine(false), true);
        Machine m = machine(true);
        assertEquals(java.util.Arrays.toString(stepped), java.util.Arrays.toString(run(m, false)));
        assertTrue(m.cpu().compiledBlocks() > 0, "the polling loop was compiled");
    }
}
