package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Task switches (SDM vol. 3, 7.3): JMP, CALL, IDT task gates and IRET with NT, the state saved and
 * loaded, the busy bits, backlink and NT, CR0.TS, CR3, the T bit, and the checks of table 7-1 with
 * their error codes (before the commit point in the old task, after it in the new one).
 */
class TaskSwitchTest {
    /** The second task's 32-bit TSS (GDT index 6, selector 0x30) and a task gate to it (index 7, 0x38). */
    private static final int TSS2 = 0x7000, TSS2_SEL = 0x30, GATE_SEL = 0x38;
    /** Harness's own TSS (the current task at the start). */
    private static final int TSS1 = CpuHarness.TSS, TSS1_SEL = 0x28;
    /** The second task's stack. */
    private static final int STACK2 = 0x70000;

    private static long taskGate(int tssSel, int dpl) { return (long) tssSel << 16 | (0x8500L | dpl << 13) << 32; }

    /** A harness with the second task at {@code entry} (a label of the code) in flat ring-0 segments. */
    private static CpuHarness harness(String code) {
        CpuHarness h = new CpuHarness().code(code);
        h.gdt(6, CpuHarness.descriptor(TSS2, 0x67, 0x89, 0));
        h.gdt(7, taskGate(TSS2_SEL, 0));
        for (int k = 0; k < 0x68; k += 4) h.mem.write32(TSS2 + k, 0);
        h.mem.write32(TSS2 + 0x20, h.label("entry"));
        h.mem.write32(TSS2 + 0x24, 2);
        for (int r = 0; r < 8; r++) h.mem.write32(TSS2 + 0x28 + 4 * r, 0x1000 + r);
        h.mem.write32(TSS2 + 0x28 + 4 * Cpu.ESP, STACK2);
        int[] segs = {0x10, 0x08, 0x10, 0x10, 0x10, 0x10};
        for (int s = 0; s < 6; s++) h.mem.write16(TSS2 + 0x48 + 4 * s, segs[s]);
        h.mem.write16(TSS2 + 0x66, 0x68);
        return h;
    }

    /** A third task (TSS at 0x7400, selector 0x48) running the harness stub of {@code vector}, and an IDT task gate to it. */
    private static final int TSS3 = 0x7400, TSS3_SEL = 0x48, STACK3 = 0x74000;

    private static CpuHarness handlerTask(CpuHarness h, int vector) {
        h.gdt(9, CpuHarness.descriptor(TSS3, 0x67, 0x89, 0));
        for (int k = 0; k < 0x68; k += 4) h.mem.write32(TSS3 + k, 0);
        h.mem.write32(TSS3 + 0x20, CpuHarness.STUBS + 16 * vector);
        h.mem.write32(TSS3 + 0x24, 2);
        h.mem.write32(TSS3 + 0x28 + 4 * Cpu.ESP, STACK3);
        int[] segs = {0x10, 0x08, 0x10, 0x10, 0x10, 0x10};
        for (int s = 0; s < 6; s++) h.mem.write16(TSS3 + 0x48 + 4 * s, segs[s]);
        h.mem.write64(CpuHarness.IDT + 8L * vector, taskGate(TSS3_SEL, 0));
        return h;
    }

