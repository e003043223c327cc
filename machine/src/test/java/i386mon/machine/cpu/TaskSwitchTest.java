package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Task switches are not emulated: each way into one (SDM vol. 3, 7.3) raises the #GP it always has,
 * with the error code naming what the CPU refused, and changes nothing else.
 */
class TaskSwitchTest {
    /** An available 32-bit TSS at GDT index 6 (selector 0x30), beside the harness's busy one. */
    private static final int TSS_SELECTOR = 0x30;
    /** A task gate to that TSS at GDT index 7 (selector 0x38). */
    private static final int TASK_GATE_SELECTOR = 0x38;
    private static final long TASK_GATE = (long) TSS_SELECTOR << 16 | 0x8500L << 32;

    private static CpuHarness harness() {
        CpuHarness h = new CpuHarness();
        h.gdt(6, CpuHarness.descriptor(0x7000, 0x67, 0x89, 0));
        h.gdt(7, TASK_GATE);
        return h;
    }

    private static void assertGpAt(CpuHarness h, int err) {
        assertEquals(CpuException.GP, h.vector());
        assertEquals(err, h.stack(0), "error code");
        assertEquals(h.label("fault"), h.stack(1), "EIP of the refused transfer");
    }

    @Test
    void farJumpToAnAvailableTssIsGpWithItsSelector() {
        CpuHarness h = harness().code("fault: ljmp $0x30,$0").run();
        assertGpAt(h, TSS_SELECTOR);
    }

    @Test
    void farJumpThroughATaskGateIsGpWithTheGateSelector() {
        CpuHarness h = harness().code("fault: ljmp $0x38,$0").run();
        assertGpAt(h, TASK_GATE_SELECTOR);
    }

    @Test
    void farCallThroughATaskGateIsGpWithNothingPushed() {
        CpuHarness h = harness().code("fault: lcall $0x38,$0").run();
        assertGpAt(h, TASK_GATE_SELECTOR);
        assertEquals(CpuHarness.STACK_TOP - 16, h.reg(Cpu.ESP), "only the #GP frame (error code, EIP, CS, EFLAGS)");
    }

    @Test
    void intThroughAnIdtTaskGateIsGpWithTheIdtErrorCode() {
        CpuHarness h = harness();
        h.mem.write64(CpuHarness.IDT + 8L * 0x40, TASK_GATE);
        h.code("fault: int $0x40").run();
        assertGpAt(h, 0x40 * 8 | 2);
    }

    @Test
    void iretWithNestedTaskSetIsGpZero() {
        // Without NT this frame would return to "back" (and halt there with no vector recorded).
        CpuHarness h = harness().code("pushf\n orl $0x4000,(%esp)\n popf\n"
                + " pushf\n push %cs\n push $back\nfault: iret\nback: nop").run();
        assertGpAt(h, 0);
    }
}
