package i386mon.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.Test;

/** Configuration mechanism #1 as a guest uses it, on the board QEMU's pc has. */
class PciConfigSpaceTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final IoBus io = m.io();

    private final ConfigCycles cfg = new ConfigCycles(io);

    private int read(int dev, int fn, int reg, int size) { return cfg.read(dev, fn, reg, size); }

    private void write(int dev, int fn, int reg, int size, int value) { cfg.write(dev, fn, reg, size, value); }

    @Test
    void theFunctionsHaveQemusIds() {
        assertEquals(0x1237_8086, read(0, 0, 0, 4));
        assertEquals(0x7000_8086, read(1, 0, 0, 4));
        assertEquals(0x7010_8086, read(1, 1, 0, 4));
        assertEquals(0x7113_8086, read(1, 3, 0, 4));
        assertEquals(0x1100_1AF4, read(0, 0, 0x2C, 4));
    }

    @Test
    void anAbsentFunctionReadsAllOnes() {
        assertEquals(0xFFFF_FFFF, read(3, 0, 0, 4));
        assertEquals(0xFFFF, read(1, 2, 0, 2));
    }

    @Test
    void byteAndWordReadsSeeTheirPartOfTheDword() {
        assertEquals(0x86, read(0, 0, 0, 1));
        assertEquals(0x12, read(0, 0, 3, 1));
        assertEquals(0x1237, read(0, 0, 2, 2));
        assertEquals(0x0101, read(1, 1, 0x0A, 2)); // IDE: class 01, subclass 01
    }

    @Test
    void theIsaBridgeSaysItsDeviceHasSeveralFunctions() {
        assertEquals(0x80, read(1, 0, 0x0E, 1));
    }

    @Test
    void withoutTheEnableBitTheDataPortReadsAllOnes() {
        io.out(0xCF8, 4, 0);
        assertEquals(0xFFFF_FFFF, io.in(0xCFC, 4));
    }

    @Test
    void theAddressRegisterReadsBackWithoutItsLowBits() {
        io.out(0xCF8, 4, 0x8000_0807);
        assertEquals(0x8000_0804, io.in(0xCF8, 4));
    }

    @Test
    void readOnlyFieldsIgnoreWrites() {
        write(0, 0, 0, 4, 0);
        assertEquals(0x1237_8086, read(0, 0, 0, 4));
    }

    @Test
    void writingAllOnesToABarRevealsItsSize() {
        m.devices().powerOnReset();
        write(1, 1, 0x20, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF_FFF1, read(1, 1, 0x20, 4)); // 16 ports, I/O space indicator
        write(1, 1, 0x20, 4, 0);
        assertEquals(0x0000_0001, read(1, 1, 0x20, 4));
    }

    @Test
    void unimplementedBarsReadZeroEvenAfterAllOnes() {
        write(1, 1, 0x10, 4, 0xFFFF_FFFF);
        assertEquals(0, read(1, 1, 0x10, 4));
    }

    @Test
    void withoutFirmwareTheBarsAndLinesAreProgrammedAsSeaBiosLeavesThem() {
        assertEquals(0xC001, read(1, 1, 0x20, 4));
        assertEquals(0x0103, read(1, 1, 0x04, 2));
        assertEquals(0x0B0B_0A0A, read(1, 0, 0x60, 4));
        assertEquals(9, read(1, 3, 0x3C, 1));
        assertEquals(1, read(1, 3, 0x3D, 1));
        assertEquals(0x0601, read(1, 3, 0x40, 4));
    }

    @Test
    void aPowerOnLeavesThemUnprogrammed() {
        m.devices().powerOnReset();
        assertEquals(0x0001, read(1, 1, 0x20, 4));
        assertEquals(0, read(1, 1, 0x04, 2));
        assertEquals(0x8080_8080, read(1, 0, 0x60, 4));
    }
}
