package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ACPI PM timer: 3.579545 MHz in virtual time, 24 bits, read-only. */
class AcpiPmTimerTest {
    private long now;
    private final AcpiPmTimer timer = new AcpiPmTimer(() -> now);

    @Test
    void countsAtThreePointFiveSevenNineMegahertzOfVirtualTime() {
        now = 1_000_000_000L; // one second: 3579545 ticks
        assertEquals(3_579_545, timer.in(AcpiPmTimer.PORT, 4));
    }

    @Test
    void wrapsAtTwentyFourBits() {
        now = 10_000_000_000L; // 35795450 ticks
        assertEquals(35_795_450 & 0xFF_FFFF, timer.in(AcpiPmTimer.PORT, 4));
    }

    @Test
    void aByteReadGivesTheByteAtItsOffset() {
        now = 1_000_000_000L; // 0x369e99
        assertEquals(0x9e, timer.in(AcpiPmTimer.PORT + 1, 1));
        assertEquals(0x36, timer.in(AcpiPmTimer.PORT + 2, 1));
    }

    @Test
    void aReadTakesItsTimeAfterTheValueIsTaken() {
        java.util.List<Long> elapsed = new java.util.ArrayList<>();
        AcpiPmTimer t = new AcpiPmTimer(() -> now, elapsed::add);
        now = 1_000_000_000L;
        assertEquals(3_579_545, t.in(AcpiPmTimer.PORT, 4));
        assertEquals(java.util.List.of(AcpiPmTimer.READ_NANOS), elapsed);
    }

    @Test
    void writesAreIgnored() {
        now = 1_000_000_000L;
        timer.out(AcpiPmTimer.PORT, 4, 0);
        assertEquals(3_579_545, timer.in(AcpiPmTimer.PORT, 4));
    }

    @Test
    void doesNotOverflowLateInVirtualTime() {
        long t = Long.MAX_VALUE;
        java.math.BigInteger ticks = java.math.BigInteger.valueOf(t).multiply(java.math.BigInteger.valueOf(AcpiPmTimer.HZ))
                .divide(java.math.BigInteger.valueOf(1_000_000_000L));
        assertEquals(ticks.intValue() & 0xFF_FFFF, AcpiPmTimer.value(t));
    }
}
