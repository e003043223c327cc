package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.RING3;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** System instructions: privilege checks, control-register rules, MSRs, CPUID (SDM vol. 2 and 3). */
class SystemInstructionTest {
    private static void assertGpAt(CpuHarness h, int err) {
        assertEquals(CpuException.GP, h.vector());
        assertEquals(err, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void lgdtThenSgdtRoundTrips() {
        CpuHarness h = new CpuHarness().code("jmp 1f\nsrc: .word 0x2f\n .long 0x1000\ndst: .skip 6\n1: lgdt src\n sgdt dst\n mov dst+2,%eax\n movzwl dst,%ebx").run();
        assertEquals(0x1000, h.reg(Cpu.EAX));
        assertEquals(0x2f, h.reg(Cpu.EBX));
    }

    @Test
    void sgdtIsAllowedAtCpl3() {
        CpuHarness h = new CpuHarness().code(RING3 + "sgdt 0x80000\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(CpuHarness.GDT, h.mem.read32(0x80002));
    }

    @Test
    void lgdtAtCpl3IsGpZero() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: lgdt 0x80000").run();
        assertGpAt(h, 0);
    }

    @Test
    void strAndSldtReadTheSelectors() {
        CpuHarness h = new CpuHarness().code("str %eax\n sldt %ebx").run();
        assertEquals(0x28, h.reg(Cpu.EAX));
        assertEquals(0, h.reg(Cpu.EBX));
    }

    @Test
    void ltrOfTheBusyTssIsGpWithTheSelector() {
        CpuHarness h = new CpuHarness().code("mov $0x28,%ax\nfault: ltr %ax").run();
        assertGpAt(h, 0x28);
    }

    @Test
    void ltrMarksTheTssBusy() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0x3000, 0x67, 0x89, 0)).code("mov $0x30,%ax\n ltr %ax").run();
        assertEquals(-1, h.vector());
        assertEquals(0x8B, (h.mem.read32(CpuHarness.GDT + 0x30 + 4) >>> 8) & 0xFF);
    }

    @Test
    void ltrOfADataSegmentIsGp() {
        CpuHarness h = new CpuHarness().code("mov $0x10,%ax\nfault: ltr %ax").run();
        assertGpAt(h, 0x10);
    }

    @Test
    void lldtOfTheNullSelectorIsAllowed() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n lldt %ax\n sldt %ebx").run();
        assertEquals(-1, h.vector());
        assertEquals(0, h.reg(Cpu.EBX));
    }

    @Test
    void lmswCannotClearPe() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n lmsw %ax\n mov %cr0,%ebx").run();
        assertEquals(Cpu.CR0_PE, h.reg(Cpu.EBX) & Cpu.CR0_PE);
    }

    @Test
    void movToCr0ClearingPeEntersRealMode() {
        CpuHarness h = new CpuHarness().code("mov %cr0,%eax\n and $-2,%eax\n mov %eax,%cr0").run();
        assertEquals(-1, h.vector());
        assertEquals(0, h.cpu.cr0() & Cpu.CR0_PE);
        assertEquals(OperatingMode.REAL, h.cpu.operatingMode());
    }

    @Test
    void movToCr0WithPgButNotPeIsGp() {
        CpuHarness h = new CpuHarness().code("mov $0x80000000,%eax\nfault: mov %eax,%cr0").run();
        assertGpAt(h, 0);
    }

    @Test
    void movToCr4WithAReservedBitIsGp() {
        CpuHarness h = new CpuHarness().code("mov $0x100000,%eax\nfault: mov %eax,%cr4").run();
        assertGpAt(h, 0);
    }

    @Test
    void movCr2RoundTrips() {
        CpuHarness h = new CpuHarness().code("mov $0x1234,%eax\n mov %eax,%cr2\n mov %cr2,%ebx").run();
        assertEquals(0x1234, h.reg(Cpu.EBX));
    }

    @Test
    void cr3WriteEnablesTheNewPageDirectory() {
        CpuHarness h = new CpuHarness().paging().code("mov %cr3,%eax\n mov %eax,%cr3\n mov %cr3,%ebx").run();
        assertEquals(CpuHarness.PAGE_DIR, h.reg(Cpu.EBX));
    }

    @Test
    void debugRegister4WithDeIsUd() {
        CpuHarness h = new CpuHarness().code("mov $8,%eax\n mov %eax,%cr4\nfault: .byte 0x0f,0x21,0xe0").run(); // mov %dr4,%eax
        assertEquals(CpuException.UD, h.vector());
        assertEquals(h.label("fault"), h.stack(0));
    }

    @Test
    void debugRegister4WithoutDeAliasesDr6() {
        CpuHarness h = new CpuHarness().code(".byte 0x0f,0x21,0xe0").run(); // mov %dr4,%eax
        assertEquals(0xFFFF0FF0, h.reg(Cpu.EAX));
    }

    @Test
    void rdmsrOfAnUnknownMsrIsGp() {
        CpuHarness h = new CpuHarness().code("mov $0x1b,%ecx\nfault: rdmsr").run();
        assertGpAt(h, 0);
    }

    @Test
    void rdmsrAtCpl3IsGp() {
        CpuHarness h = new CpuHarness().code(RING3 + "mov $0x10,%ecx\nfault: rdmsr").run();
        assertGpAt(h, 0);
    }

    @Test
    void wrmsrOfEferWithLongModeEnableIsGp() {
        CpuHarness h = new CpuHarness().code("mov $0xc0000080,%ecx\n mov $0x100,%eax\n xor %edx,%edx\nfault: wrmsr").run();
        assertGpAt(h, 0);
    }

    @Test
    void tscWriteThenReadContinuesFromTheWrittenValue() {
        CpuHarness h = new CpuHarness().code("mov $0x10,%ecx\n xor %eax,%eax\n mov $5,%edx\n wrmsr\n rdtsc").run();
        assertEquals(5, h.reg(Cpu.EDX));
        assertEquals(true, Integer.compareUnsigned(h.reg(Cpu.EAX), 100) < 0, "a few instructions later");
    }

    @Test
    void rdtscAtCpl3WithTsdIsGp() {
        CpuHarness h = new CpuHarness().code("mov $4,%eax\n mov %eax,%cr4\n" + RING3 + "fault: rdtsc").run();
        assertGpAt(h, 0);
    }

    @Test
    void cpuidLeafZeroIsGenuineIntel() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n cpuid").run();
        assertEquals(1, h.reg(Cpu.EAX));
        assertEquals(0x756E6547, h.reg(Cpu.EBX));
        assertEquals(0x49656E69, h.reg(Cpu.EDX));
        assertEquals(0x6C65746E, h.reg(Cpu.ECX));
    }

    @Test
    void cpuidLeafOneReportsPseTscMsrPaeCx8PgeCmov() {
        CpuHarness h = new CpuHarness().code("mov $1,%eax\n cpuid").run();
        int want = 1 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 8 | 1 << 13 | 1 << 15;
        assertEquals(want, h.reg(Cpu.EDX) & want);
        assertEquals(0, h.reg(Cpu.EDX) & (1 << 11 | 1 << 9 | 1 << 23 | 1 << 24), "no SEP, APIC, MMX, FXSR");
    }

    @Test
    void invlpgAtCpl3IsGp() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: invlpg 0x80000").run();
        assertGpAt(h, 0);
    }

    @Test
    void x87ProbeSequenceSeesAnFpu() {
        CpuHarness h = new CpuHarness().code("fninit\n movw $0x5a5a,0x80000\n fnstsw 0x80000\n fnstcw 0x80002\n movzwl 0x80000,%eax\n movzwl 0x80002,%ebx").run();
        assertEquals(0, h.reg(Cpu.EAX));
        assertEquals(0x37F, h.reg(Cpu.EBX));
    }
}
