package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Real-address mode (SDM vol. 3, chapter 20.1; vol. 2, each instruction's REAL-ADDRESS-MODE
 * operation): segment arithmetic, the kept segment caches, far transfers, the IVT, the transitions
 * to and from protected mode. The compiled-CPU run of the suite repeats each with every block compiled.
 */
class RealModeTest {
    /** Enters protected mode, loads DS with the flat 4 GiB data segment, and returns to real mode. */
    private static final String UNREAL = "mov %cr0,%eax\n or $1,%al\n mov %eax,%cr0\n mov $0x10,%bx\n mov %bx,%ds\n"
            + " and $0xfe,%al\n mov %eax,%cr0\n xor %bx,%bx\n mov %bx,%ds\n";

    @Test
    void aSegmentLoadSetsTheBaseToSixteenTimesTheSelector() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write16(0x12340 + 0x10, 0xBEEF);
        h.code("mov $0x1234,%ax\n mov %ax,%ds\n mov 0x10,%bx").run();
        assertEquals(0x12340, h.cpu.segBase(Cpu.DS));
        assertEquals(0xBEEF, h.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(-1, h.vector());
    }

    @Test
    void aSegmentLoadKeepsTheCachedLimitAndAttributes() {
        RealModeHarness h = new RealModeHarness();
        h.cpu.setSegmentCache(Cpu.DS, 0, 0, -1, 0xCF9300);
        h.code("mov $0x1000,%ax\n mov %ax,%ds").run();
        assertEquals(0x1000, h.cpu.segSelector(Cpu.DS));
        assertEquals(0x10000, h.cpu.segBase(Cpu.DS));
        assertEquals(-1, h.cpu.segLimit(Cpu.DS));
        assertEquals(0xCF9300, h.cpu.segFlags(Cpu.DS));
    }

