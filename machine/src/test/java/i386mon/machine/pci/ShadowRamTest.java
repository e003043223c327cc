package i386mon.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** The i440FX PAM registers: 0xC0000-0xFFFFF reads ROM or shadow DRAM, writable or not. */
class ShadowRamTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final IoBus io = m.io();
    private final PhysicalMemory mem = m.memory();

    ShadowRamTest() {
        byte[] rom = new byte[64 << 10];
        rom[rom.length - 16] = (byte) 0xF4;
        rom[0] = 0x5A; // at 0xF0000
        m.powerOn(rom);
    }

    private void pam(int reg, int value) { new ConfigCycles(io).write(0, 0, reg, 1, value); }

    @Test
    void atPowerOnTheBiosAreaReadsTheRomAndDropsWrites() {
        mem.write8(0xF0000, 0x11);
        assertEquals(0x5A, mem.read8(0xF0000));
    }

    @Test
    void readAndWriteEnableMakeTheSegmentRam() {
        pam(0x59, 0x30);
        assertEquals(0, mem.read8(0xF0000)); // the DRAM behind, never written
        mem.write8(0xF0000, 0x11);
        assertEquals(0x11, mem.read8(0xF0000));
    }

    @Test
    void switchingReadEnableOffShowsTheRomAgainAndKeepsTheDram() {
        pam(0x59, 0x30);
        mem.write8(0xF0000, 0x11);
        pam(0x59, 0x00);
        assertEquals(0x5A, mem.read8(0xF0000));
        pam(0x59, 0x10);
        assertEquals(0x11, mem.read8(0xF0000));
    }

    @Test
    void readOnlyShadowDropsWrites() {
        pam(0x59, 0x30);
        mem.write8(0xF0000, 0x11);
        pam(0x59, 0x10);
        mem.write8(0xF0000, 0x22);
        assertEquals(0x11, mem.read8(0xF0000));
    }

    @Test
    void eachNibbleOfPam1To6ControlsA16KibSegment() {
        pam(0x5A, 0x30); // 0xC4000-0xC7FFF writable, 0xC0000-0xC3FFF not
        mem.write8(0xC4000, 0x33);
        mem.write8(0xC0000, 0x44);
        assertEquals(0x33, mem.read8(0xC4000));
        assertEquals(0, mem.read8(0xC0000));
    }

    @Test
    void theLowNibbleOfPam0IsReserved() {
        pam(0x59, 0x0F);
        assertEquals(0, new ConfigCycles(io).read(0, 0, 0x59, 1));
    }

    @Test
    void aSnapshotKeepsTheShadowState() {
        pam(0x59, 0x30);
        mem.write8(0xF0000, 0x11);
        pam(0x59, 0x10);
        var snap = m.snapshots().capture();
        pam(0x59, 0x00);
        m.snapshots().restore(snap);
        assertEquals(0x11, mem.read8(0xF0000));
        mem.write8(0xF0000, 0x22);
        assertEquals(0x11, mem.read8(0xF0000));
        pam(0x59, 0x00);
        assertEquals(0x5A, mem.read8(0xF0000));
    }
}
