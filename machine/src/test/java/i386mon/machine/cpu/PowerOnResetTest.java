package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state after RESET, register by register (SDM vol. 3, 9.1.1, table 9-1). */
class PowerOnResetTest {
    private Cpu cpu;

    @BeforeEach
    void reset() {
        CpuHarness h = new CpuHarness();
        cpu = h.cpu;
        for (int r = 0; r < 8; r++) cpu.setReg(r, 0x5A5A5A5A);
        cpu.setEflags(0x246);
        cpu.powerOnReset();
    }

    @Test
    void csIsF000WithBaseFfff0000AndLimitFfff() {
        assertEquals(0xF000, cpu.segSelector(Cpu.CS));
        assertEquals(0xFFFF0000, cpu.segBase(Cpu.CS));
        assertEquals(0xFFFF, cpu.segLimit(Cpu.CS));
        assertEquals(0x9B00, cpu.segFlags(Cpu.CS));
    }

    @Test
    void eipIsFff0SoTheFirstFetchIsAtFffffff0() {
        assertEquals(0xFFF0, cpu.eip());
        assertEquals(0xFFFFFFF0, cpu.segBase(Cpu.CS) + cpu.eip());
    }

    @Test
    void edxHoldsTheProcessorSignature() {
        assertEquals(CpuIdentity.signature(), cpu.reg(Cpu.EDX));
    }

    @Test
    void everyOtherGeneralRegisterIsZero() {
        for (int r : new int[] {Cpu.EAX, Cpu.ECX, Cpu.EBX, Cpu.ESP, Cpu.EBP, Cpu.ESI, Cpu.EDI}) assertEquals(0, cpu.reg(r), "register " + r);
    }

    @Test
    void eflagsIsTwo() {
        assertEquals(2, cpu.eflags());
    }

    @Test
    void cr0Is60000010AndTheCpuIsInRealMode() {
        assertEquals(0x60000010, cpu.cr0());
        assertEquals(OperatingMode.REAL, cpu.operatingMode());
    }

    @Test
    void cr2Cr3Cr4AndEferAreZero() {
        assertEquals(0, cpu.cr2());
        assertEquals(0, cpu.cr3());
        assertEquals(0, cpu.cr4());
        assertEquals(0, cpu.efer());
    }

    @Test
    void dataSegmentsAreSelectorZeroBaseZeroLimitFfffReadWrite() {
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            assertEquals(0, cpu.segSelector(s));
            assertEquals(0, cpu.segBase(s));
            assertEquals(0xFFFF, cpu.segLimit(s));
            assertEquals(0x9300, cpu.segFlags(s));
        }
    }

    @Test
    void gdtrAndIdtrHaveBaseZeroAndLimitFfff() {
        assertEquals(0, cpu.gdtrBase());
        assertEquals(0xFFFF, cpu.gdtrLimit());
        assertEquals(0, cpu.idtrBase());
        assertEquals(0xFFFF, cpu.idtrLimit());
    }

    @Test
    void ldtrAndTrAreSelectorZeroBaseZeroLimitFfff() {
        assertEquals(0, cpu.segSelector(Cpu.LDTR));
        assertEquals(0xFFFF, cpu.segLimit(Cpu.LDTR));
        assertEquals(0x8200, cpu.segFlags(Cpu.LDTR));
        assertEquals(0, cpu.segSelector(Cpu.TR));
        assertEquals(0xFFFF, cpu.segLimit(Cpu.TR));
        assertEquals(0x8B00, cpu.segFlags(Cpu.TR));
    }

    @Test
    void debugRegistersAreAtTheirResetValues() {
        for (int i = 0; i < 4; i++) assertEquals(0, cpu.dr(i));
        assertEquals(0xFFFF0FF0, cpu.dr(6));
        assertEquals(0x400, cpu.dr(7));
    }

    @Test
    void theX87UnitIsAsAfterResetNotAsAfterFinit() {
        assertEquals(0x40, cpu.fpuControl);
        assertEquals(0, cpu.fpuStatus);
        assertEquals(0x5555, cpu.fpuTag);
    }

    @Test
    void theCplIsZero() {
        assertEquals(0, cpu.cpl());
    }

    @Test
    void theMultibootResetIsUnchanged() {
        cpu.reset();
        assertEquals(Cpu.CR0_PE | Cpu.CR0_ET, cpu.cr0());
        assertEquals(0, cpu.eip());
        assertEquals(0, cpu.reg(Cpu.EDX));
        assertEquals(0, cpu.segBase(Cpu.CS));
        assertEquals(0x3FF, cpu.idtrLimit());
        assertEquals(0x37F, cpu.fpuControl);
        assertEquals(0xFFFF, cpu.fpuTag);
        assertEquals(OperatingMode.PROTECTED, cpu.operatingMode());
    }
}
