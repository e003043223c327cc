package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PcDevicesTest {
    private final IoBus bus = new IoBus();
    private final VirtualClock clock = new VirtualClock();
    private final PhysicalMemory mem = new PhysicalMemory(128 << 20);
    private final RecordingControl control = new RecordingControl();
    private final ByteArrayOutputStream com1 = new ByteArrayOutputStream();
    private PcDevices pc;

    @BeforeEach
    void setUp() {
        pc = new PcDevices(bus, clock, mem, control, PcDevices.Options.defaults().withCom1(com1::write));
        pc.powerOnBiosState(mem);
    }

    @Test
    void picsAreRemappedTo08And70WithBiosMasks() {
        assertEquals(0x08, pc.pics().master().vectorBase());
        assertEquals(0x70, pc.pics().slave().vectorBase());
        assertEquals(0xB8, bus.in(0x21, 1));
        assertEquals(0x8E, bus.in(0xA1, 1));
    }

    @Test
    void timerInterruptArrivesOnVector8() {
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        assertTrue(pc.pics().hasInterrupt());
        assertEquals(0x08, pc.pics().acknowledge());
    }

    @Test
    void pitChannel0RunsMode2WithFullCountAsSeaBios() {
        assertEquals(2, pc.pit().mode(0));
        assertEquals(0x10000, pc.pit().initialCount(0));
    }

    @Test
    void biosDataAreaHoldsPortsMemoryAndVideo() {
        assertEquals(0x3F8, mem.read16(0x400));
        assertEquals(0x2F8, mem.read16(0x402));
        assertEquals(0, mem.read16(0x408));
        assertEquals(639, mem.read16(0x413));
        assertEquals(0x9FC0, mem.read16(0x40E));
        assertEquals(0x0422, mem.read16(0x410));
        assertEquals(3, mem.read8(0x449));
        assertEquals(80, mem.read16(0x44A));
        assertEquals(0x3D4, mem.read16(0x463));
        assertEquals(24, mem.read8(0x484));
    }

    @Test
    void interruptVectorsPointIntoRomStubs() {
        assertEquals(0xF000, mem.read16(0x10 * 4 + 2));
        assertEquals(0xFF53, mem.read16(0x10 * 4));
        assertEquals(0xCF, mem.read8(0xFFF53));
        int irq0 = mem.read16(8 * 4 + 2) * 16 + mem.read16(8 * 4);
        assertEquals(0xCF, mem.read8(irq0 + 6)); // EOI stub ends in IRET
    }

    @Test
    void keyboardControllerTranslatesWithIrqEnabled() {
        bus.out(0x64, 1, 0x20);
        assertEquals(0x61, bus.in(0x60, 1));
        assertEquals(0, bus.in(0x64, 1) & 0x01);
    }

    @Test
    void screenIsClearedToGreyOnBlackSpaces() {
        assertEquals(0x0720, mem.read16(0xB8000));
        assertEquals(0x0720, mem.read16(0xB8000 + 3998));
        assertEquals(0x67, bus.in(0x3CC, 1));
    }

    @Test
    void cmosReportsRamSize() {
        bus.out(0x70, 1, 0x34);
        int lo = bus.in(0x71, 1);
        bus.out(0x70, 1, 0x35);
        assertEquals(112 * 16, lo | bus.in(0x71, 1) << 8);
    }

    @Test
    void serialOutputReachesHostAndKeyboardReachesIrq1() {
        bus.out(0x3F8, 1, 'k');
        assertEquals("k", com1.toString());
        pc.keyboard().pressKey("a");
        assertTrue(pc.pics().hasInterrupt());
    }

    @Test
    void unknownPortReportedOnceThroughListener() {
        List<Integer> ports = new ArrayList<>();
        pc.setUnknownPortListener(ports::add);
        assertEquals(0xFF, bus.in(0x1234, 1));
        bus.out(0x1234, 1, 0);
        assertEquals(List.of(0x1234), ports);
    }

    @Test
    void debugExitReachesMachineControl() {
        bus.out(0xF4, 1, 1);
        assertEquals(List.of(3), control.exits);
        assertFalse(control.exits.isEmpty());
    }

    @Test
    void timerRequestNotAcknowledgedBeforeOutFallsIsWithdrawn() {
        // Mode 2 at 18.2 Hz: OUT is high for 65535 clocks, then low for one; IF=0 all that time.
        assertTrue(pc.pics().hasInterrupt()); // the power-on rising edge
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        assertFalse(pc.pics().hasInterrupt());
        clock.skipTo(clock.nextEventNanos());
        clock.sync();
        assertTrue(pc.pics().hasInterrupt());
    }
}