    @Test
    void unrealModeKeepsTheProtectedModeLimitForThirtyTwoBitOffsets() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write32(0x200000, 0xCAFEF00D);
        h.code(UNREAL + " mov $0x200000,%esi\n mov (%esi),%ecx").run();
        assertEquals(-1, h.vector());
        assertEquals(0xCAFEF00D, h.reg(Cpu.ECX));
        assertEquals(OperatingMode.REAL, h.cpu.operatingMode());
        assertEquals(0, h.cpu.segBase(Cpu.DS));
    }

    @Test
    void anOffsetBeyondTheSixtyFourKilobyteLimitIsGpThroughTheIvt() {
        RealModeHarness h = new RealModeHarness();
        h.code("mov $0x200000,%esi\nfault: mov (%esi),%ecx").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stackWord(0));
        assertEquals(RealModeHarness.STACK - 6, h.reg(Cpu.ESP)); // IP, CS, FLAGS: no error code
    }

    @Test
    void aWordAtOffsetFfffCrossesTheLimit() {
        RealModeHarness h = new RealModeHarness().code("fault: mov 0xffff,%ax").run();
        assertEquals(CpuException.GP, h.vector());
    }

    @Test
    void dataWritesThroughCsAreAllowed() {
        RealModeHarness h = new RealModeHarness().code("movw $0x4321,%cs:0x900\n mov %cs:0x900,%dx").run();
        assertEquals(-1, h.vector());
        assertEquals(0x4321, h.reg(Cpu.EDX) & 0xFFFF);
    }

    @Test
    void intPushesFlagsCsAndIpAndClearsIfAndTf() {
        RealModeHarness h = new RealModeHarness().code("sti\n int $0x40\nafter: hlt\nhandler: hlt");
        h.ivt(0x40, 0x07C0, h.label("handler") - 0x7C00);
        h.run();
        assertEquals(h.label("handler") - 0x7C00, h.cpu.eip() - 1);
        assertEquals(0x07C0, h.cpu.segSelector(Cpu.CS));
        assertEquals(0x7C00, h.cpu.segBase(Cpu.CS));
        assertEquals(h.label("after"), h.stackWord(0));
        assertEquals(0, h.stackWord(1));
        assertTrue((h.stackWord(2) & Cpu.IF) != 0);
        assertEquals(0, h.cpu.eflags() & (Cpu.IF | Cpu.TF));
        assertEquals(RealModeHarness.STACK - 6, h.reg(Cpu.ESP));
    }

    @Test
    void iretReturnsToIpAndCsAndRestoresFlags() {
        RealModeHarness h = new RealModeHarness().code("sti\n int $0x40\n pushf\n pop %dx\n hlt\nhandler: iret");
        h.ivt(0x40, 0, h.label("handler"));
        h.run();
        assertEquals(-1, h.vector());
        assertTrue((h.reg(Cpu.EDX) & Cpu.IF) != 0);
        assertEquals(RealModeHarness.STACK, h.reg(Cpu.ESP));
        assertEquals(0, h.cpu.segSelector(Cpu.CS));
    }

    @Test
    void aDivideErrorGoesThroughTheIvtWithTheFaultingIp() {
        RealModeHarness h = new RealModeHarness().code("xor %bl,%bl\nfault: div %bl").run();
        assertEquals(CpuException.DE, h.vector());
        assertEquals(h.label("fault"), h.stackWord(0));
    }

    @Test
    void anUndefinedOpcodeGoesThroughTheIvt() {
        RealModeHarness h = new RealModeHarness().code("fault: ud2").run();
        assertEquals(CpuException.UD, h.vector());
        assertEquals(h.label("fault"), h.stackWord(0));
    }

    @Test
    void aVectorBeyondTheIdtrLimitShutsTheCpuDown() {
        RealModeHarness h = new RealModeHarness().code("int $0x40");
        h.cpu.setIdtr(0, 0);
        h.run();
        assertTrue(h.cpu.shutdown());
    }

    @Test
    void aFarCallPushesCsAndIpAndRetfPopsThem() {
        RealModeHarness h = new RealModeHarness().code("lcall $0x07c0,$target-0x7c00\n jmp done\ntarget: mov %cs,%bx\n mov %sp,%cx\n lret\ndone: hlt");
        h.run();
        assertEquals(0x07C0, h.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(RealModeHarness.STACK - 4, h.reg(Cpu.ECX) & 0xFFFF);
        assertEquals(0, h.cpu.segSelector(Cpu.CS));
        assertEquals(RealModeHarness.STACK, h.reg(Cpu.ESP));
        assertEquals(h.label("done") + 1, h.cpu.eip());
    }

    @Test
    void aFarJumpLoadsCsAsSixteenTimesTheSelector() {
        RealModeHarness h = new RealModeHarness().code("ljmp $0x07b0,$target-0x7b00\ntarget: mov %cs,%ax").run();
        assertEquals(0x07B0, h.cpu.segSelector(Cpu.CS));
        assertEquals(0x7B00, h.cpu.segBase(Cpu.CS));
        assertEquals(0xFFFF, h.cpu.segLimit(Cpu.CS));
        assertEquals(0x07B0, h.reg(Cpu.EAX) & 0xFFFF);
    }

    @Test
    void settingPeAndAFarJumpEnterProtectedModeAndClearingItReturns() {
        RealModeHarness h = new RealModeHarness().code("mov %cr0,%eax\n or $1,%al\n mov %eax,%cr0\n ljmp $0x08,$pm\n"
                + ".code32\npm: mov $0x10,%ax\n mov %ax,%ds\n movl $0x12345678,0x300000\n ljmp $0x30,$back16\n"
                + ".code16\nback16: mov $0x38,%ax\n mov %ax,%ds\n mov %cr0,%eax\n and $0xfe,%al\n mov %eax,%cr0\n"
                + " ljmp $0,$real\nreal: xor %ax,%ax\n mov %ax,%ds\n mov %cs,%bx");
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(0x12345678, h.pm.mem.read32(0x300000));
        assertEquals(OperatingMode.REAL, h.cpu.operatingMode());
        assertEquals(0, h.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0, h.cpu.segBase(Cpu.CS));
        assertEquals(0xFFFF, h.cpu.segLimit(Cpu.DS));
    }

    @Test
    void lmswSetsPe() {
        RealModeHarness h = new RealModeHarness().code("mov $1,%ax\n lmsw %ax").run();
        assertEquals(OperatingMode.PROTECTED, h.cpu.operatingMode());
    }

    @Test
    void lmswCannotClearPe() {
        RealModeHarness h = new RealModeHarness().code("mov %cr0,%eax\n or $1,%al\n mov %eax,%cr0\n xor %ax,%ax\n lmsw %ax").run();
        assertEquals(Cpu.CR0_PE, h.cpu.cr0() & Cpu.CR0_PE);
    }

    @Test
    void selectorZeroLoadedInRealModeStaysUsableInProtectedMode() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write16(0x900, 0x5A5A);
        h.code("xor %ax,%ax\n mov %ax,%ds\n mov %cr0,%eax\n or $1,%al\n mov %eax,%cr0\n mov 0x900,%bx").run();
        assertFalse(h.cpu.shutdown());
        assertEquals(0x5A5A, h.reg(Cpu.EBX) & 0xFFFF);
    }

    @Test
    void descriptorTableQueriesAreUndefinedInRealMode() {
        RealModeHarness h = new RealModeHarness().code("fault: sldt %ax").run();
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void arplIsUndefinedInRealMode() {
        RealModeHarness h = new RealModeHarness().code("fault: arpl %ax,%bx").run();
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void ipWrapsFromFfffToZero() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write8(0x1FFFF, 0x90); // nop at 1000:FFFF
        h.pm.mem.write8(0x10000, 0xF4); // hlt at 1000:0000
        h.cpu.setRealModeSegment(Cpu.CS, 0x1000);
        h.cpu.setEip(0xFFFF);
        h.run();
        assertTrue(h.cpu.halted());
        assertEquals(1, h.cpu.eip());
        assertEquals(-1, h.vector());
    }

    @Test
    void ipWrapsInsideALoopThatRunsOffTheSegmentEnd() {
        RealModeHarness h = new RealModeHarness();
        // 1000:FFFD: inc %bx ; inc %bx ; inc %bx (wraps) ; 1000:0000: dec %cx ; jnz to FFFD ; hlt
        int[] tail = {0x43, 0x43, 0x43};
        for (int k = 0; k < 3; k++) h.pm.mem.write8(0x1FFFD + k, tail[k]);
        int[] head = {0x49, 0x75, 0xFA, 0xF4}; // dec %cx ; jnz -6 (0x0003 - 6 = 0xFFFD) ; hlt
        for (int k = 0; k < head.length; k++) h.pm.mem.write8(0x10000 + k, head[k]);
        h.cpu.setRealModeSegment(Cpu.CS, 0x1000);
        h.cpu.setEip(0xFFFD);
        h.cpu.setReg(Cpu.ECX, 100);
        h.run();
        assertEquals(300, h.reg(Cpu.EBX));
        assertEquals(4, h.cpu.eip());
    }

    @Test
    void aSixteenBitStackWrapsSpAndKeepsTheHighHalfOfEsp() {
        RealModeHarness h = new RealModeHarness().code("mov $0x1234,%ax\n push %ax");
        h.cpu.setReg(Cpu.ESP, 0xABCD0000);
        h.run();
        assertEquals(0xABCDFFFE, h.reg(Cpu.ESP));
        assertEquals(0x1234, h.pm.mem.read16(0xFFFE));
    }

    @Test
    void aBigStackSegmentUsesEsp() {
        RealModeHarness h = new RealModeHarness().code("mov $0x1234,%ax\n push %ax");
        h.cpu.setSegmentCache(Cpu.SS, 0, 0, -1, 0xCF9300);
        h.cpu.setReg(Cpu.ESP, 0x20000);
        h.run();
        assertEquals(0x1FFFE, h.reg(Cpu.ESP));
        assertEquals(0x1234, h.pm.mem.read16(0x1FFFE));
    }

    @Test
    void repMovsbUsesCxSiDiWithSixteenBitAddresses() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write32(0x1000, 0x44332211);
        h.code("cld\n rep movsb");
        h.cpu.setReg(Cpu.ECX, 0xABCD0004);
        h.cpu.setReg(Cpu.ESI, 0x55551000);
        h.cpu.setReg(Cpu.EDI, 0x66662000);
        h.run();
        assertEquals(0x44332211, h.pm.mem.read32(0x2000));
        assertEquals(0xABCD0000, h.reg(Cpu.ECX));
        assertEquals(0x55551004, h.reg(Cpu.ESI));
        assertEquals(0x66662004, h.reg(Cpu.EDI));
    }

    @Test
    void anAddressSizePrefixMakesRepMovsbUseEcxEsiEdi() {
        RealModeHarness h = new RealModeHarness();
        h.pm.mem.write32(0x1000, 0x44332211);
        h.code("cld\n addr32 rep movsb");
        h.cpu.setReg(Cpu.ECX, 4);
        h.cpu.setReg(Cpu.ESI, 0x1000);
        h.cpu.setReg(Cpu.EDI, 0x2000);
        h.run();
        assertEquals(0x44332211, h.pm.mem.read32(0x2000));
        assertEquals(0, h.reg(Cpu.ECX));
        assertEquals(0x1004, h.reg(Cpu.ESI));
    }

    @Test
    void loopCountsCx() {
        RealModeHarness h = new RealModeHarness().code("xor %bx,%bx\n1: inc %bx\n loop 1b");
        h.cpu.setReg(Cpu.ECX, 0x10003);
        h.run();
        assertEquals(3, h.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x10000, h.reg(Cpu.ECX));
    }

    @Test
    void jcxzTestsCx() {
        RealModeHarness h = new RealModeHarness().code("mov $1,%bx\n jcxz 1f\n mov $2,%bx\n1: nop");
        h.cpu.setReg(Cpu.ECX, 0x10000);
        h.run();
        assertEquals(1, h.reg(Cpu.EBX));
    }

    @Test
    void pushaAndPopaMoveEightWords() {
        RealModeHarness h = new RealModeHarness().code("mov $7,%di\n pusha\n mov %sp,0x900\n xor %di,%di\n popa");
        h.run();
        assertEquals(RealModeHarness.STACK - 16, h.pm.mem.read16(0x900));
        assertEquals(7, h.reg(Cpu.EDI));
        assertEquals(RealModeHarness.STACK, h.reg(Cpu.ESP));
    }

    @Test
    void pushfAndPopfMoveOneWord() {
        RealModeHarness h = new RealModeHarness().code("stc\n pushf\n mov %sp,%dx\n clc\n popf").run();
        assertEquals(RealModeHarness.STACK - 2, h.reg(Cpu.EDX));
        assertTrue((h.cpu.eflags() & Cpu.CF) != 0);
    }

    @Test
    void segmentRegistersArePushedAndPoppedAsWords() {
        RealModeHarness h = new RealModeHarness().code("mov $0x2000,%ax\n mov %ax,%es\n push %es\n mov %sp,%dx\n pop %ds").run();
        assertEquals(RealModeHarness.STACK - 2, h.reg(Cpu.EDX));
        assertEquals(0x20000, h.cpu.segBase(Cpu.DS));
    }

    @Test
    void enterAndLeaveUseBpAndSp() {
        RealModeHarness h = new RealModeHarness().code("mov $0x1111,%bp\n enter $4,$0\n mov %bp,%dx\n mov %sp,%cx\n leave").run();
        assertEquals(RealModeHarness.STACK - 2, h.reg(Cpu.EDX));
        assertEquals(RealModeHarness.STACK - 6, h.reg(Cpu.ECX));
        assertEquals(0x1111, h.reg(Cpu.EBP));
        assertEquals(RealModeHarness.STACK, h.reg(Cpu.ESP));
    }

    @Test
    void nearCallPushesAWordAndRetPopsIt() {
        RealModeHarness h = new RealModeHarness().code("call f\n jmp done\nf: mov %sp,%dx\n ret\ndone: hlt").run();
        assertEquals(RealModeHarness.STACK - 2, h.reg(Cpu.EDX));
        assertEquals(RealModeHarness.STACK, h.reg(Cpu.ESP));
        assertEquals(h.label("done") + 1, h.cpu.eip());
    }

    @Test
    void anOperandSizePrefixPushesADword() {
        RealModeHarness h = new RealModeHarness().code("mov $0x12345678,%eax\n push %eax").run();
        assertEquals(RealModeHarness.STACK - 4, h.reg(Cpu.ESP));
        assertEquals(0x12345678, h.pm.mem.read32(RealModeHarness.STACK - 4));
    }

    @Test
    void theSameBytesRunAsSixteenAndAsThirtyTwoBitCode() {
        RealModeHarness h = new RealModeHarness();
        int[] b = {0xB8, 0x78, 0x56, 0x34, 0x12, 0xF4}; // 32-bit: mov $0x12345678,%eax ; 16-bit: mov $0x5678,%ax ; xor $0x12,%al
        for (int k = 0; k < b.length; k++) h.pm.mem.write8(RealModeHarness.CODE + k, b[k]);
        for (int pass = 0; pass < 2; pass++) {
            h.cpu.setReg(Cpu.EAX, 0);
            h.cpu.setRealModeSegment(Cpu.CS, 0);
            h.cpu.setSegmentCache(Cpu.CS, 0, 0, 0xFFFF, 0x9B00);
            h.cpu.setEip(RealModeHarness.CODE);
            h.cpu.halted = false;
            h.run();
            assertEquals(0x566A, h.reg(Cpu.EAX));
            h.cpu.setReg(Cpu.EAX, 0);
            h.cpu.setSegmentCache(Cpu.CS, 0, 0, 0xFFFF, 0x409B00);
            h.cpu.setEip(RealModeHarness.CODE);
            h.cpu.halted = false;
            h.run();
            assertEquals(0x12345678, h.reg(Cpu.EAX));
        }
    }

    @Test
    void aHardwareInterruptGoesThroughTheIvt() {
        RealModeHarness h = new RealModeHarness().code("sti\n nop\n nop\n hlt");
        h.cpu.setInterruptSource(new InterruptSource() {
            private boolean pending = true;

            @Override public boolean hasInterrupt() { return pending; }

            @Override public int acknowledge() {
                pending = false;
                return 0x08;
            }
        });
        h.run();
        assertEquals(0x08, h.vector());
        assertEquals(0, h.cpu.eflags() & Cpu.IF);
    }
}
