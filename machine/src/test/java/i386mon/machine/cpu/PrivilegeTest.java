package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.RING0_STACK_TOP;
import static i386mon.machine.cpu.CpuHarness.RING3;
import static i386mon.machine.cpu.CpuHarness.RING3_STACK_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Privilege changes: the ring-3 to ring-0 interrupt frame on the TSS stack, IRET back, call gates,
 * and the CPL 3 rules for privileged and IOPL-sensitive instructions (SDM vol. 3, 5.8, 6.12).
 */
class PrivilegeTest {
    /** Ring-3 code reaches the DPL-3 gate 0x80 and its stub with this frame. */
    private static void assertRing3Frame(CpuHarness h, int eip, int esp) {
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(RING0_STACK_TOP - 20, h.reg(Cpu.ESP));
        assertEquals(eip, h.stack(0), "EIP");
        assertEquals(0x1b, h.stack(1), "CS");
        assertEquals(esp, h.stack(3), "ESP");
        assertEquals(0x23, h.stack(4), "SS");
    }

    @Test
    void ring3EntryByIretLoadsCplThree() {
        CpuHarness h = new CpuHarness().code(RING3 + "mov %cs,%eax\n mov %ss,%ebx\n mov %esp,%ecx\n int $0x80");
        h.run();
        assertEquals(0x1b, h.reg(Cpu.EAX));
        assertEquals(0x23, h.reg(Cpu.EBX));
        assertEquals(RING3_STACK_TOP, h.reg(Cpu.ECX));
    }

    @Test
    void interruptFromRing3PushesSsEspEflagsCsEipOnTheTssStack() {
        CpuHarness h = new CpuHarness().code(RING3 + "xor %eax,%eax\n push %eax\n int $0x80\nafter: nop").run();
        assertRing3Frame(h, h.label("after"), RING3_STACK_TOP - 4);
        assertEquals(0x46, h.stack(2), "EFLAGS");
        assertEquals(0, h.cpu.cpl());
        assertEquals(0x08, h.cpu.segSelector(Cpu.CS));
        assertEquals(0x10, h.cpu.segSelector(Cpu.SS));
    }

