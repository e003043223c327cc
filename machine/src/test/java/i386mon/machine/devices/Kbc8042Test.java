package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Kbc8042Test {
    private final RecordingIrqSink irqs = new RecordingIrqSink();
    private final RecordingControl control = new RecordingControl();
    private final Kbc8042 kbc = new Kbc8042(irqs, control);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        bus.register(0x60, 1, kbc);
        bus.register(0x64, 1, kbc);
    }

    private int read() {
        assertEquals(0x01, bus.in(0x64, 1) & 0x01, "output buffer full");
        return bus.in(0x60, 1);
    }

    @Test
    void selfTestAnswers55AndSetsSystemFlag() {
        bus.out(0x64, 1, 0xAA);
        assertEquals(0x55, read());
        assertEquals(0x04, bus.in(0x64, 1) & 0x04);
    }

    @Test
    void interfaceTestAnswersZero() {
        bus.out(0x64, 1, 0xAB);
        assertEquals(0x00, read());
    }

    @Test
    void commandByteWriteThenReadRoundTrips() {
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x45);
        bus.out(0x64, 1, 0x20);
        assertEquals(0x45, read());
    }

    @Test
    void statusBit3TellsCommandFromDataWrite() {
        bus.out(0x64, 1, 0xAD);
        assertEquals(0x08, bus.in(0x64, 1) & 0x08);
        bus.out(0x60, 1, 0xF4);
        assertEquals(0x00, bus.in(0x64, 1) & 0x08);
    }

    @Test
    void keypressRaisesIrq1WithSet1MakeThenBreak() {
        kbc.pressKey("a");
        assertTrue(irqs.level[1]);
        assertEquals(0x1E, read());
        assertEquals(0x9E, read());
        assertFalse(irqs.level[1]);
        assertEquals(2, irqs.risingEdges[1]);
    }

    @Test
    void extendedKeyCarriesE0Prefix() {
        kbc.pressKey("up");
        assertEquals(0xE0, read());
        assertEquals(0x48, read());
        assertEquals(0xE0, read());
        assertEquals(0xC8, read());
    }

    @Test
    void combinationPressesInOrderAndReleasesInReverse() {
        assertArrayEquals(new int[] { 0x1D, 0x38, 0xE0, 0x53, 0xE0, 0xD3, 0xB8, 0x9D },
                ScancodeSet1.combination("ctrl-alt-delete"));
    }

    @Test
    void unknownKeyNameIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> kbc.pressKey("nosuchkey"));
        assertEquals("unknown key name: nosuchkey", e.getMessage());
    }

    @Test
    void disabledKeyboardHoldsKeysUntilEnabled() {
        bus.out(0x64, 1, 0xAD);
        kbc.pressKey("b");
        assertEquals(0, bus.in(0x64, 1) & 0x01);
        bus.out(0x64, 1, 0xAE);
        assertEquals(0x30, read());
    }

    @Test
    void interruptDisabledInCommandByteKeepsIrq1Low() {
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x40);
        kbc.pressKey("c");
        assertFalse(irqs.level[1]);
        assertEquals(0x2E, read());
    }

    @Test
    void keyboardResetAcksThenPassesSelfTest() {
        bus.out(0x60, 1, 0xFF);
        assertEquals(0xFA, read());
        assertEquals(0xAA, read());
    }

    @Test
    void echoAnswersEE() {
        bus.out(0x60, 1, 0xEE);
        assertEquals(0xEE, read());
    }

    @Test
    void setLedsTakesParameterWithTwoAcks() {
        bus.out(0x60, 1, 0xED);
        assertEquals(0xFA, read());
        bus.out(0x60, 1, 0x02);
        assertEquals(0xFA, read());
        assertEquals(0x02, kbc.ledState());
    }

    @Test
    void scancodeSetQueryReportsTranslatedSet2() {
        bus.out(0x60, 1, 0xF0);
        assertEquals(0xFA, read());
        bus.out(0x60, 1, 0x00);
        assertEquals(0xFA, read());
        assertEquals(0x41, read());
    }

    @Test
    void scanningDisabledDropsKeys() {
        bus.out(0x60, 1, 0xF5);
        assertEquals(0xFA, read());
        kbc.pressKey("a");
        assertEquals(0, bus.in(0x64, 1) & 0x01);
    }

    @Test
    void outputPortWriteControlsA20() {
        bus.out(0x64, 1, 0xD1);
        bus.out(0x60, 1, 0xCD);
        assertEquals(Boolean.FALSE, control.a20);
        bus.out(0x64, 1, 0xD0);
        assertEquals(0x00, read() & 0x02);
        bus.out(0x64, 1, 0xD1);
        bus.out(0x60, 1, 0xCF);
        assertEquals(Boolean.TRUE, control.a20);
    }

    @Test
    void pulseResetCommandResetsMachine() {
        bus.out(0x64, 1, 0xFE);
        assertEquals(1, control.resets);
    }

    @Test
    void auxDisableSetsCommandByteBit5() {
        bus.out(0x64, 1, 0xA7);
        bus.out(0x64, 1, 0x20);
        assertEquals(0x20, read() & 0x20);
        bus.out(0x64, 1, 0xA8);
        bus.out(0x64, 1, 0x20);
        assertEquals(0x00, read() & 0x20);
    }

    @Test
    void controllerReplyGoesAheadOfQueuedKeys() {
        bus.out(0x64, 1, 0xAD);
        kbc.pressKey("a");
        bus.out(0x64, 1, 0xAE);
        bus.out(0x64, 1, 0xAA); // the first key byte is already in the buffer
        assertEquals(0x1E, read());
        assertEquals(0x55, read());
        assertEquals(0x9E, read());
    }

    @Test
    void translationOffDeliversSet2WithF0BreakPrefix() {
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x01);
        kbc.pressKey("a");
        assertEquals(0x1C, read());
        assertEquals(0xF0, read());
        assertEquals(0x1C, read());
    }

    @Test
    void translationOffExtendedKeyKeepsE0BeforeF0() {
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x01);
        kbc.pressKey("left");
        assertArrayEquals(new int[] { 0xE0, 0x6B, 0xE0, 0xF0, 0x6B },
                new int[] { read(), read(), read(), read(), read() });
    }

    @Test
    void translationOffWithSet1SelectedDeliversSet1() {
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x01);
        bus.out(0x60, 1, 0xF0);
        assertEquals(0xFA, read());
        bus.out(0x60, 1, 0x01);
        assertEquals(0xFA, read());
        kbc.pressKey("a");
        assertEquals(0x1E, read());
    }

    @Test
    void badScancodeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> kbc.typeScancodes(0x100));
        assertEquals("scancode out of range 0-255: 256", e.getMessage());
    }

    @Test
    void unreadRepliesToAGuestCommandLoopStayBounded() {
        for (int k = 0; k < 100_000; k++) {
            bus.out(0x60, 1, 0xEE); // echo: one reply each, never read
            bus.out(0x64, 1, 0x20); // read command byte: one controller reply each
        }
        int waiting = 0;
        while ((bus.in(0x64, 1) & 0x01) != 0 && waiting < 100_000) {
            bus.in(0x60, 1);
            waiting++;
        }
        assertTrue(waiting <= 2 * Kbc8042.GUEST_REPLY_LIMIT + 1, "bytes still queued: " + waiting);
    }
}
