package i386mon.machine.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The local APIC timer through its registers, in virtual nanoseconds (one bus tick each). */
class ApicTimerTest {
    private final ApicRig rig = new ApicRig().enabled();

    private void start(int lvt, int divide, int count) {
        rig.write(0x3E0, divide);
        rig.write(0x320, lvt);
        rig.write(0x380, count);
    }

    @Test
    void oneShotFiresOnceAfterCountTimesDivisor() {
        start(0x40, 0x3, 100); // divide by 16: 1600 ns
        rig.advance(1599);
        assertFalse(rig.irr(0x40));
        rig.advance(1600);
        assertTrue(rig.irr(0x40));
        assertEquals(0, rig.read(0x390));
        assertEquals(Long.MAX_VALUE, rig.lapic.nextEventNanos());
    }

    @Test
    void periodicFiresEveryPeriodAndReloads() {
        start(0x41 | 1 << 17, 0xB, 1000); // divide by 1
        assertEquals(1000, rig.lapic.nextEventNanos());
        rig.advance(1000);
        assertEquals(0x41, rig.take());
        rig.write(0xB0, 0);
        assertEquals(2000, rig.lapic.nextEventNanos());
        rig.advance(2000);
        assertEquals(0x41, rig.take());
        assertEquals(1000, rig.read(0x390));
    }

    @Test
    void currentCountCountsDownAtTheDividedRate() {
        start(0x40, 0x0, 1000); // divide by 2
        rig.now = 500;
        assertEquals(750, rig.read(0x390));
    }

    @Test
    void divideConfigurationSelectsPowersOfTwo() {
        int[][] cases = {{0x0, 2}, {0x1, 4}, {0x2, 8}, {0x3, 16}, {0x8, 32}, {0x9, 64}, {0xA, 128}, {0xB, 1}};
        for (int[] c : cases) {
            ApicTimer t = new ApicTimer();
            t.setDivideConfiguration(c[0], 0);
            assertEquals(c[1], t.divisor(), "DCR " + c[0]);
        }
    }

    @Test
    void zeroInitialCountStopsTheTimer() {
        start(0x41 | 1 << 17, 0xB, 1000);
        rig.write(0x380, 0);
        assertEquals(Long.MAX_VALUE, rig.lapic.nextEventNanos());
        assertEquals(0, rig.read(0x390));
    }

    @Test
    void maskedTimerCountsButRaisesNothing() {
        start(0x40 | 1 << 16, 0xB, 100);
        rig.advance(100);
        assertFalse(rig.irr(0x40));
    }

    @Test
    void programmingTheTimerAsksForANewSlice() {
        int before = rig.timerChanges;
        start(0x40, 0xB, 100);
        assertTrue(rig.timerChanges > before);
    }

    @Test
    void changingTheDivisorKeepsTheCountWhereItStands() {
        start(0x40, 0xB, 1000);
        rig.now = 400;
        rig.write(0x3E0, 0x0); // now divide by 2: 600 ticks left = 1200 ns
        assertEquals(600, rig.read(0x390));
        assertEquals(1600, rig.lapic.nextEventNanos());
    }
}