    @Test
    void exceptionFromRing3PushesTheErrorCodeBelowTheFrame() {
        CpuHarness h = new CpuHarness().code(RING3 + "xor %eax,%eax\nfault: hlt").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(RING0_STACK_TOP - 24, h.reg(Cpu.ESP));
        assertEquals(0, h.stack(0), "error code");
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x1b, h.stack(2));
        assertEquals(0x46, h.stack(3));
        assertEquals(RING3_STACK_TOP, h.stack(4));
        assertEquals(0x23, h.stack(5));
    }

    @Test
    void iretBackToRing3RestoresSsEspAndCpl() {
        CpuHarness h = new CpuHarness().code("jmp start\nhandler: mov %esp,%edi\n iret\nstart: "
                + RING3 + "push $5\n mov %esp,%ebx\n int $0x81\n mov %esp,%ecx\n mov %ss,%edx\n int $0x80\nend: nop");
        h.setGate(0x81, h.label("handler"), 3).run();
        assertEquals(RING0_STACK_TOP - 20, h.reg(Cpu.EDI), "the handler ran on the ring-0 stack");
        assertEquals(h.reg(Cpu.EBX), h.reg(Cpu.ECX), "ESP restored");
        assertEquals(0x23, h.reg(Cpu.EDX));
        assertRing3Frame(h, h.label("end"), RING3_STACK_TOP - 4);
    }

    @Test
    void iretToRing3NullsDataSegmentsOfALowerDpl() {
        CpuHarness h = new CpuHarness().code("jmp start\nhandler: mov $0x10,%ax\n mov %ax,%ds\n mov %ax,%fs\n iret\nstart: "
                + RING3 + "int $0x81\n mov %ds,%esi\n mov %fs,%edi\n mov %es,%ebx\n mov %gs,%ebp\n int $0x80");
        h.setGate(0x81, h.label("handler"), 3).run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0, h.reg(Cpu.ESI), "DS (DPL 0) nulled");
        assertEquals(0, h.reg(Cpu.EDI), "FS (DPL 0) nulled");
        assertEquals(0x23, h.reg(Cpu.EBX), "ES (DPL 3) kept");
        assertEquals(0x23, h.reg(Cpu.EBP), "GS (DPL 3) kept");
    }

    @Test
    void accessThroughANulledDataSegmentIsGpZero() {
        CpuHarness h = new CpuHarness().code("jmp start\nhandler: mov $0x10,%ax\n mov %ax,%ds\n iret\nstart: "
                + RING3 + "int $0x81\nfault: mov 0x80000,%eax\n int $0x80");
        h.setGate(0x81, h.label("handler"), 3).run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void intFromRing3ThroughADplZeroGateIsGpWithTheIdtSelector() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: int $0x40").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x40 * 8 + 2, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x1b, h.stack(2));
    }

    @Test
    void int3FromRing3ThroughADplZeroGateIsGp() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: int3").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(3 * 8 + 2, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void int1FromRing3IgnoresTheGateDpl() {
        CpuHarness h = new CpuHarness().code(RING3 + ".byte 0xf1\nafter: nop").run();
        assertEquals(CpuException.DB, h.vector());
        assertEquals(h.label("after"), h.stack(0));
        assertEquals(0x1b, h.stack(1));
    }

    @Test
    void hltAtCpl3IsGpZero() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: hlt").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void cliAtCpl3WithIoplZeroIsGpZero() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: cli").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void cliAtCpl3WithIoplThreeIsAllowed() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x3200,(%esp)\n popf\n" + RING3 + "cli\n pushf\n pop %eax\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0, h.reg(Cpu.EAX) & Cpu.IF);
    }

    @Test
    void movToCr0AtCpl3IsGpZero() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: mov %eax,%cr0").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void movFromCr3AtCpl3IsGpZero() {
        CpuHarness h = new CpuHarness().code(RING3 + "fault: mov %cr3,%eax").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void popfAtCpl3LeavesIfAndIoplUnchangedWithoutFaulting() {
        CpuHarness h = new CpuHarness().code(RING3 + "push $0x3202\n popf\n pushf\n pop %eax\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0, h.reg(Cpu.EAX) & (Cpu.IF | Cpu.IOPL));
    }

    @Test
    void popfAtCpl3WithIoplThreeChangesIfButNotIopl() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x3000,(%esp)\n popf\n" + RING3 + "push $0x0202\n popf\n pushf\n pop %eax\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(Cpu.IF | Cpu.IOPL, h.reg(Cpu.EAX) & (Cpu.IF | Cpu.IOPL));
    }

    @Test
    void popfAtCpl0ChangesIopl() {
        CpuHarness h = new CpuHarness().code("push $0x2002\n popf\n pushf\n pop %eax").run();
        assertEquals(0x2002, h.reg(Cpu.EAX));
    }

    @Test
    void callGateFromRing3EntersRing0OnTheTssStackAndRetfReturns() {
        CpuHarness h = new CpuHarness().code("jmp start\ntarget: mov %cs,%esi\n mov %ss,%edi\n mov %esp,%ebp\n"
                + " mov 8(%esp),%eax\n mov 12(%esp),%ecx\n lret\nstart: " + RING3 + "lcall $0x33,$0\n mov %cs,%edx\n int $0x80\nend: nop");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 3, 0)).run();
        assertEquals(0x08, h.reg(Cpu.ESI));
        assertEquals(0x10, h.reg(Cpu.EDI));
        assertEquals(RING0_STACK_TOP - 16, h.reg(Cpu.EBP), "SS, ESP, CS, EIP pushed");
        assertEquals(RING3_STACK_TOP, h.reg(Cpu.EAX), "saved ESP");
        assertEquals(0x23, h.reg(Cpu.ECX), "saved SS");
        assertEquals(0x1b, h.reg(Cpu.EDX), "back in ring 3");
        assertRing3Frame(h, h.label("end"), RING3_STACK_TOP);
    }

    @Test
    void callGateCopiesParametersAndRetfImmPopsThemOnBothStacks() {
        CpuHarness h = new CpuHarness().code("jmp start\ntarget: mov 8(%esp),%eax\n mov 12(%esp),%ecx\n lret $8\nstart: "
                + RING3 + "push $0x11\n push $0x22\n lcall $0x33,$0\nback: mov %esp,%edx\n int $0x80");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 3, 2)).run();
        assertEquals(0x22, h.reg(Cpu.EAX), "the last-pushed parameter is nearest the return address");
        assertEquals(0x11, h.reg(Cpu.ECX));
        assertEquals(RING3_STACK_TOP, h.reg(Cpu.EDX), "RETF 8 released the caller's parameters too");
    }

    @Test
    void callGateWithDplBelowCplIsGpWithTheGateSelector() {
        CpuHarness h = new CpuHarness().code("jmp start\ntarget: lret\nstart: " + RING3 + "fault: lcall $0x33,$0");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 0, 0)).run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x30, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void badSs0InTheTssIsTsWithThatSelectorOnAPrivilegeChange() {
        CpuHarness h = new CpuHarness();
        h.mem.write32(CpuHarness.TSS + 8, 0x08); // SS0: a code segment
        h.cpu.setCatch(CpuException.TS, true);
        h.code(RING3 + "fault: int $0x80").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.TS, h.cpu.lastException().vector);
        assertEquals(0x08, h.cpu.lastException().errorCode);
        assertEquals(h.label("fault"), h.cpu.eip());
        assertEquals(3, h.cpu.cpl());
    }

    /** Ring 3 executes INT 0x80 with TSS.SS0 = {@code ss0}; the CPU stops at the catchpoint for {@code vector}. */
    private static CpuException ss0Fault(int ss0, int vector, CpuHarness h) {
        h.mem.write32(CpuHarness.TSS + 8, ss0);
        h.cpu.setCatch(vector, true);
        h.code(RING3 + "fault: int $0x80").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(h.label("fault"), h.cpu.eip());
        return h.cpu.lastException();
    }

    @Test
    void nullSs0IsTsZero() {
        CpuException e = ss0Fault(0, CpuException.TS, new CpuHarness());
        assertEquals(CpuException.TS, e.vector);
        assertEquals(0, e.errorCode);
    }

    @Test
    void ss0BeyondTheGdtIsTsWithThatSelector() {
        CpuException e = ss0Fault(0x400, CpuException.TS, new CpuHarness());
        assertEquals(CpuException.TS, e.vector);
        assertEquals(0x400, e.errorCode);
    }

    @Test
    void ss0WithRplThreeIsTs() {
        CpuException e = ss0Fault(0x13, CpuException.TS, new CpuHarness());
        assertEquals(CpuException.TS, e.vector);
        assertEquals(0x10, e.errorCode);
    }

    @Test
    void ss0NotPresentIsSsWithThatSelector() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x12, 0xC));
        CpuException e = ss0Fault(0x30, CpuException.SS, h);
        assertEquals(CpuException.SS, e.vector);
        assertEquals(0x30, e.errorCode);
    }

    @Test
    void exceptionFromRing3WithABadSs0SetsExtInTheTsErrorCode() {
        CpuHarness h = new CpuHarness();
        h.mem.write32(CpuHarness.TSS + 8, 0x400);
        h.code(RING3 + "fault: hlt").run();
        assertTrue(h.cpu.shutdown(), "#GP -> #TS -> #DF -> #TS");
        assertEquals(CpuException.TS, h.cpu.lastException().vector);
        assertEquals(0x401, h.cpu.lastException().errorCode);
    }

    @Test
    void callGateWithASs0BeyondTheGdtIsTs() {
        CpuHarness h = new CpuHarness().code("jmp start\ntarget: lret\nstart: " + RING3 + "fault: lcall $0x33,$0");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 3, 0));
        h.mem.write32(CpuHarness.TSS + 8, 0x400);
        h.cpu.setCatch(CpuException.TS, true);
        h.run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.TS, h.cpu.lastException().vector);
        assertEquals(0x400, h.cpu.lastException().errorCode);
        assertEquals(h.label("fault"), h.cpu.eip());
    }

    @Test
    void callGateToAnOffsetBeyondTheCodeLimitIsGpWithTheCallerStateIntact() {
        CpuHarness h = new CpuHarness().gdt(7, CpuHarness.descriptor(0, 0xFFFF, 0x9A, 0x4))
                .gdt(6, CpuHarness.callGate(0x38, 0x20000, 3, 0)).code(RING3 + "fault: lcall $0x33,$0").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x1b, h.stack(2));
        assertEquals(RING3_STACK_TOP, h.stack(4), "the ring-3 ESP, not one from the TSS");
        assertEquals(0x23, h.stack(5), "the ring-3 SS");
    }

    @Test
    void farJumpToARing0CodeSelectorFromRing0() {
        CpuHarness h = new CpuHarness().code("ljmp $0x08,$there\n mov $1,%eax\nthere: mov %cs,%ebx").run();
        assertEquals(0, h.reg(Cpu.EAX));
        assertEquals(0x08, h.reg(Cpu.EBX));
    }

    @Test
    void farJumpToARing3CodeSelectorFromRing0IsGp() {
        CpuHarness h = new CpuHarness().code("fault: ljmp $0x1b,$0").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x18, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void farCallPushesCsAndEipAndRetfReturns() {
        CpuHarness h = new CpuHarness().code("lcall $0x08,$fn\nback: jmp done\nfn: mov (%esp),%eax\n mov 4(%esp),%ebx\n lret\ndone: mov %esp,%ecx").run();
        assertEquals(h.label("back"), h.reg(Cpu.EAX));
        assertEquals(0x08, h.reg(Cpu.EBX));
        assertEquals(CpuHarness.STACK_TOP, h.reg(Cpu.ECX));
    }

    @Test
    void farCallToADataSelectorIsGp() {
        CpuHarness h = new CpuHarness().code("fault: lcall $0x10,$0").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x10, h.stack(0));
        assertTrue(h.reg(Cpu.ESP) == CpuHarness.STACK_TOP - 16, "nothing pushed by the failed call");
    }
    @Test
    void iretFromRing3ToARing0SelectorIsGp() {
        CpuHarness h = new CpuHarness().code(RING3 + "push $0\n push $0x08\n push $0\nfault: iret").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x08, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void iretToANotPresentCodeSegmentIsNp() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x1A, 0xC))
                .code("pushf\n push $0x30\n push $0\nfault: iret").run();
        assertEquals(CpuException.NP, h.vector());
        assertEquals(0x30, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void iretToRing3WithABadStackSelectorIsGpAndChangesNothing() {
        CpuHarness h = new CpuHarness().code("push $0x10\n push $0x88000\n pushf\n push $0x1b\n push $0\nfault: iret").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x10, h.stack(0), "SS RPL/DPL must equal the new CPL");
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x08, h.stack(2));
    }

    @Test
    void farJumpToANotPresentCodeSegmentIsNp() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x1A, 0xC)).code("fault: ljmp $0x30,$0").run();
        assertEquals(CpuException.NP, h.vector());
        assertEquals(0x30, h.stack(0));
    }

    @Test
    void retfToRing3PopsSsAndEspAndNullsRing0DataSegments() {
        CpuHarness h = new CpuHarness().code("push $0x23\n push $0x87000\n push $0x1b\n push $r3\n lret\nr3: mov %ss,%eax\n mov %esp,%ebx\n mov %ds,%ecx\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0x23, h.reg(Cpu.EAX));
        assertEquals(0x87000, h.reg(Cpu.EBX));
        assertEquals(0, h.reg(Cpu.ECX), "DS was the DPL-0 data segment");
    }

    @Test
    void callGateAtTheSamePrivilegePushesOnTheCurrentStack() {
        CpuHarness h = new CpuHarness().code("lcall $0x30,$0\nback: jmp done\ntarget: mov (%esp),%eax\n mov 4(%esp),%ebx\n lret\ndone: mov %esp,%ecx");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 0, 0)).run();
        assertEquals(h.label("back"), h.reg(Cpu.EAX));
        assertEquals(0x08, h.reg(Cpu.EBX));
        assertEquals(CpuHarness.STACK_TOP, h.reg(Cpu.ECX));
    }

    @Test
    void farJumpThroughACallGateAtTheSamePrivilege() {
        CpuHarness h = new CpuHarness().code("ljmp $0x30,$0\n mov $1,%eax\ntarget: mov %esp,%ecx");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 0, 0)).run();
        assertEquals(0, h.reg(Cpu.EAX));
        assertEquals(CpuHarness.STACK_TOP, h.reg(Cpu.ECX), "a jump pushes nothing");
    }

    @Test
    void farJumpThroughACallGateToAMorePrivilegedLevelIsGp() {
        CpuHarness h = new CpuHarness().code("jmp start\ntarget: nop\nstart: " + RING3 + "fault: ljmp $0x33,$0");
        h.gdt(6, CpuHarness.callGate(0x08, h.label("target"), 3, 0)).run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x08, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }
}
