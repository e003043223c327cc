package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paced machines keep guest time from running ahead of wall-clock time (for interactive use). */
class PacingTest {
    private static long wallMillisForVirtualMillis(boolean paced, long virtualMillis) {
        Machine m = new Machine(MachineConfig.defaults().withPacing(paced));
        // Without "exit" the demo kernel ends idle (sti; hlt) and takes 100 Hz timer ticks.
        m.boot(KernelImages.bytes(KernelImages.DEFAULT), "demo.elf scenario=identity", List.of());
        long t0 = System.nanoTime();
        while (m.clock().nanos() < virtualMillis * 1_000_000) m.run(500); // about 8 idle timer ticks a call
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void pacedGuestTimeDoesNotRunAheadOfWallTime() {
        long wall = wallMillisForVirtualMillis(true, 400);
        assertTrue(wall >= 350, "400 ms of guest time took only " + wall + " ms of wall time");
    }

    @Test
    void unpacedIdleGuestSkipsAheadToItsTimerTicks() {
        // The same guest time, not paced: halted stretches are skipped, so far less wall time passes.
        long paced = 400, unpaced = wallMillisForVirtualMillis(false, 2000);
        assertTrue(unpaced < 5 * paced, "2 s of idle guest time took " + unpaced + " ms unpaced");
    }
}
