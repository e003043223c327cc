package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pit8254Test {
    private final VirtualClock clock = new VirtualClock();
    private final RecordingIrqSink irqs = new RecordingIrqSink();
    private final Pit8254 pit = new Pit8254(clock::nanos, irqs);
    private final SystemControlPortB portB = new SystemControlPortB(pit);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        bus.register(0x40, 4, pit);
        bus.register(0x61, 1, portB);
        clock.addSource(pit);
    }

    private static long at(long tick) { return PitTime.nanosAtTick(tick, Pit8254.FREQUENCY_HZ); }

    private void program(int port, int control, int count) {
        bus.out(0x43, 1, control);
        bus.out(port, 1, count & 0xFF);
        bus.out(port, 1, count >> 8);
    }

    private int latchedCount(int channel) {
        bus.out(0x43, 1, channel << 6);
        return bus.in(0x40 + channel, 1) | bus.in(0x40 + channel, 1) << 8;
    }

    private int status(int channel) {
        bus.out(0x43, 1, 0xE0 | 2 << channel);
        return bus.in(0x40 + channel, 1);
    }

    @Test
    void mode2CountDecrementsOncePerInputClock() {
        program(0x40, 0x34, 1193);
        clock.skipTo(at(100));
        assertEquals(1093, latchedCount(0));
    }

    @Test
    void mode2ReloadsAfterReachingOne() {
        program(0x40, 0x34, 1000);
        clock.skipTo(at(2500));
        assertEquals(500, latchedCount(0));
    }

    @Test
    void mode2RaisesIrq0OncePerPeriod() {
        program(0x40, 0x34, 1193);
        int before = irqs.risingEdges[0];
        while (clock.nextEventNanos() <= at(11930)) {
            clock.skipTo(clock.nextEventNanos());
            clock.sync();
        }
        assertEquals(10, irqs.risingEdges[0] - before);
    }

    @Test
    void mode3OutputIsHighForFirstHalfOfPeriod() {
        program(0x40, 0x36, 100);
        clock.skipTo(at(49));
        assertEquals(0x80, status(0) & 0x80);
        clock.skipTo(at(50));
        assertEquals(0x00, status(0) & 0x80);
        clock.skipTo(at(100));
        assertEquals(0x80, status(0) & 0x80);
    }

    @Test
    void mode3CountsDownByTwo() {
        program(0x40, 0x36, 100);
        clock.skipTo(at(10));
        assertEquals(80, latchedCount(0));
    }

    @Test
    void mode0OutputRisesAtTerminalCountAndCounterWraps() {
        program(0x40, 0x30, 50);
        clock.skipTo(at(49));
        assertEquals(0x00, status(0) & 0x80);
        clock.skipTo(at(50));
        assertEquals(0x80, status(0) & 0x80);
        clock.skipTo(at(52));
        assertEquals(0xFFFE, latchedCount(0));
    }

    @Test
    void mode0InterruptsOnceAtTerminalCount() {
        program(0x40, 0x30, 50);
        clock.skipTo(at(1000));
        clock.sync();
        assertTrue(irqs.level[0]);
        assertEquals(Long.MAX_VALUE, pit.nextEventNanos());
    }

    @Test
    void mode4StrobesLowForOneClock() {
        program(0x40, 0x38, 20);
        clock.skipTo(at(19));
        assertEquals(0x80, status(0) & 0x80);
        clock.skipTo(at(20));
        assertEquals(0x00, status(0) & 0x80);
        clock.skipTo(at(21));
        assertEquals(0x80, status(0) & 0x80);
    }

    @Test
    void lobyteOnlyAccessLoadsLowByte() {
        bus.out(0x43, 1, 0x10);
        bus.out(0x40, 1, 0x50);
        assertEquals(0x50, bus.in(0x40, 1));
        assertEquals(0x50, pit.initialCount(0));
    }

    @Test
    void hibyteOnlyAccessLoadsHighByte() {
        bus.out(0x43, 1, 0x20);
        bus.out(0x40, 1, 0x12);
        assertEquals(0x1200, pit.initialCount(0));
        assertEquals(0x12, bus.in(0x40, 1));
    }

    @Test
    void latchedCountIsHeldWhileTimePasses() {
        program(0x40, 0x34, 5000);
        clock.skipTo(at(1000));
        bus.out(0x43, 1, 0x00);
        clock.skipTo(at(3000));
        assertEquals(4000, bus.in(0x40, 1) | bus.in(0x40, 1) << 8);
    }

    @Test
    void statusShowsNullCountUntilCountWritten() {
        bus.out(0x43, 1, 0xB4); // channel 2, lohi, mode 2
        assertEquals(0x40 | 0x30 | 0x04, status(2) & 0x7F);
        bus.out(0x42, 1, 0x10);
        bus.out(0x42, 1, 0x00);
        assertEquals(0x34, status(2) & 0x7F);
    }

    @Test
    void readBackLatchesStatusThenCount() {
        program(0x40, 0x34, 300);
        clock.skipTo(at(100));
        bus.out(0x43, 1, 0xC2); // latch count and status of channel 0
        assertEquals(0xB4, bus.in(0x40, 1));
        assertEquals(200, bus.in(0x40, 1) | bus.in(0x40, 1) << 8);
    }

    @Test
    void bcdCounterCountsInDecimal() {
        bus.out(0x43, 1, 0x31); // channel 0, lohi, mode 0, BCD
        bus.out(0x40, 1, 0x00);
        bus.out(0x40, 1, 0x10); // 1000 decimal
        clock.skipTo(at(1));
        assertEquals(0x0999, latchedCount(0));
    }

    @Test
    void channel2CountsOnlyWhileGateHighAndShowsOutOnPort61() {
        program(0x42, 0xB0, 100); // channel 2, mode 0
        clock.skipTo(at(500));
        assertEquals(0, bus.in(0x61, 1) & 0x20);
        bus.out(0x61, 1, 0x01);
        clock.skipTo(at(599));
        assertEquals(0, bus.in(0x61, 1) & 0x20);
        clock.skipTo(at(600));
        assertEquals(0x20, bus.in(0x61, 1) & 0x20);
    }

    @Test
    void refreshToggleFlipsEveryEighteenClocks() {
        int a = bus.in(0x61, 1) & 0x10;
        clock.skipTo(at(18));
        int b = bus.in(0x61, 1) & 0x10;
        assertEquals(0x10, a ^ b);
    }

    @Test
    void nextEventIsHalfPeriodForMode3AtCountZero() {
        program(0x40, 0x36, 0);
        assertEquals(at(32768), pit.nextEventNanos());
        clock.skipTo(pit.nextEventNanos());
        clock.sync();
        assertFalse(irqs.level[0]);
        assertEquals(at(65536), pit.nextEventNanos());
    }

    @Test
    void haltSkipAheadDeliversEighteenPointTwoHzTicks() {
        program(0x40, 0x36, 0);
        int before = irqs.risingEdges[0];
        long oneSecond = 1_000_000_000L;
        while (clock.nextEventNanos() <= oneSecond) {
            clock.skipTo(clock.nextEventNanos());
            clock.sync();
        }
        assertEquals(18, irqs.risingEdges[0] - before); // 1193182 / 65536 = 18.2
    }

    @Test
    void tickConversionIsExactFarIntoVirtualTime() {
        long tick = 40_000_000_000_000L;
        long ns = PitTime.nanosAtTick(tick, Pit8254.FREQUENCY_HZ);
        assertEquals(tick, PitTime.ticksAt(ns, Pit8254.FREQUENCY_HZ));
        assertEquals(tick - 1, PitTime.ticksAt(ns - 1, Pit8254.FREQUENCY_HZ));
    }

    @Test
    void badChannelIsRejected() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> pit.setGate(3, true));
        assertEquals("PIT channel out of range 0-2: 3", e.getMessage());
    }

    @Test
    void newCountInMode2WaitsForEndOfCurrentPeriod() {
        program(0x40, 0x34, 1000);
        clock.skipTo(at(250));
        bus.out(0x40, 1, 500 & 0xFF);
        bus.out(0x40, 1, 500 >> 8);
        clock.skipTo(at(600));
        assertEquals(400, latchedCount(0));
        clock.skipTo(at(1100));
        assertEquals(400, latchedCount(0));
        assertEquals(at(1499), pit.nextEventNanos()); // the new period's OUT low clock
    }
}
