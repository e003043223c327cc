package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.RING3;
import static i386mon.machine.cpu.CpuHarness.descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** Segment bases, limits, expand-down segments, null selectors and LAR/LSL/VERR/VERW (SDM vol. 3, 5.3-5.6). */
class SegmentationTest {
    /** GDT index 6 (selector 0x30): byte-granular 32-bit data at 0x80000, limit 0xFF. */
    private static CpuHarness smallSegment() {
        return new CpuHarness().gdt(6, descriptor(0x80000, 0xFF, 0x92, 0x4));
    }

    @Test
    void accessWithinTheLimitAddsTheBase() {
        CpuHarness h = smallSegment().code("mov $0x30,%ax\n mov %ax,%es\n movl $0x1234,%es:0xFC\n mov %es:0xFC,%ebx").run();
        assertEquals(-1, h.vector());
        assertEquals(0x1234, h.mem.read32(0x800FC));
        assertEquals(0x1234, h.reg(Cpu.EBX));
    }

    @Test
    void accessCrossingTheLimitIsGpZero() {
        CpuHarness h = smallSegment().code("mov $0x30,%ax\n mov %ax,%es\nfault: movl $1,%es:0xFD").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0, h.mem.read32(0x800FC));
    }

    @Test
    void stackAccessBeyondTheSsLimitIsSsZero() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0x70000, 0xFFF, 0x92, 0x4))
                .code("mov $0x30,%ax\n mov %ax,%ss\n mov $0x1000,%esp\n xor %eax,%eax\nfault: mov %ss:0x1000,%eax").run();
        assertEquals(CpuException.SS, h.vector());
        assertEquals(0x70000, h.cpu.segBase(Cpu.SS));
        assertEquals(0x1000 - 16, h.reg(Cpu.ESP));
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(h.label("fault"), h.mem.read32(0x70000 + 0x1000 - 12), "the frame went through the SS base");
    }

    @Test
    void pushBelowAnSsBaseUsesTheBase() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0x70000, 0xFFF, 0x92, 0x4))
                .code("mov $0x30,%ax\n mov %ax,%ss\n mov $0x1000,%esp\n push $0x55").run();
        assertEquals(-1, h.vector());
        assertEquals(0x55, h.mem.read32(0x70FFC));
    }

    @Test
    void expandDownSegmentAllowsOffsetsAboveTheLimit() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0, 0xFFF, 0x96, 0x4))
                .code("mov $0x30,%ax\n mov %ax,%es\n movl $0x77,%es:0x80000").run();
        assertEquals(-1, h.vector());
        assertEquals(0x77, h.mem.read32(0x80000));
    }

    @Test
    void expandDownSegmentRejectsOffsetsAtOrBelowTheLimit() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0, 0xFFF, 0x96, 0x4))
                .code("mov $0x30,%ax\n mov %ax,%es\nfault: movl $0x77,%es:0xFFE").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void expandDownSixteenBitSegmentEndsAt64KiB() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0, 0xFFF, 0x96, 0x0))
                .code("mov $0x30,%ax\n mov %ax,%es\n movl $1,%es:0xFFFC\nfault: movl $1,%es:0xFFFE").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void nullSelectorLoadsIntoDsButAccessIsGpZero() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n mov %ax,%ds\nfault: mov 0x80000,%ebx").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void nullSelectorIntoSsIsGpZero() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\nfault: mov %ax,%ss").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void loadingACodeSegmentThatIsNotReadableIntoDsIsGp() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0, 0xFFFFF, 0x98, 0xC))
                .code("mov $0x30,%ax\nfault: mov %ax,%ds").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x30, h.stack(0));
    }

    @Test
    void loadingAReadableCodeSegmentIntoDsAllowsReadsButNotWrites() {
        CpuHarness h = new CpuHarness().code("mov $0x08,%ax\n mov %ax,%ds\n mov 0x80000,%ebx\nfault: mov %ebx,0x80000").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void ring3CannotLoadARing0DataSegment() {
        CpuHarness h = new CpuHarness().code(RING3 + "mov $0x13,%ax\nfault: mov %ax,%ds").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x10, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void loadSetsTheAccessedBitInTheDescriptor() {
        CpuHarness h = smallSegment().code("mov $0x30,%ax\n mov %ax,%es").run();
        assertTrue((h.mem.read32(CpuHarness.GDT + 0x30 + 4) & 0x100) != 0);
    }

    @Test
    void larReturnsTheAccessRightsAndSetsZf() {
        CpuHarness h = new CpuHarness().code("mov $0x10,%ecx\n lar %ecx,%eax").run();
        assertTrue(h.flag(Cpu.ZF));
        assertEquals(0x00C09200, h.reg(Cpu.EAX), "bits 19:16 (limit) are undefined: clear, as QEMU does");
    }

    @Test
    void larOfTheBusyTssShowsItsType() {
        CpuHarness h = new CpuHarness().code("mov $0x28,%ecx\n lar %ecx,%eax").run();
        assertTrue(h.flag(Cpu.ZF));
        assertEquals(0x00008B00, h.reg(Cpu.EAX));
    }

    @Test
    void larBeyondTheGdtClearsZfAndKeepsTheDestination() {
        CpuHarness h = new CpuHarness().code("mov $0x400,%ecx\n mov $0x99,%eax\n cmp %eax,%eax\n lar %ecx,%eax").run();
        assertFalse(h.flag(Cpu.ZF));
        assertEquals(0x99, h.reg(Cpu.EAX));
    }

    @Test
    void larAtCpl3OfARing0SegmentClearsZf() {
        CpuHarness h = new CpuHarness().code(RING3 + "mov $0x10,%ecx\n mov $0x99,%eax\n cmp %eax,%eax\n lar %ecx,%eax\n pushf\n pop %edx\n int $0x80").run();
        assertEquals(0, h.reg(Cpu.EDX) & Cpu.ZF);
        assertEquals(0x99, h.reg(Cpu.EAX));
    }

    @Test
    void lslReturnsTheScaledLimit() {
        CpuHarness h = new CpuHarness().code("mov $0x10,%ecx\n lsl %ecx,%eax").run();
        assertTrue(h.flag(Cpu.ZF));
        assertEquals(0xFFFFFFFF, h.reg(Cpu.EAX));
    }

    @Test
    void lslOfTheTssReturnsItsByteLimit() {
        CpuHarness h = new CpuHarness().code("mov $0x28,%ecx\n lsl %ecx,%eax").run();
        assertTrue(h.flag(Cpu.ZF));
        assertEquals(0x67, h.reg(Cpu.EAX));
    }

    @Test
    void lslOfACallGateClearsZf() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.callGate(0x08, 0x10000, 3, 0))
                .code("mov $0x30,%ecx\n mov $0x99,%eax\n lar %ecx,%ebx\n lsl %ecx,%eax").run();
        assertFalse(h.flag(Cpu.ZF));
        assertEquals(0x99, h.reg(Cpu.EAX));
        assertEquals(0x0000EC00, h.reg(Cpu.EBX), "LAR does accept a call gate (offset bits 19:16 masked)");
    }

    @Test
    void verrOfReadableCodeSetsZf() {
        CpuHarness h = new CpuHarness().code("mov $0x08,%ecx\n verr %cx").run();
        assertTrue(h.flag(Cpu.ZF));
    }

    @Test
    void verwOfCodeClearsZf() {
        CpuHarness h = new CpuHarness().code("mov $0x08,%ecx\n cmp %eax,%eax\n verw %cx").run();
        assertFalse(h.flag(Cpu.ZF));
    }

    @Test
    void verwOfWritableDataSetsZf() {
        CpuHarness h = new CpuHarness().code("mov $0x10,%ecx\n verw %cx").run();
        assertTrue(h.flag(Cpu.ZF));
    }

    @Test
    void verrOfTheNullSelectorClearsZf() {
        CpuHarness h = new CpuHarness().code("xor %ecx,%ecx\n cmp %eax,%eax\n verr %cx").run();
        assertFalse(h.flag(Cpu.ZF));
    }

    @Test
    void verrOfExecuteOnlyCodeClearsZf() {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(0, 0xFFFFF, 0x98, 0xC)).code("mov $0x30,%ecx\n cmp %eax,%eax\n verr %cx").run();
        assertFalse(h.flag(Cpu.ZF));
    }
    /** GDT index 6 (selector 0x30): 32-bit code at base CODE with limit 0xFFF; the snippet jumps into it at {@code entry}. */
    private static CpuHarness smallCodeSegment(String body) {
        CpuHarness h = new CpuHarness().gdt(6, descriptor(CpuHarness.CODE, 0xFFF, 0x9A, 0x4));
        return h.code("ljmp $0x30,$(entry - " + CpuHarness.CODE + ")\nentry: " + body);
    }

    @Test
    void nearJumpBeyondTheCsLimitFaultsAtTheJump() {
        CpuHarness h = smallCodeSegment("mov $0x2000,%eax\nfault: jmp *%eax").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault") - CpuHarness.CODE, h.stack(1), "EIP of the JMP, as an offset in the small segment");
        assertEquals(0x30, h.stack(2));
    }

    @Test
    void nearCallBeyondTheCsLimitFaultsAtTheCallWithNothingPushed() {
        CpuHarness h = smallCodeSegment("mov $0x2000,%eax\nfault: call *%eax").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault") - CpuHarness.CODE, h.stack(1));
        assertEquals(CpuHarness.STACK_TOP - 16, h.reg(Cpu.ESP), "only the exception frame");
    }

    @Test
    void codeInASmallSegmentRunsAtItsOffsets() {
        CpuHarness h = smallCodeSegment("call 1f\n1: pop %eax\n mov %cs,%ebx").run();
        assertEquals(-1, h.vector());
        assertEquals(h.label("entry") - CpuHarness.CODE + 5, h.reg(Cpu.EAX));
        assertEquals(0x30, h.reg(Cpu.EBX));
    }
}
