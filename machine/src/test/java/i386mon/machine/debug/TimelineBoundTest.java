package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reverse execution's checkpoints are bounded by the heap they hold, not only by their number (#19):
 * a guest that fills megabytes of RAM with data that does not compress makes every checkpoint that
 * large, and 200 of them would exhaust the heap.
 */
class TimelineBoundTest {
    private static final int FILL_START = 0x10_0000, FILL_END = 0x50_0000; // 4 MiB of xorshift32 output
    private static final long BOUND = 24L << 20;

    /** mov eax, 1; then forever: xorshift32 eax, stosd, wrap EDI at FILL_END back to FILL_START. */
    private static Rig wildFiller() {
        Rig rig = new Rig();
        rig.movEax(1).bytes(0xBF).dword(FILL_START);                         // mov edi, FILL_START
        int top = rig.here();
        rig.bytes(0x89, 0xC2, 0xC1, 0xE2, 0x0D, 0x31, 0xD0)                   // edx = eax << 13; eax ^= edx
           .bytes(0x89, 0xC2, 0xC1, 0xEA, 0x11, 0x31, 0xD0)                   // edx = eax >> 17; eax ^= edx
           .bytes(0x89, 0xC2, 0xC1, 0xE2, 0x05, 0x31, 0xD0)                   // edx = eax << 5;  eax ^= edx
           .bytes(0xAB)                                                       // stosd
           .bytes(0x81, 0xFF).dword(FILL_END)                                 // cmp edi, FILL_END
           .bytes(0x72, (top - (rig.here() + 2)) & 0xFF)                      // jb top
           .bytes(0xBF).dword(FILL_START)                                     // mov edi, FILL_START
           .bytes(0xEB, (top - (rig.here() + 2)) & 0xFF);                     // jmp top
        rig.install();
        return rig;
    }

    @Test
    void checkpointsOfIncompressibleRamStayWithinTheHeapBound() {
        Rig rig = wildFiller();
        DebugTarget t = rig.m.debugTarget();
        Timeline timeline = t.timeline();
        timeline.setMaxHeapBytes(BOUND);
        timeline.enable(500_000);
        RunControl rc = new RunControl(t);
        long peak = 0;
        for (int k = 0; k < 40; k++) { // 20 M instructions: 40 checkpoints, the later ones ~4 MiB each
            rc.resume(500_000);
            peak = Math.max(peak, timeline.heapBytes());
        }
        assertTrue(timeline.storedBytes() > 4 << 20, "the filler wrote incompressible data: " + timeline.storedBytes());
        assertTrue(peak <= BOUND, "checkpoints held " + peak + " bytes");
        assertTrue(timeline.checkpointCount() < 40, "checkpoints kept: " + timeline.checkpointCount());
    }

    @Test
    void reverseStepStillWorksAfterOldCheckpointsWentForTheBound() {
        Rig rig = wildFiller();
        DebugTarget t = rig.m.debugTarget();
        t.timeline().setMaxHeapBytes(BOUND);
        t.timeline().enable(500_000);
        RunControl rc = new RunControl(t);
        rc.resume(10_000_000);
        long count = t.instructionsRetired();
        assertEquals(StopReason.Kind.STEP, rc.reverseStep(1_234).kind());
        assertEquals(count - 1_234, t.instructionsRetired());
    }
}
