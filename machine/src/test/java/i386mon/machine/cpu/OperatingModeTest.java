package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * The CPU follows CR0.PE and EFLAGS.VM to its operating mode (SDM vol. 3, 2.2) at every place
 * they change, and applies that mode's rules.
 */
class OperatingModeTest {
    private static void assertRulesOf(Cpu c, OperatingMode mode) {
        assertEquals(mode, c.operatingMode());
        CpuMode rules = c.rulesOf(mode);
        assertSame(rules.segments, c.segments);
        assertSame(rules.transfers, c.transfers);
        assertSame(rules.interrupts, c.interrupts);
    }

    @Test
    void theHarnessStartsInProtectedMode() {
        assertRulesOf(new CpuHarness().cpu, OperatingMode.PROTECTED);
    }

    @Test
    void clearingPeSelectsRealModeAndSettingItAgainProtectedMode() {
        Cpu c = new CpuHarness().cpu;
        c.setControlRegisters(c.cr0() & ~Cpu.CR0_PE, 0, 0, 0);
        assertRulesOf(c, OperatingMode.REAL);
        c.setControlRegisters(c.cr0() | Cpu.CR0_PE, 0, 0, 0);
        assertRulesOf(c, OperatingMode.PROTECTED);
    }

    @Test
    void settingVmInProtectedModeSelectsVirtual8086Mode() {
        Cpu c = new CpuHarness().cpu;
        c.setEflags(Cpu.VM);
        assertRulesOf(c, OperatingMode.VIRTUAL_8086);
    }

    @Test
    void vmWithoutPeIsRealMode() {
        Cpu c = new CpuHarness().cpu;
        c.setEflags(Cpu.VM);
        c.setControlRegisters(c.cr0() & ~Cpu.CR0_PE, 0, 0, 0);
        assertRulesOf(c, OperatingMode.REAL);
    }

    @Test
    void interruptDeliveryClearsVmAndLeavesVirtual8086Mode() {
        // IOPL 3: below it INT n in V86 is #GP(0) for the monitor (SDM vol. 3, 20.2.7).
        CpuHarness h = new CpuHarness().code("int $0x80").eflags(Cpu.VM | Cpu.IOPL);
        h.run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0, h.flags() & Cpu.VM);
        assertRulesOf(h.cpu, OperatingMode.PROTECTED);
    }

    @Test
    void aRefusedMoveToCr0LeavesTheModeAlone() {
        CpuHarness h = new CpuHarness().code("mov $0x80000000,%eax\n mov %eax,%cr0").run(); // PG without PE
        assertEquals(CpuException.GP, h.vector());
        assertRulesOf(h.cpu, OperatingMode.PROTECTED);
    }
}