    /** The fault was delivered by a task switch from the new task (the handler task's backlink) with {@code err} on its stack. */
    private static void assertHandlerTaskSawNewTaskFault(CpuHarness h, int vector, int err) {
        assertEquals(vector, h.vector(), "vector");
        assertEquals(TSS3_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(TSS2_SEL, h.mem.read16(TSS3), "backlink: the fault was raised in the new task");
        assertEquals(err, h.mem.read32(STACK3 - 4), "error code");
    }

    private static int busy(CpuHarness h, int sel) { return (h.mem.read32(CpuHarness.GDT + sel + 4) >>> 9) & 1; }

    private static void setSegment(CpuHarness h, int s, int sel) { h.mem.write16(TSS2 + 0x48 + 4 * s, sel); }

    /** The exception the stub recorded, its error code on the (new task's) stack, and the task it ran in. */
    private static void assertFaultInNewTask(CpuHarness h, int vector, int err) {
        assertEquals(vector, h.vector(), "vector");
        assertEquals(err, h.stack(0), "error code");
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR), "delivered in the new task");
    }

    private static void assertFaultInOldTask(CpuHarness h, int vector, int err) {
        assertEquals(vector, h.vector(), "vector");
        assertEquals(err, h.stack(0), "error code");
        assertEquals(h.label("fault"), h.stack(1), "EIP of the refused instruction");
        assertEquals(TSS1_SEL, h.cpu.segSelector(Cpu.TR), "still the old task");
    }

    @Test
    void jumpToATssLoadsTheNewTasksRegistersAndEip() {
        CpuHarness h = harness("ljmp $0x30,$0\n hlt\nentry: mov %ebx,%edx\n hlt").run();
        assertEquals(0x1003, h.reg(Cpu.EDX), "EBX from the TSS, then the new task ran");
        assertEquals(STACK2, h.reg(Cpu.ESP));
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(-1, h.vector());
    }

    @Test
    void jumpSavesTheOldTasksStateInItsTss() {
        CpuHarness h = harness("mov $0x1234,%eax\n mov $0x5678,%edi\n ljmp $0x30,$0\nback: hlt\nentry: hlt").run();
        assertEquals(h.label("back"), h.mem.read32(TSS1 + 0x20), "EIP after the JMP");
        assertEquals(0x1234, h.mem.read32(TSS1 + 0x28), "EAX");
        assertEquals(0x5678, h.mem.read32(TSS1 + 0x28 + 4 * Cpu.EDI), "EDI");
        assertEquals(0x08, h.mem.read16(TSS1 + 0x4C), "CS");
        assertEquals(2, h.mem.read32(TSS1 + 0x24) & 0xFF7FD7, "EFLAGS");
    }

    @Test
    void jumpClearsTheOldBusyBitSetsTheNewOneAndLeavesNtAndBacklink() {
        CpuHarness h = harness("ljmp $0x30,$0\n hlt\nentry: hlt").run();
        assertEquals(0, busy(h, TSS1_SEL));
        assertEquals(1, busy(h, TSS2_SEL));
        assertEquals(0, h.flags() & Cpu.NT);
        assertEquals(0, h.mem.read16(TSS2));
    }

    @Test
    void callWritesTheBacklinkSetsNtAndKeepsTheOldTaskBusy() {
        CpuHarness h = harness("lcall $0x30,$0\n hlt\nentry: hlt").run();
        assertEquals(TSS1_SEL, h.mem.read16(TSS2), "backlink");
        assertEquals(Cpu.NT, h.flags() & Cpu.NT);
        assertEquals(1, busy(h, TSS1_SEL));
        assertEquals(1, busy(h, TSS2_SEL));
    }

    @Test
    void iretWithNtReturnsToTheCallerTaskAndFreesTheNestedOne() {
        CpuHarness h = harness("lcall $0x30,$0\n mov $0xAB,%ecx\n hlt\nentry: mov $7,%esi\n iret").run();
        assertEquals(0xAB, h.reg(Cpu.ECX), "the caller resumed after its CALL");
        assertEquals(TSS1_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(0, busy(h, TSS2_SEL));
        assertEquals(1, busy(h, TSS1_SEL));
        assertEquals(0, h.mem.read32(TSS2 + 0x24) & Cpu.NT, "NT cleared in the nested task's saved EFLAGS");
        assertEquals(7, h.mem.read32(TSS2 + 0x28 + 4 * Cpu.ESI));
        assertEquals(-1, h.vector());
    }

    @Test
    void callThroughATaskGateSwitchesToItsTss() {
        CpuHarness h = harness("lcall $0x38,$0\n hlt\nentry: hlt").run();
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(TSS1_SEL, h.mem.read16(TSS2));
    }

    @Test
    void aTaskSwitchSetsCr0Ts() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt").run();
        assertTrue((h.cpu.cr0() & Cpu.CR0_TS) != 0);
    }

    @Test
    void aSixteenBitTssLoadsIpAndWordRegisters() {
        CpuHarness h = harness("ljmp $0x40,$0\nentry: hlt");
        int tss16 = 0x7800;
        h.gdt(8, CpuHarness.descriptor(tss16, 0x2B, 0x81, 0));
        h.gdt(10, CpuHarness.descriptor(CpuHarness.CODE, 0xFFFF, 0x9A, 0x4)); // 0x50: code based at CODE, for a 16-bit IP
        h.mem.write16(tss16 + 0x0E, h.label("entry") - CpuHarness.CODE);
        h.mem.write16(tss16 + 0x10, 2);
        for (int r = 0; r < 8; r++) h.mem.write16(tss16 + 0x12 + 2 * r, 0x2000 + r);
        int[] segs = {0x10, 0x50, 0x10, 0x10};
        for (int s = 0; s < 4; s++) h.mem.write16(tss16 + 0x22 + 2 * s, segs[s]);
        h.run();
        assertEquals(0x40, h.cpu.segSelector(Cpu.TR));
        assertEquals(h.label("entry") - CpuHarness.CODE + 1, h.cpu.eip(), "halted at the IP from the TSS");
        assertEquals(0xFFFF2000, h.reg(Cpu.EAX), "the upper half all ones, as Bochs and QEMU load it");
        assertEquals(3, (h.mem.read32(CpuHarness.GDT + 0x40 + 4) >>> 8) & 0xF, "a busy 16-bit TSS");
    }

    @Test
    void jumpToABusyTssIsGpWithItsSelector() {
        CpuHarness h = harness("fault: ljmp $0x28,$0\nentry: hlt").run();
        assertFaultInOldTask(h, CpuException.GP, TSS1_SEL);
    }

    @Test
    void aTaskGateBelowTheCplIsGpWithTheGateSelector() {
        CpuHarness h = harness(CpuHarness.RING3 + "fault: lcall $0x3b,$0\nentry: hlt").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(GATE_SEL, h.stack(0));
    }

    @Test
    void aTssNotPresentIsNpWithItsSelector() {
        CpuHarness h = harness("fault: ljmp $0x30,$0\nentry: hlt");
        h.gdt(6, CpuHarness.descriptor(TSS2, 0x67, 0x09, 0));
        h.run();
        assertFaultInOldTask(h, CpuException.NP, TSS2_SEL);
    }

    @Test
    void aTssLimitBelow0x67IsTsWithItsSelector() {
        CpuHarness h = harness("fault: ljmp $0x30,$0\nentry: hlt");
        h.gdt(6, CpuHarness.descriptor(TSS2, 0x66, 0x89, 0));
        h.run();
        assertFaultInOldTask(h, CpuException.TS, TSS2_SEL);
        assertEquals(0, busy(h, TSS2_SEL), "nothing committed");
    }

    @Test
    void aTaskGateToABusyTssIsGpWithTheTssSelector() {
        CpuHarness h = harness("fault: ljmp $0x38,$0\nentry: hlt");
        h.gdt(7, taskGate(TSS1_SEL, 0));
        h.run();
        assertFaultInOldTask(h, CpuException.GP, TSS1_SEL);
    }

    @Test
    void aTaskGateNamingAnLdtSelectorIsGpWithThatSelector() {
        CpuHarness h = harness("fault: ljmp $0x38,$0\nentry: hlt");
        h.gdt(7, taskGate(0x34, 0));
        h.run();
        assertFaultInOldTask(h, CpuException.GP, 0x34);
    }

    @Test
    void iretWithNtToAnAvailableBacklinkIsTsWithTheBacklink() {
        CpuHarness h = harness("pushf\n orl $0x4000,(%esp)\n popf\nfault: iret\nentry: hlt");
        h.mem.write16(TSS1, TSS2_SEL); // the current task's backlink names an available TSS
        h.run();
        assertFaultInOldTask(h, CpuException.TS, TSS2_SEL);
    }

    @Test
    void anLdtSelectorWithTiSetIsTsInTheNewTask() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.mem.write16(TSS2 + 0x60, 0x44);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x44);
    }

    @Test
    void aNewCsThatIsDataIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.CS, 0x10);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x10);
    }

    @Test
    void aNewSsOfAnotherPrivilegeIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.SS, 0x23);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x20);
    }

    @Test
    void aNewSsNotPresentIsSsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0x12, 0xC)); // ring-0 data, not present
        setSegment(h, Cpu.SS, 0x40);
        handlerTask(h, CpuException.SS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.SS, 0x40);
    }

    @Test
    void aNewEsNotPresentIsNpWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0x12, 0xC));
        setSegment(h, Cpu.ES, 0x40);
        h.run();
        assertFaultInNewTask(h, CpuException.NP, 0x40);
    }

    @Test
    void aNewEsNamingATssIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.ES, TSS1_SEL);
        h.run();
        assertFaultInNewTask(h, CpuException.TS, TSS1_SEL);
    }

    @Test
    void aNewEsMorePrivilegedThanTheNewCplIsTsWithIt() {
        CpuHarness h = harness(CpuHarness.RING3 + "int $0x80\nentry: hlt");
        // The new task runs at ring 3 but its ES is the ring-0 data segment.
        setSegment(h, Cpu.CS, 0x1b);
        setSegment(h, Cpu.SS, 0x23);
        setSegment(h, Cpu.DS, 0x23);
        setSegment(h, Cpu.FS, 0x23);
        setSegment(h, Cpu.GS, 0x23);
        h.mem.write32(TSS2 + 4, CpuHarness.RING0_STACK_TOP); // ESP0
        h.mem.write32(TSS2 + 8, 0x10); // SS0
        h.mem.write64(CpuHarness.IDT + 8L * 0x80, taskGate(TSS2_SEL, 3));
        h.run();
        assertEquals(CpuException.TS, h.vector());
        assertEquals(0x10, h.stack(0));
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR));
    }

    @Test
    void anEipBeyondTheNewCsLimitIsGpZeroInTheNewTask() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFF, 0x9A, 0x4)); // ring-0 code, 4 KiB
        setSegment(h, Cpu.CS, 0x40);
        h.run();
        assertFaultInNewTask(h, CpuException.GP, 0);
        assertEquals(0x40, h.stack(2), "CS of the new task on the frame");
    }

    @Test
    void anIdtTaskGateRunsTheHandlerTaskWithTheErrorCodeOnItsStack() {
        CpuHarness h = harness("fault: mov $0x18,%ax\n mov %ax,%ss\nentry: hlt");
        h.mem.write64(CpuHarness.IDT + 8L * CpuException.GP, taskGate(TSS2_SEL, 0));
        h.run();
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(STACK2 - 4, h.reg(Cpu.ESP));
        assertEquals(0x18, h.mem.read32(STACK2 - 4), "#GP(0x18) pushed on the handler task's stack");
        assertEquals(h.label("fault") + 4, h.mem.read32(TSS1 + 0x20), "the faulting MOV SS saved as the old EIP");
        assertEquals(TSS1_SEL, h.mem.read16(TSS2), "backlink");
        assertEquals(Cpu.NT, h.flags() & Cpu.NT);
    }

    @Test
    void intThroughAnIdtTaskGateSavesTheNextEip() {
        CpuHarness h = harness("int $0x40\nafter: hlt\nentry: hlt");
        h.mem.write64(CpuHarness.IDT + 8L * 0x40, taskGate(TSS2_SEL, 0));
        h.run();
        assertEquals(TSS2_SEL, h.cpu.segSelector(Cpu.TR));
        assertEquals(h.label("after"), h.mem.read32(TSS1 + 0x20));
        assertEquals(STACK2, h.reg(Cpu.ESP), "no error code for INT n");
    }

    @Test
    void intThroughATaskGateBelowTheCplIsGpWithTheIdtErrorCode() {
        CpuHarness h = harness(CpuHarness.RING3 + "fault: int $0x40\nentry: hlt");
        h.mem.write64(CpuHarness.IDT + 8L * 0x40, taskGate(TSS2_SEL, 0));
        h.run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x40 * 8 | 2, h.stack(0));
    }

    @Test
    void anIdtTaskGateNotPresentIsNpWithTheIdtErrorCode() {
        CpuHarness h = harness("fault: int $0x40\nentry: hlt");
        h.mem.write64(CpuHarness.IDT + 8L * 0x40, taskGate(TSS2_SEL, 0) & ~(0x8000L << 32));
        h.run();
        assertFaultInOldTask(h, CpuException.NP, 0x40 * 8 | 2);
    }

    @Test
    void theTBitRaisesDebugInTheNewTaskWithDr6Bt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.mem.write16(TSS2 + 0x64, 1);
        h.run();
        assertFaultInNewTask(h, CpuException.DB, h.label("entry"));
        assertTrue((h.cpu.dr(6) & TaskSwitch.DR6_BT) != 0);
    }

    @Test
    void aSwitchWithPagingOnLoadsCr3FromTheNewTss() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt").paging();
        int dir2 = 0x8000;
        h.mem.write32(dir2, CpuHarness.PAGE_TABLE | 7);
        h.mem.write32(TSS2 + 0x1C, dir2);
        h.run();
        assertEquals(dir2, h.cpu.cr3());
        assertEquals(0, h.mem.read32(TSS1 + 0x1C), "CR3 is not saved in the old TSS");
    }

    @Test
    void theNewTasksIoBitmapDecidesItsPortAccesses() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: mov $0x11,%al\n out %al,$0x80\n hlt");
        setSegment(h, Cpu.CS, 0x1b);
        setSegment(h, Cpu.SS, 0x23);
        for (int s : new int[] {Cpu.ES, Cpu.DS, Cpu.FS, Cpu.GS}) setSegment(h, s, 0x23);
        h.mem.write32(TSS2 + 4, CpuHarness.RING0_STACK_TOP);
        h.mem.write32(TSS2 + 8, 0x10);
        h.gdt(6, CpuHarness.descriptor(TSS2, 0x68 + 0x20, 0x89, 0));
        for (int k = 0; k < 0x20; k++) h.mem.write8(TSS2 + 0x68 + k, 0xFF);
        h.mem.write8(TSS2 + 0x68 + 0x80 / 8, 0xFE); // port 0x80 allowed
        h.run();
        assertEquals(CpuException.GP, h.vector(), "the HLT at ring 3, not the OUT");
        assertEquals(h.label("entry") + 4, h.stack(1));
        assertEquals(0x1b, h.stack(2), "raised at ring 3");
    }
    @Test
    void anOldTssLimitBelow0x67IsTsWithTheOldTssSelector() {
        CpuHarness h = harness("fault: ljmp $0x30,$0\nentry: hlt");
        h.gdt(5, CpuHarness.descriptor(TSS1, 0x50, 0x89, 0));
        h.cpu.segments.ltr(TSS1_SEL); // TR's cache with the short limit
        h.run();
        assertEquals(CpuException.TS, h.vector());
        assertEquals(TSS1_SEL, h.stack(0));
    }

    @Test
    void iretWithNtToABacklinkInTheLdtIsTsWithTheBacklink() {
        CpuHarness h = harness("pushf\n orl $0x4000,(%esp)\n popf\nfault: iret\nentry: hlt");
        h.mem.write16(TSS1, 0x34);
        h.run();
        assertFaultInOldTask(h, CpuException.TS, 0x34);
    }

    @Test
    void anLdtSelectorBeyondTheGdtIsTsInTheNewTask() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.mem.write16(TSS2 + 0x60, 0x1F8);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x1F8);
    }

    @Test
    void anLdtSelectorNamingADataSegmentIsTsInTheNewTask() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.mem.write16(TSS2 + 0x60, 0x10);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x10);
    }

    @Test
    void anLdtNotPresentIsTsNotNpInTheNewTask() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0x9000, 0xFF, 0x02, 0)); // an LDT, not present
        h.mem.write16(TSS2 + 0x60, 0x40);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x40);
    }

    @Test
    void aValidNewLdtIsLoaded() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0x9000, 0xFF, 0x82, 0));
        h.mem.write16(TSS2 + 0x60, 0x40);
        h.run();
        assertEquals(0x40, h.cpu.segSelector(Cpu.LDTR));
        assertEquals(0x9000, h.cpu.segBase(Cpu.LDTR));
    }

    @Test
    void aNullNewCsIsTsZero() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.CS, 0);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0);
    }

    @Test
    void aNewCsWhoseDplIsNotItsRplIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.CS, 0x0B); // ring-0 code with RPL 3
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x08);
    }

    @Test
    void aNewCsBeyondTheGdtIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.CS, 0x1F8);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x1F8);
    }

    @Test
    void aNewCsNotPresentIsNpWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0x1A, 0xC)); // ring-0 code, not present
        setSegment(h, Cpu.CS, 0x40);
        handlerTask(h, CpuException.NP).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.NP, 0x40);
    }

    @Test
    void aNullNewSsIsTsZero() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.SS, 0);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0);
    }

    @Test
    void aReadOnlyNewSsIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0x90, 0xC)); // ring-0 read-only data
        setSegment(h, Cpu.SS, 0x40);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x40);
    }

    @Test
    void aNewSsWhoseDplIsNotTheCplIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0xB2, 0xC)); // DPL 1 data, selector RPL 0
        setSegment(h, Cpu.SS, 0x40);
        handlerTask(h, CpuException.TS).run();
        assertHandlerTaskSawNewTaskFault(h, CpuException.TS, 0x40);
    }

    @Test
    void aNewEsBeyondTheGdtIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.ES, 0x1F8);
        h.run();
        assertFaultInNewTask(h, CpuException.TS, 0x1F8);
    }

    @Test
    void anExecuteOnlyNewEsIsTsWithIt() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        h.gdt(8, CpuHarness.descriptor(0, 0xFFFFF, 0x98, 0xC)); // ring-0 execute-only code
        setSegment(h, Cpu.ES, 0x40);
        h.run();
        assertFaultInNewTask(h, CpuException.TS, 0x40);
    }

    @Test
    void aNullNewEsIsUnusableButNoFault() {
        CpuHarness h = harness("ljmp $0x30,$0\nentry: hlt");
        setSegment(h, Cpu.ES, 0);
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(0, h.cpu.segFlags(Cpu.ES) & 0x8000);
    }

    @Test
    void aSwitchStartedByAnExternalEventSetsExtInItsErrorCodes() {
        // INT1 (ICEBP) is delivered as an external event: a short TSS behind its task gate is #TS(sel + EXT).
        CpuHarness h = harness("fault: .byte 0xf1\nentry: hlt");
        h.gdt(6, CpuHarness.descriptor(TSS2, 0x66, 0x89, 0));
        h.mem.write64(CpuHarness.IDT + 8L * CpuException.DB, taskGate(TSS2_SEL, 0));
        h.run();
        assertEquals(CpuException.TS, h.vector());
        assertEquals(TSS2_SEL | 1, h.stack(0));
    }
}
