package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemPortsTest {
    private final RecordingControl control = new RecordingControl();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final SystemPorts ports = new SystemPorts(control, console::write);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        new Board(bus, new PhysicalMemory(2 << 20), new VirtualClock(), new InterruptRouter(1)).add(ports);
    }

    @Test
    void debugExitStatusIsValueShiftedOrOne() {
        bus.out(0xF4, 1, 0x10);
        assertEquals(List.of(0x21), control.exits);
    }

    @Test
    void debugExitTakesWholeWordWritten() {
        bus.out(0xF4, 4, 0x0);
        assertEquals(List.of(1), control.exits);
    }

    @Test
    void postCodeIsKept() {
        assertEquals(-1, ports.postCode());
        bus.out(0x80, 1, 0x3C);
        assertEquals(0x3C, ports.postCode());
    }

    @Test
    void postCodesAreListedOldestFirst() {
        for (int v : new int[] {1, 2, 0x3C}) bus.out(0x80, 1, v);
        assertEquals(List.of(1, 2, 0x3C), java.util.Arrays.stream(ports.postCodes()).boxed().toList());
        assertEquals(3, ports.postWrites());
    }

    @Test
    void thePostLogKeepsTheLastCodesOnly() {
        for (int v = 0; v < SystemPorts.POST_LOG + 10; v++) bus.out(0x80, 1, v);
        assertEquals(SystemPorts.POST_LOG, ports.postCodes().length);
        assertEquals(10, ports.postCodes()[0]);
        assertEquals(SystemPorts.POST_LOG + 9, ports.postCodes()[SystemPorts.POST_LOG - 1]);
    }

    @Test
    void aSystemResetClearsTheResetBitAndKeepsA20AndThePostCodes() {
        bus.out(0x80, 1, 0x55);
        bus.out(0x92, 1, 0x03);
        ports.systemReset();
        assertEquals(0x02, bus.in(0x92, 1));
        assertEquals(0x55, ports.postCode());
    }

    @Test
    void debugConsoleSendsBytesAndReadsE9() {
        bus.out(0xE9, 1, 'o');
        bus.out(0xE9, 1, 'k');
        assertEquals("ok", console.toString());
        assertEquals(0xE9, bus.in(0xE9, 1));
    }

    @Test
    void fastA20BitIsForwarded() {
        bus.out(0x92, 1, 0x00);
        assertEquals(Boolean.FALSE, control.a20);
        bus.out(0x92, 1, 0x02);
        assertEquals(Boolean.TRUE, control.a20);
        assertEquals(0x02, bus.in(0x92, 1));
    }

    @Test
    void everyWriteDrivesTheA20LineEvenWhenTheBitIsUnchanged() {
        bus.out(0x92, 1, 0x02);
        control.a20 = null;
        bus.out(0x92, 1, 0x02);
        assertEquals(Boolean.TRUE, control.a20);
    }

    @Test
    void fastResetOnBit0RisingEdge() {
        bus.out(0x92, 1, 0x03);
        assertEquals(1, control.resets);
        bus.out(0x92, 1, 0x03);
        assertEquals(1, control.resets);
    }
}
