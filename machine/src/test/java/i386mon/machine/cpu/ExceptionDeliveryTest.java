package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.RING3;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Each exception class delivered through the IDT: vector, error code, the saved CS:EIP (faults
 * save the faulting instruction, traps and INT n the next one) and the frame on the handler's stack
 * (SDM vol. 3, 6.12 and 6.15).
 */
class ExceptionDeliveryTest {
    private static final int TOP = CpuHarness.STACK_TOP;

    /** Asserts a same-privilege frame with an error code: ERR, EIP, CS, EFLAGS. */
    private static void assertFrameWithError(CpuHarness h, int err, int eip, int eflags) {
        assertEquals(TOP - 16, h.reg(Cpu.ESP), "ESP after pushing four dwords");
        assertEquals(err, h.stack(0), "error code");
        assertEquals(eip, h.stack(1), "saved EIP");
        assertEquals(0x08, h.stack(2), "saved CS");
        assertEquals(eflags, h.stack(3), "saved EFLAGS");
    }

    /** Asserts a same-privilege frame without an error code: EIP, CS, EFLAGS. */
    private static void assertFrame(CpuHarness h, int eip, int eflags) {
        assertEquals(TOP - 12, h.reg(Cpu.ESP), "ESP after pushing three dwords");
        assertEquals(eip, h.stack(0), "saved EIP");
        assertEquals(0x08, h.stack(1), "saved CS");
        assertEquals(eflags, h.stack(2), "saved EFLAGS");
    }

