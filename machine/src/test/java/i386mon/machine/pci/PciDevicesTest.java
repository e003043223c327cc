package i386mon.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.devices.AcpiPmTimer;
import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.Test;

/** What the chipset functions' registers do: the PM base moves the PM timer, BAR4 moves the bus-master block, 0xCF9 resets. */
class PciDevicesTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final IoBus io = m.io();

    private final ConfigCycles cfg = new ConfigCycles(io);

    private void write(int dev, int fn, int reg, int size, int value) { cfg.write(dev, fn, reg, size, value); }

    @Test
    void thePmTimerDecodesAtThePmBasePlusEight() {
        assertEquals(AcpiPmTimer.PORT, m.devices().pci().function(1, 3) instanceof Piix4Pm p ? p.timerPort() : -2);
        write(1, 3, 0x40, 4, 0xB001);
        assertEquals(0xFFFF_FFFF, io.in(0x608, 4));
        io.in(0xB008, 4); // decodes: not the all-ones of nothing
        assertEquals(0xB008, ((Piix4Pm) m.devices().pci().function(1, 3)).timerPort());
    }

    @Test
    void thePmTimerAdvancesWithinOneRunSlice() {
        // cli; mov dx,0x608; in eax,dx; mov ebx,eax; mov cx,10000; loop $; in eax,dx; hlt
        byte[] code = {(byte) 0xFA, (byte) 0xBA, 0x08, 0x06, 0x66, (byte) 0xED, 0x66, (byte) 0x89, (byte) 0xC3,
            (byte) 0xB9, 0x10, 0x27, (byte) 0xE2, (byte) 0xFE, 0x66, (byte) 0xED, (byte) 0xF4};
        m.memory().load(0x1000, code, 0, code.length);
        m.cpu().powerOnReset();
        m.cpu().setRealModeSegment(i386mon.machine.cpu.Cpu.CS, 0);
        m.cpu().setEip(0x1000);
        m.run(1_000_000);
        int ticks = m.cpu().reg(i386mon.machine.cpu.Cpu.EAX) - m.cpu().reg(i386mon.machine.cpu.Cpu.EBX);
        // 10,003 instructions of 1 ns and the first read's own time, at 3.579545 MHz
        assertEquals((10_003 + AcpiPmTimer.READ_NANOS) * AcpiPmTimer.HZ / 1_000_000_000, ticks, 1);
    }

    @Test
    void thePmTimerIsOffWhileTheIoSpaceEnableIsClear() {
        write(1, 3, 0x80, 1, 0);
        assertEquals(-1, ((Piix4Pm) m.devices().pci().function(1, 3)).timerPort());
        assertEquals(0xFFFF_FFFF, io.in(0x608, 4));
    }

    @Test
    void theBusMasterRegistersFollowBar4() {
        int[] last = new int[2];
        m.devices().ide().setBusMasterRegisters(new IoWindow() {
            @Override public int read(int offset, int size) { return 0x40 + offset; }
            @Override public void write(int offset, int size, int value) { last[0] = offset; last[1] = value; }
        });
        assertEquals(0x42, io.in(0xC002, 1));
        write(1, 1, 0x20, 4, 0xD000);
        assertEquals(0xFF, io.in(0xC002, 1));
        assertEquals(0x44, io.in(0xD004, 1));
        io.out(0xD00A, 1, 0x5A);
        assertEquals(10, last[0]);
        assertEquals(0x5A, last[1]);
    }

    @Test
    void clearingIoSpaceInTheCommandRegisterUnmapsBar4() {
        m.devices().ide().setBusMasterRegisters(new IoWindow() {
            @Override public int read(int offset, int size) { return 0; }
            @Override public void write(int offset, int size, int value) { }
        });
        write(1, 1, 0x04, 2, 0);
        assertEquals(-1, m.devices().ide().busMasterPort());
        assertEquals(0xFF, io.in(0xC000, 1));
    }

    @Test
    void writingBit2ToTheResetControlRegisterResetsTheMachine() {
        io.out(0xCF9, 1, 0x06);
        assertEquals(i386mon.machine.debug.StopReason.Kind.RESET, m.run(1).kind());
    }

    @Test
    void thePirqRoutesSayWhichIsaIrqEachLineDrives() {
        Piix3Isa isa = (Piix3Isa) m.devices().pci().function(1, 0);
        assertEquals(10, isa.route(0));
        assertEquals(11, isa.route(3));
        write(1, 0, 0x61, 1, 0x80);
        assertEquals(-1, isa.route(1));
    }
}
