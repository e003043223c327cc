package i386mon.machine.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

class FirmwareTablesTest {
    private static int sum(PhysicalMemory m, long at, int len) {
        int s = 0;
        for (int i = 0; i < len; i++) s += m.read8(at + i);
        return s & 0xFF;
    }

    @Test
    void machineLeavesTheTablesForItsCpusAndRamAtPowerOn() {
        Machine m = new Machine(MachineConfig.defaults().withRam(32 << 20).withCpus(3));
        PhysicalMemory mem = m.memory();
        assertEquals(0x5F504D5F, mem.read32(FirmwareTables.MP_FLOATING_POINTER)); // "_MP_"
        long config = mem.read32(FirmwareTables.MP_FLOATING_POINTER + 4) & 0xFFFF_FFFFL;
        assertEquals(0, sum(mem, config, mem.read16(config + 4)));
        assertEquals(3 + 16, mem.read16(config + 34), "3 processors and 16 other entries");
        long rsdt = mem.read32(FirmwareTables.RSDP + 16) & 0xFFFF_FFFFL;
        assertEquals(0, sum(mem, FirmwareTables.RSDP, 20));
        assertTrue(rsdt > FirmwareTables.acpiBase(32 << 20) && rsdt < 32 << 20, "RSDT in the reserved area at the top of RAM");
        assertEquals(0x54445352, mem.read32(rsdt)); // "RSDT"
    }

    @Test
    void tablesDoNotOverlapTheMpTableForTheMostCpus() {
        byte[] mp = MpTable.build(new Processors(Processors.MAX, 0, 0), FirmwareTables.MP_FLOATING_POINTER);
        assertTrue(FirmwareTables.RSDP + AcpiTables.RSDP_LENGTH <= FirmwareTables.MP_FLOATING_POINTER);
        assertTrue(FirmwareTables.MP_FLOATING_POINTER + mp.length <= 0xFFF00, "below the BIOS stubs");
    }

    @Test
    void zeroOrMoreThanEightCpusAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Processors(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Processors(9, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.defaults().withCpus(0));
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.defaults().withCpus(99));
    }

    @Test
    void defaultConfigurationHasOneCpu() {
        assertEquals(1, MachineConfig.defaults().cpus());
    }
}
