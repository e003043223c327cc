package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.cpu.Cpu;
import org.junit.jupiter.api.Test;

/** Starting code in real mode: a firmware ROM at the reset vector ({@code --bios}) and a boot sector at 0x7C00. */
class ResetVectorBootTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));

    /** A ROM whose reset vector jumps to F000:0000, where {@code entry} lies (offset 0 of a 64 KiB image). */
    private static byte[] rom(int size, int... entry) {
        byte[] rom = new byte[size];
        int v = size - 16;
        byte[] jump = {(byte) 0xEA, 0x00, 0x00, 0x00, (byte) 0xF0}; // ljmp $0xf000,$0
        System.arraycopy(jump, 0, rom, v, jump.length);
        int at = size - 0x10000;
        for (int k = 0; k < entry.length; k++) rom[at + k] = (byte) entry[k];
        return rom;
    }

    @Test
    void theFirstInstructionIsFetchedAtFffffff0FromTheTopOfTheRom() {
        m.powerOn(rom(64 << 10, 0xF4));
        assertEquals(0xFFFFFFF0, m.cpu().segBase(Cpu.CS) + m.cpu().eip());
        m.step();
        assertEquals(0xF000, m.cpu().segSelector(Cpu.CS));
        assertEquals(0xF0000, m.cpu().segBase(Cpu.CS));
        assertEquals(0, m.cpu().eip());
    }

    @Test
    void theRomIsAlsoMappedBelowOneMebibyte() {
        m.powerOn(rom(64 << 10, 0x90, 0xF4));
        m.run(10);
        assertTrue(m.cpu().halted());
        assertEquals(2, m.cpu().eip());
    }

    @Test
    void onlyTheLast128KibOfALargerRomAreMappedBelowOneMebibyte() {
        byte[] image = rom(256 << 10, 0xF4);
        image[(256 - 128) << 10] = 0x5A;
        image[((256 - 128) << 10) - 1] = 0x6B;
        m.powerOn(image);
        assertEquals(0x5A, m.memory().read8(0xE0000));
        assertEquals(0x5A, m.memory().read8(0xFFFE0000L));
        assertEquals(0x6B, m.memory().read8(0xFFFDFFFFL));
    }

    @Test
    void theRomIsReadOnly() {
        m.powerOn(rom(64 << 10, 0xF4));
        m.memory().write8(0xF0000, 0x12);
        m.memory().write8(0xFFFF0000L, 0x12);
        assertEquals(0xF4, m.memory().read8(0xF0000));
        assertEquals(0xF4, m.memory().read8(0xFFFF0000L));
    }

    @Test
    void aRomOfAWrongSizeIsRefusedInOneLine() {
        BootException e = assertThrows(BootException.class, () -> m.powerOn(new byte[1000]));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        assertThrows(BootException.class, () -> m.powerOn(new byte[512 << 10]));
        assertThrows(BootException.class, () -> m.powerOn(new byte[(64 << 10) + 4096]));
    }

    @Test
    void aBootSectorRunsAt7c00InRealModeWithTheBootDriveInDl() {
        byte[] sector = new byte[512];
        sector[0] = (byte) 0xFA; // cli: the boot sector starts with interrupts enabled
        sector[1] = (byte) 0xF4;
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        m.bootSector(sector);
        assertEquals(0, m.cpu().cr0() & Cpu.CR0_PE);
        assertEquals(0, m.cpu().segBase(Cpu.CS));
        assertEquals(0x7C00, m.cpu().eip());
        assertEquals(0x80, m.cpu().reg(Cpu.EDX));
        m.run(10);
        assertTrue(m.cpu().halted());
        assertEquals(0x7C02, m.cpu().eip());
    }

    @Test
    void aBootSectorWithoutTheSignatureIsRefused() {
        BootException e = assertThrows(BootException.class, () -> m.bootSector(new byte[512]));
        assertTrue(e.getMessage().contains("55 aa"), e.getMessage());
    }

    @Test
    void aBootSectorOfAWrongSizeIsRefused() {
        BootException e = assertThrows(BootException.class, () -> m.bootSector(new byte[513]));
        assertTrue(e.getMessage().contains("512"), e.getMessage());
    }

    @Test
    void port92ClosesAndOpensTheA20Gate() {
        m.memory().write8(0x123, 0x22);
        m.memory().write8(0x100123, 0x11);
        m.io().out(0x92, 1, 0x00);
        assertFalse(m.a20());
        assertEquals(0x22, m.mmu().read8(0x100123));
        m.io().out(0x92, 1, 0x02);
        assertEquals(0x11, m.mmu().read8(0x100123));
    }

    @Test
    void the8042OutputPortClosesAndOpensTheA20Gate() {
        m.memory().write8(0x123, 0x22);
        m.io().out(0x64, 1, 0xD1);
        m.io().out(0x60, 1, 0xDD); // bit 1 (A20) clear, bit 0 (reset) inactive
        assertFalse(m.mmu().a20());
        assertEquals(0x22, m.mmu().read8(0x100123));
        m.io().out(0x64, 1, 0xD0);
        assertEquals(0, m.io().in(0x60, 1) & 0x02);
        m.io().out(0x64, 1, 0xD1);
        m.io().out(0x60, 1, 0xDF);
        assertTrue(m.mmu().a20());
    }
}