    @Test
    void divideErrorSavesTheFaultingDiv() {
        CpuHarness h = new CpuHarness().code("xor %ecx,%ecx\nfault: div %ecx").run();
        assertEquals(CpuException.DE, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void invalidOpcodeSavesTheUd2() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\nfault: ud2").run();
        assertEquals(CpuException.UD, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void handlerRunsWithInterruptsOffThroughAnInterruptGate() {
        CpuHarness h = new CpuHarness().code("sti\n xor %eax,%eax\nfault: ud2").run();
        assertEquals(CpuException.UD, h.vector());
        assertFrame(h, h.label("fault"), 0x246);
        assertEquals(0, h.flags() & Cpu.IF);
    }

    @Test
    void loadingASelectorBeyondTheGdtIsGpWithTheSelector() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n mov $0x403,%bx\nfault: mov %bx,%ds").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0x400, h.label("fault"), 0x46);
        assertEquals(0x10, h.cpu.segSelector(Cpu.DS), "DS unchanged");
    }

    @Test
    void writingAReadOnlyDataSegmentIsGpZero() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x90, 0xC))
                .code("mov $0x30,%ax\n mov %ax,%ds\n xor %eax,%eax\n mov 0x80000,%ecx\nfault: movl $1,0x80000").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0, h.label("fault"), 0x46);
        assertEquals(0, h.mem.read32(0x80000), "nothing written");
    }

    @Test
    void loadingANotPresentDataSegmentIsNpWithTheSelector() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x12, 0xC))
                .code("xor %eax,%eax\n mov $0x30,%bx\nfault: mov %bx,%es").run();
        assertEquals(CpuException.NP, h.vector());
        assertFrameWithError(h, 0x30, h.label("fault"), 0x46);
    }

    @Test
    void loadingANotPresentStackSegmentIsSsWithTheSelector() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x12, 0xC))
                .code("xor %eax,%eax\n mov $0x30,%bx\nfault: mov %bx,%ss").run();
        assertEquals(CpuException.SS, h.vector());
        assertFrameWithError(h, 0x30, h.label("fault"), 0x46);
    }

    @Test
    void loadingSsWithAReadOnlySegmentIsGp() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0xFFFFF, 0x90, 0xC))
                .code("xor %eax,%eax\n mov $0x30,%bx\nfault: mov %bx,%ss").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0x30, h.label("fault"), 0x46);
    }

    @Test
    void boundOutOfRangeIsBrAndSavesTheBound() {
        CpuHarness h = new CpuHarness().code("jmp 1f\nbounds: .long 0, 3\n1: mov $4,%eax\n xor %ecx,%ecx\nfault: bound %eax, bounds").run();
        assertEquals(CpuException.BR, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void boundInRangeFallsThrough() {
        CpuHarness h = new CpuHarness().code("jmp 1f\nbounds: .long 0, 3\n1: mov $3,%eax\n bound %eax, bounds").run();
        assertEquals(-1, h.vector());
    }

    @Test
    void intoWithOverflowIsATrapSavingTheNextInstruction() {
        CpuHarness h = new CpuHarness().code("mov $0x7fffffff,%eax\n add $1,%eax\n into\nafter: nop").run();
        assertEquals(CpuException.OF, h.vector());
        assertFrame(h, h.label("after"), 0x896);
    }

    @Test
    void intoWithoutOverflowDoesNothing() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n into").run();
        assertEquals(-1, h.vector());
    }

    @Test
    void int3IsATrapSavingTheNextInstruction() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n int3\nafter: nop").run();
        assertEquals(CpuException.BP, h.vector());
        assertFrame(h, h.label("after"), 0x46);
    }

    @Test
    void intNSavesTheNextInstructionAndPushesNoErrorCode() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n int $0x40\nafter: nop").run();
        assertEquals(0x40, h.vector());
        assertFrame(h, h.label("after"), 0x46);
    }

    @Test
    void intNToAVectorThatPushesAnErrorCodeForAnExceptionPushesNoneFromSoftware() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n int $13\nafter: nop").run();
        assertEquals(13, h.vector());
        assertFrame(h, h.label("after"), 0x46);
    }

    @Test
    void intNBeyondTheIdtLimitIsGpWithTheIdtBit() {
        CpuHarness h = new CpuHarness();
        h.cpu.setIdtr(CpuHarness.IDT, 0x40 * 8 - 1);
        h.code("xor %eax,%eax\nfault: int $0x40").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0x40 * 8 + 2, h.label("fault"), 0x46);
    }

    @Test
    void int1IsADebugTrapSavingTheNextInstruction() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n .byte 0xf1\nafter: nop").run();
        assertEquals(CpuException.DB, h.vector());
        assertFrame(h, h.label("after"), 0x46);
    }

    @Test
    void x87WithTaskSwitchedIsNm() {
        CpuHarness h = new CpuHarness();
        h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_TS, 0, 0, 0);
        h.code("xor %eax,%eax\nfault: fninit").run();
        assertEquals(CpuException.NM, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void x87WithEmulationIsNm() {
        CpuHarness h = new CpuHarness();
        h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_EM, 0, 0, 0);
        h.code("xor %eax,%eax\nfault: fnstsw %ax").run();
        assertEquals(CpuException.NM, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void fwaitWithMonitorAndTaskSwitchedIsNm() {
        CpuHarness h = new CpuHarness();
        h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_TS | Cpu.CR0_MP, 0, 0, 0);
        h.code("xor %eax,%eax\nfault: fwait").run();
        assertEquals(CpuException.NM, h.vector());
        assertFrame(h, h.label("fault"), 0x46);
    }

    @Test
    void cltsClearsTaskSwitchedSoX87Runs() {
        CpuHarness h = new CpuHarness();
        h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_TS, 0, 0, 0);
        h.code("clts\n fninit\n fnstsw %ax").run();
        assertEquals(-1, h.vector());
        assertEquals(0, h.cpu.cr0() & Cpu.CR0_TS);
    }

    @Test
    void pageFaultOnAWriteSetsCr2AndErrorCodeTwo() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000)
                .code("xor %eax,%eax\nfault: movl $1,0x80004").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(0x80004, h.cpu.cr2());
        assertFrameWithError(h, 2, h.label("fault"), 0x46);
    }

    @Test
    void pageFaultOnAReadOfAPresentSupervisorPageFromRing3HasErrorCodeFive() {
        CpuHarness h = new CpuHarness().paging();
        h.mem.write32(CpuHarness.PAGE_TABLE + 4 * 0x80, 0x80000 | 3); // present, writable, supervisor
        h.code(RING3 + "fault: mov 0x80010,%eax").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(0x80010, h.cpu.cr2());
        assertEquals(5, h.stack(0), "present | user, read");
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x1b, h.stack(2));
    }

    @Test
    void pageFaultOnAnInstructionFetchSavesTheUnmappedEip() {
        CpuHarness h = new CpuHarness().paging().unmap(0x20000).code("xor %eax,%eax\n jmp 0x20000").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(0x20000, h.cpu.cr2());
        assertFrameWithError(h, 0, 0x20000, 0x46);
    }
    @Test
    void trapGateLeavesInterruptsEnabled() {
        CpuHarness h = new CpuHarness();
        int a = CpuHarness.IDT + 8 * 0x40 + 4;
        h.mem.write32(a, h.mem.read32(a) | 0x100); // type 0xE -> 0xF
        h.code("sti\n xor %eax,%eax\n int $0x40\nafter: nop").run();
        assertEquals(0x40, h.vector());
        assertFrame(h, h.label("after"), 0x246);
        assertEquals(Cpu.IF, h.flags() & Cpu.IF);
    }

    @Test
    void sixteenBitInterruptGatePushesAWordFrame() {
        CpuHarness h = new CpuHarness();
        int a = CpuHarness.IDT + 8 * 0x40 + 4;
        h.mem.write32(a, (h.mem.read32(a) & ~0x800) & 0xFFFF); // type 0xE -> 0x6, offset high word gone (stubs are below 64 KiB)
        h.code("xor %eax,%eax\n int $0x40\nafter: nop").run();
        assertEquals(0x40, h.vector());
        assertEquals(TOP - 6, h.reg(Cpu.ESP));
        int lo = h.stack(0), hi = h.stack(1);
        assertEquals(h.label("after") & 0xFFFF, lo & 0xFFFF, "IP");
        assertEquals(0x08, lo >>> 16, "CS");
        assertEquals(0x46, hi & 0xFFFF, "FLAGS");
    }

    @Test
    void gateWhoseOffsetIsBeyondTheCodeLimitIsGp() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0, 0x4000, 0x9A, 0x4)).setGateSelector(0x40, 0x30);
        int a = CpuHarness.IDT + 8 * 0x40;
        h.mem.write32(a, (h.mem.read32(a) & 0xFFFF0000) | 0x5000);
        h.code("xor %eax,%eax\nfault: int $0x40").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0, h.label("fault"), 0x46);
    }

    @Test
    void gateToADataSegmentIsGpWithTheSelector() {
        CpuHarness h = new CpuHarness().setGateSelector(0x40, 0x10).code("xor %eax,%eax\nfault: int $0x40").run();
        assertEquals(CpuException.GP, h.vector());
        assertFrameWithError(h, 0x10, h.label("fault"), 0x46);
    }
}
