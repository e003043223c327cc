package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * EFLAGS.TF: a #DB trap after each instruction that began with TF set, saving the next EIP and
 * setting DR6.BS (SDM vol. 3, 17.3.1.4).
 */
class SingleStepTest {
    /** A #DB handler that logs each saved EIP at 0x80000 + 4 * EBP, counts in EBP and returns. */
    private static final String LOGGING_HANDLER = "jmp start\ndb: mov (%esp),%eax\n mov %eax,0x80000(,%ebp,4)\n inc %ebp\n iret\nstart: xor %ebp,%ebp\n";

    private static CpuHarness harness(String body) {
        CpuHarness h = new CpuHarness().code(LOGGING_HANDLER + body);
        return h.setGate(CpuException.DB, h.label("db"), 0);
    }

    @Test
    void trapFollowsEachInstructionThatBeganWithTfSet() {
        CpuHarness h = harness("pushf\n orl $0x100,(%esp)\n popf\nn1: nop\nn2: nop\nn3: pushf\nn4: andl $~0x100,(%esp)\nn5: popf\nafter: nop").run();
        assertEquals(5, h.reg(Cpu.EBP), "after n1 .. n5; the POPF that set TF did not begin with it");
        int[] want = {h.label("n2"), h.label("n3"), h.label("n4"), h.label("n5"), h.label("after")};
        for (int k = 0; k < want.length; k++) assertEquals(want[k], h.mem.read32(0x80000 + 4L * k), "saved EIP " + k);
    }

    @Test
    void trapSetsDr6SingleStepBit() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x100,(%esp)\n popf\n nop");
        h.run();
        assertEquals(CpuException.DB, h.vector());
        assertEquals(0x4000, h.cpu.dr(6) & 0x4000);
        assertEquals(0, h.flags() & Cpu.TF, "the handler runs with TF clear");
        assertEquals(Cpu.TF, h.stack(2) & Cpu.TF, "the saved EFLAGS has TF");
    }

    @Test
    void softwareInterruptClearsTfWithoutATrapAfterIt() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x100,(%esp)\n popf\n int $0x40\nafter: nop").run();
        assertEquals(0x40, h.vector());
        assertEquals(h.label("after"), h.stack(0));
        assertEquals(0, h.cpu.dr(6) & 0x4000);
    }

    @Test
    void faultingInstructionGivesTheFaultNotTheTrap() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x100,(%esp)\n popf\nfault: ud2").run();
        assertEquals(CpuException.UD, h.vector());
        assertEquals(h.label("fault"), h.stack(0));
    }

    @Test
    void pendingInterruptWaitsForTheSingleStepTrap() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x300,(%esp)\n popf\n nop\nafter: nop");
        h.cpu.run(4); // through the NOP, which began with TF set
        h.cpu.setInterruptSource(new InterruptSource() {
            @Override
            public boolean hasInterrupt() { return true; }

            @Override
            public int acknowledge() { return 0x20; }
        });
        h.run();
        assertEquals(CpuException.DB, h.vector(), "the #DB trap has priority over INTR (SDM vol. 3, table 6-2)");
        assertEquals(h.label("after"), h.stack(0));
    }

    @Test
    void catchpointOnDebugStopsAtTheNextInstruction() {
        CpuHarness h = new CpuHarness().code("pushf\n orl $0x100,(%esp)\n popf\n nop\nafter: nop");
        h.cpu.setCatch(CpuException.DB, true);
        h.run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.DB, h.cpu.lastException().vector);
        assertEquals(h.label("after"), h.cpu.eip());
    }
    @Test
    void breakpointStopBeforeASteppedInstructionDoesNotTrapEarly() {
        CpuHarness h = harness("pushf\n orl $0x100,(%esp)\n popf\nn1: nop\nn2: nop\nn3: nop");
        BreakpointAddresses b = new BreakpointAddresses();
        b.add(h.label("n2"));
        h.cpu.setBreakpoints(b);
        h.cpu.run(1_000);
        assertEquals(Cpu.Stop.BREAKPOINT, h.cpu.stopReason());
        assertEquals(h.label("n2"), h.cpu.eip());
        assertEquals(1, h.reg(Cpu.EBP), "one trap so far, after n1");
        h.cpu.run(7); // n2, then the handler's five instructions
        assertEquals(2, h.reg(Cpu.EBP));
        assertEquals(h.label("n3"), h.mem.read32(0x80004), "the second trap follows n2, not the breakpoint stop");
    }
}
