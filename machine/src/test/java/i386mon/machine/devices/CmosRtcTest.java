package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CmosRtcTest {
    private static final long S = 1_000_000_000L;
    private final VirtualClock clock = new VirtualClock();
    private final RecordingIrqSink irqs = new RecordingIrqSink();
    private final CmosRtc rtc = new CmosRtc(clock::nanos, irqs, CmosRtc.DEFAULT_EPOCH_SECONDS);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        bus.register(0x70, 2, rtc);
        clock.addSource(rtc);
    }

    private int read(int reg) {
        bus.out(0x70, 1, reg);
        return bus.in(0x71, 1);
    }

    private void write(int reg, int v) {
        bus.out(0x70, 1, reg);
        bus.out(0x71, 1, v);
    }

    @Test
    void epochReadsAsFirstOfJanuary2000InBcd() {
        assertEquals(0x00, read(0x00));
        assertEquals(0x00, read(0x04));
        assertEquals(0x01, read(0x07));
        assertEquals(0x01, read(0x08));
        assertEquals(0x00, read(0x09));
        assertEquals(0x20, read(0x32));
        assertEquals(0x07, read(0x06)); // a Saturday
    }

    @Test
    void virtualTimeAdvancesTheClockInBcd() {
        clock.skipTo((86_400L + 3_600 * 13 + 60 * 45 + 59) * S); // 2000-01-02 13:45:59
        assertEquals(0x59, read(0x00));
        assertEquals(0x45, read(0x02));
        assertEquals(0x13, read(0x04));
        assertEquals(0x02, read(0x07));
        assertEquals(0x01, read(0x06)); // Sunday
    }

    @Test
    void binaryModeGivesPlainNumbers() {
        write(0x0B, 0x06);
        clock.skipTo((3_600 * 13 + 60 * 45 + 59) * S);
        assertEquals(59, read(0x00));
        assertEquals(45, read(0x02));
        assertEquals(13, read(0x04));
    }

    @Test
    void twelveHourModeSetsPmBit() {
        write(0x0B, 0x00);
        clock.skipTo(3_600 * 13 * S);
        assertEquals(0x81, read(0x04));
    }

    @Test
    void guestSetTimeKeepsRunning() {
        write(0x0B, 0x82); // SET
        write(0x09, 0x24);
        write(0x08, 0x07);
        write(0x07, 0x15);
        write(0x04, 0x10);
        write(0x02, 0x00);
        write(0x00, 0x00);
        write(0x0B, 0x02);
        clock.skipTo(clock.nanos() + 90 * S);
        assertEquals(0x30, read(0x00));
        assertEquals(0x01, read(0x02));
        assertEquals(0x24, read(0x09));
    }

    @Test
    void statusDReportsValidTime() {
        assertEquals(0x80, read(0x0D));
    }

    @Test
    void updateInProgressJustBeforeEachSecond() {
        clock.skipTo(S - 100_000);
        assertEquals(0x80, read(0x0A) & 0x80);
        clock.skipTo(S + 1_000);
        assertEquals(0x00, read(0x0A) & 0x80);
    }

    @Test
    void statusCFlagsAreClearedByReading() {
        clock.skipTo(2 * S);
        assertEquals(0x50, read(0x0C) & 0x70); // periodic and update-ended seen
        assertEquals(0x00, read(0x0C));
    }

    @Test
    void periodicInterruptRaisesIrq8At1024Hz() {
        write(0x0B, 0x42); // PIE
        read(0x0C);
        assertEquals(976_563, clock.nextEventNanos());
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        assertTrue(irqs.level[8]);
        assertEquals(0xC0, read(0x0C) & 0xC0);
        assertFalse(irqs.level[8]);
    }

    @Test
    void updateEndedInterruptEverySecond() {
        write(0x0B, 0x12); // UIE
        assertEquals(S, rtc.nextEventNanos());
        clock.skipTo(S);
        clock.sync();
        assertTrue(irqs.level[8]);
    }

    @Test
    void disabledInterruptsScheduleNoEvents() {
        assertEquals(Long.MAX_VALUE, rtc.nextEventNanos());
    }

    @Test
    void memorySizeBytesFor32MiB() {
        rtc.setMemorySize(32L << 20);
        assertEquals(640, read(0x15) | read(0x16) << 8);
        assertEquals(31 * 1024, read(0x17) | read(0x18) << 8);
        assertEquals(31 * 1024, read(0x30) | read(0x31) << 8);
        assertEquals(16 * 16, read(0x34) | read(0x35) << 8);
    }

    @Test
    void extendedMemoryIsCappedAt0xFFFF() {
        rtc.setMemorySize(3L << 30);
        assertEquals(0xFFFF, read(0x30) | read(0x31) << 8);
        assertEquals((3 * 1024 - 16) * 16, read(0x34) | read(0x35) << 8);
    }

    @Test
    void indexBit7MasksNmi() {
        bus.out(0x70, 1, 0x8D);
        assertTrue(rtc.nmiDisabled());
        assertEquals(0x80, bus.in(0x71, 1));
        bus.out(0x70, 1, 0x0D);
        assertFalse(rtc.nmiDisabled());
    }

    @Test
    void nvramBytesKeepWhatIsWritten() {
        write(0x40, 0xA5);
        assertEquals(0xA5, read(0x40));
    }

    @Test
    void hostEpochOptionStartsAtGivenTime() {
        CmosRtc other = new CmosRtc(clock::nanos, irqs, 1_700_000_000L); // 2023-11-14 22:13:20
        IoBus b = new IoBus();
        b.register(0x70, 2, other);
        b.out(0x70, 1, 0x04);
        assertEquals(0x22, b.in(0x71, 1));
        b.out(0x70, 1, 0x09);
        assertEquals(0x23, b.in(0x71, 1));
    }

    @Test
    void peekShowsCurrentTimeWithoutClearingFlags() {
        clock.skipTo(75 * S);
        assertEquals(0x15, rtc.peek(0x00));
        assertEquals(0x01, rtc.peek(0x02));
        clock.sync();
        int flags = rtc.peek(0x0C);
        assertEquals(flags, rtc.peek(0x0C));
        assertEquals(0x10, flags & 0x10);
    }

    @Test
    void bootOrderFillsRegisters3dAnd38AsQemusSetBootDev() {
        rtc.setBootOrder("cad");
        assertEquals(0x12, read(0x3D));
        assertEquals(0x30, read(0x38));
        rtc.setBootOrder("a");
        assertEquals(0x01, read(0x3D));
        assertEquals(0x00, read(0x38));
        rtc.setBootOrder("dnc");
        assertEquals(0x43, read(0x3D));
        assertEquals(0x20, read(0x38));
    }

    @Test
    void bootOrderRefusesWhatAPcCannotBoot() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> rtc.setBootOrder("cadn"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> rtc.setBootOrder("e"));
    }
}
