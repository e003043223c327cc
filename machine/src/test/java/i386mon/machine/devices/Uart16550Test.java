package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private static final int COM1 = 0x3F8;
    private final RecordingIrqSink irqs = new RecordingIrqSink();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final VirtualClock clock = new VirtualClock();
    private final Uart16550 uart = new Uart16550(COM1, 4, irqs, out::write, clock::nanos);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        bus.register(COM1, 8, uart);
    }

    /** The usual OSDev-style init: 38400 baud, 8N1, FIFO on, DTR+RTS+OUT2. */
    private void init() {
        bus.out(COM1 + 1, 1, 0x00);
        bus.out(COM1 + 3, 1, 0x80);
        bus.out(COM1, 1, 0x03);
        bus.out(COM1 + 1, 1, 0x00);
        bus.out(COM1 + 3, 1, 0x03);
        bus.out(COM1 + 2, 1, 0xC7);
        bus.out(COM1 + 4, 1, 0x0B);
    }

    @Test
    void transmittedBytesReachTheHost() {
        init();
        for (byte b : "hi\n".getBytes()) bus.out(COM1, 1, b);
        assertEquals("hi\n", out.toString());
        assertEquals(0x60, bus.in(COM1 + 5, 1) & 0x60);
    }

    @Test
    void divisorLatchIsReachedWithDlab() {
        init();
        bus.out(COM1 + 3, 1, 0x83);
        assertEquals(0x03, bus.in(COM1, 1));
        assertEquals(0x00, bus.in(COM1 + 1, 1));
        bus.out(COM1 + 3, 1, 0x03);
        assertEquals(3, uart.divisor());
        assertEquals(0, out.size()); // the divisor write did not transmit
    }

    @Test
    void scratchRegisterHoldsValue() {
        bus.out(COM1 + 7, 1, 0x5A);
        assertEquals(0x5A, bus.in(COM1 + 7, 1));
    }

    @Test
    void loopbackReturnsTransmittedByteToReceiver() {
        init();
        bus.out(COM1 + 4, 1, 0x1E);
        bus.out(COM1, 1, 0xAE);
        assertEquals(0x01, bus.in(COM1 + 5, 1) & 0x01);
        assertEquals(0xAE, bus.in(COM1, 1));
        assertEquals(0, out.size());
    }

    @Test
    void loopbackMapsModemControlToModemStatus() {
        bus.out(COM1 + 4, 1, 0x10 | 0x02 | 0x08); // loop, RTS, OUT2
        assertEquals(0x90, bus.in(COM1 + 6, 1) & 0xF0); // CTS, DCD
    }

    @Test
    void hostInputIsReadInOrderAndSetsDataReady() {
        init();
        uart.receive("ab".getBytes());
        assertEquals(0x01, bus.in(COM1 + 5, 1) & 0x01);
        assertEquals('a', bus.in(COM1, 1));
        assertEquals('b', bus.in(COM1, 1));
        assertEquals(0x00, bus.in(COM1 + 5, 1) & 0x01);
    }

    @Test
    void hostInputBeyondFifoWaitsInsteadOfOverrunning() {
        init();
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        uart.receive(data);
        for (int i = 0; i < data.length; i++) assertEquals(i, bus.in(COM1, 1));
        assertEquals(0, bus.in(COM1 + 5, 1) & 0x02);
    }

    @Test
    void loopbackOverflowSetsOverrunErrorClearedByLsrRead() {
        init();
        bus.out(COM1 + 4, 1, 0x10);
        for (int i = 0; i < 17; i++) bus.out(COM1, 1, i);
        assertEquals(0x02, bus.in(COM1 + 5, 1) & 0x02);
        assertEquals(0x00, bus.in(COM1 + 5, 1) & 0x02);
    }

    @Test
    void receivedDataInterruptRaisesIrq4AndShowsInIir() {
        init();
        bus.out(COM1 + 2, 1, 0x07); // FIFO, trigger level 1
        bus.out(COM1 + 1, 1, 0x01);
        assertFalse(irqs.level[4]);
        uart.receive(new byte[] { 'x' });
        assertTrue(irqs.level[4]);
        assertEquals(0xC4, bus.in(COM1 + 2, 1));
        bus.in(COM1, 1);
        assertFalse(irqs.level[4]);
        assertEquals(0xC1, bus.in(COM1 + 2, 1));
    }

    @Test
    void dataBelowTriggerLevelTimesOutAfterFourCharacterTimes() {
        init(); // trigger level 14, 38400 baud 8N1: one character = 10 bits = 260416 ns
        bus.out(COM1 + 1, 1, 0x01);
        clock.addSource(uart);
        uart.receive(new byte[] { 'x' });
        assertEquals(0xC1, bus.in(COM1 + 2, 1));
        assertEquals(4 * 260_416L, clock.nextEventNanos());
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        assertTrue(irqs.level[4]);
        assertEquals(0xCC, bus.in(COM1 + 2, 1));
        assertEquals(Long.MAX_VALUE, clock.nextEventNanos());
    }

    @Test
    void enablingThreInterruptRaisesItAndIirReadClearsIt() {
        init();
        bus.out(COM1 + 1, 1, 0x02);
        assertTrue(irqs.level[4]);
        assertEquals(0xC2, bus.in(COM1 + 2, 1));
        assertFalse(irqs.level[4]);
        assertEquals(0xC1, bus.in(COM1 + 2, 1));
    }

    @Test
    void eachTransmitGivesAFreshThreEdge() {
        init();
        bus.out(COM1 + 1, 1, 0x02);
        int edges = irqs.risingEdges[4];
        bus.out(COM1, 1, 'a');
        bus.out(COM1, 1, 'b');
        assertEquals(edges + 2, irqs.risingEdges[4]);
    }

    @Test
    void receiveDataOutranksThreInIir() {
        init();
        bus.out(COM1 + 2, 1, 0x07);
        bus.out(COM1 + 1, 1, 0x03);
        uart.receive(new byte[] { 'x' });
        assertEquals(0xC4, bus.in(COM1 + 2, 1));
    }

    @Test
    void out2LowKeepsIrqLineQuiet() {
        init();
        bus.out(COM1 + 4, 1, 0x03);
        bus.out(COM1 + 1, 1, 0x01);
        uart.receive(new byte[] { 'x' });
        clock.skipTo(10_000_000);
        assertFalse(irqs.level[4]);
        assertEquals(0x0C, bus.in(COM1 + 2, 1) & 0x0F); // pending inside the chip
    }

    @Test
    void fifoDisabledIirHasNoFifoBits() {
        bus.out(COM1 + 2, 1, 0x00);
        assertEquals(0x01, bus.in(COM1 + 2, 1));
    }

    @Test
    void modemStatusDeltaReportedOnceThenCleared() {
        bus.out(COM1 + 4, 1, 0x10);
        bus.in(COM1 + 6, 1);
        bus.out(COM1 + 4, 1, 0x12); // loopback RTS -> CTS changes
        assertEquals(0x11, bus.in(COM1 + 6, 1));
        assertEquals(0x10, bus.in(COM1 + 6, 1));
    }

    @Test
    void lineStatusErrorOutranksReceivedData() {
        init();
        bus.out(COM1 + 1, 1, 0x05);
        bus.out(COM1 + 4, 1, 0x10);
        for (int i = 0; i < 17; i++) bus.out(COM1, 1, i);
        assertEquals(0x06, bus.in(COM1 + 2, 1) & 0x0F);
        bus.in(COM1 + 5, 1);
        assertEquals(0x04, bus.in(COM1 + 2, 1) & 0x0F);
    }
}
