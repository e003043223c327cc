package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link DebugTarget#sendSerial}: host bytes reach the UART's receiver as the guest sees it. */
class SerialInputApiTest {
    private final DebugTarget t = new Rig().m.debugTarget();

    @Test
    void sentBytesSetDataReadyAndAreReadFromRbr() {
        t.sendSerial(1, new byte[] {'h', 'i'});
        assertEquals(1, t.in(0x3FD, 1) & 1, "LSR.DR");
        assertEquals('h', t.in(0x3F8, 1));
        assertEquals('i', t.in(0x3F8, 1));
        assertEquals(0, t.in(0x3FD, 1) & 1, "all read");
    }

    @Test
    void sentBytesRaiseTheReceiveInterruptOnCom2() {
        t.out(0x2F9, 1, 0x01); // IER: received data available
        t.out(0x2FC, 1, 0x08); // MCR.OUT2 gates the IRQ line
        assertEquals(0x01, t.in(0x2FA, 1) & 0x0F, "nothing pending yet");
        t.sendSerial(2, new byte[] {'x'});
        assertEquals(0x04, t.in(0x2FA, 1) & 0x0F, "IIR: received data available");
    }

    @Test
    void aPortThePcDoesNotHaveIsRefused() {
        assertEquals("no serial port COM3: the PC has COM1 and COM2",
                assertThrows(IllegalArgumentException.class, () -> t.sendSerial(3, new byte[1])).getMessage());
    }
}
