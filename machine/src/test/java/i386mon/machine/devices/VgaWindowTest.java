package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

/** The VGA memory window on a whole machine: guest accesses, the monitor's, snapshots and info vga. */
class VgaWindowTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final PhysicalMemory mem = m.memory();
    private final IoBus io = m.io();
    private final VgaText vga = m.devices().vga();

    private void reg(int indexPort, int index, int value) {
        io.out(indexPort, 1, index);
        io.out(indexPort + 1, 1, value);
    }

    private String firstLine() { return m.board().report("vga").lines().get(0).text(); }

    /** Mode 12h's memory layout: 0xA0000, planar, all planes. */
    private void planar() {
        reg(0x3C4, 2, 0x0F);
        reg(0x3C4, 4, 0x06);
        reg(0x3CE, 5, 0x00);
        reg(0x3CE, 6, 0x05);
    }

    @Test
    void textWrittenAtB8000LandsInPlanes0And1() {
        mem.write16(0xB8000 + 2 * 81, 0x1F41);
        assertEquals('A', vga.videoMemory().planeByte(0, 81));
        assertEquals(0x1F, vga.videoMemory().planeByte(1, 81));
        assertEquals(" A", vga.renderText().get(1).substring(0, 2));
    }

    @Test
    void theWindowIsNeverADirectPage() {
        assertTrue(!mem.readsDirect(0xB8000) && !mem.writesDirect(0xB8000));
        assertTrue(!mem.readsDirect(0xA0000) && !mem.writesDirect(0xA0000));
    }

    @Test
    void theMonitorsReadsLeaveTheLatchesAlone() {
        planar();
        mem.write8(0xA0010, 0x5A);
        mem.read8(0xA0010);
        int latches = vga.videoMemory().latches();
        byte[] out = new byte[32];
        assertTrue(m.mmu().peekPhysical(0xA0000, out, 0, 32).ok());
        assertEquals(latches, vga.videoMemory().latches());
        assertEquals(0x5A, out[0x10] & 0xFF);
    }

    @Test
    void theMonitorsWritesReachTheScreen() {
        assertTrue(m.mmu().pokePhysical(0xB8000, new byte[] {'H', 0x07, 'i', 0x07}, 0, 4).ok());
        assertTrue(firstLine().startsWith("Hi"), firstLine());
    }

    @Test
    void aSnapshotHoldsThePlanesAndTheRegisters() {
        mem.write16(0xB8000, 0x0741);
        reg(0x3D4, 0x0E, 0x01);
        Snapshot before = m.snapshots().capture();
        mem.write16(0xB8000, 0x0742);
        reg(0x3D4, 0x0E, 0x02);
        m.snapshots().restore(before);
        assertEquals('A', vga.videoMemory().planeByte(0, 0));
        assertEquals(0x01, vga.crtcRegister(0x0E));
    }

    @Test
    void aSnapshotHoldsTheFramebufferBeyondThePlanes() {
        m.devices().plugStdVga(null);
        mem.write32(0xFD80_0000L, 0x12345678);
        Snapshot before = m.snapshots().capture();
        mem.write32(0xFD80_0000L, 0);
        m.snapshots().restore(before);
        assertEquals(0x12345678, mem.read32(0xFD80_0000L));
    }

    @Test
    void mode13hIsNamedInsteadOfShownAsText() {
        reg(0x3CE, 5, 0x40);
        reg(0x3CE, 6, 0x05);
        reg(0x3D4, 0x09, 0x41);
        assertEquals("graphics mode 320x200x8 (VGA): not shown as text", firstLine());
        assertEquals(1, m.board().report("vga").lines().size());
    }

    @Test
    void aVbeModeNamesItsLinearFramebuffer() {
        m.devices().plugStdVga(null);
        int[][] regs = {{1, 640}, {2, 480}, {3, 32}, {4, 0x41}};
        for (int[] r : regs) {
            io.out(0x1CE, 2, r[0]);
            io.out(0x1CF, 2, r[1]);
        }
        assertEquals("graphics mode 640x480x32 (VBE, LFB at 0xfd000000): not shown as text", firstLine());
        mem.write32(0xFD000000L, 0x00FF00FF);
        assertEquals(0x00FF00FF, mem.read32(0xFD000000L));
    }
}
