package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Maskable interrupts: IF, the one-instruction shadow after STI and MOV SS, and waking from HLT. */
class InterruptTest {
    private static final int IRQ_VECTOR = 0x20;

    /** One interrupt line that the test raises; acknowledging it lowers it. */
    private static final class Line implements InterruptSource {
        boolean raised;
        int acknowledged;

        @Override
        public boolean hasInterrupt() { return raised; }

        @Override
        public int acknowledge() {
            raised = false;
            acknowledged++;
            return IRQ_VECTOR;
        }
    }

    private final Line line = new Line();

    private CpuHarness harness(String code) {
        CpuHarness h = new CpuHarness().code(code);
        h.cpu.setInterruptSource(line);
        return h;
    }

    private void raise(CpuHarness h) {
        line.raised = true;
        h.cpu.interruptLineChanged();
    }

    @Test
    void interruptIsTakenAtTheNextBoundaryWithIfSet() {
        CpuHarness h = harness("mov %ds,%bx\n mov %bx,%ds\nnext: mov $1,%eax");
        h.cpu.setEflags(0x202);
        h.cpu.run(2);
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(h.label("next"), h.stack(0), "interrupted before the next instruction");
        assertEquals(0, h.reg(Cpu.EAX));
        assertEquals(0x202, h.stack(2), "EFLAGS with IF pushed");
    }

    @Test
    void ifClearBlocksInterrupts() {
        CpuHarness h = harness("mov $1,%eax\n mov $2,%ebx");
        raise(h);
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(2, h.reg(Cpu.EBX));
        assertEquals(0, line.acknowledged, "never acknowledged");
        assertTrue(h.cpu.halted());
    }

    @Test
    void stiLetsOneMoreInstructionRunBeforeAPendingInterrupt() {
        CpuHarness h = harness("sti\n mov $1,%eax\nnext: mov $2,%eax");
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(1, h.reg(Cpu.EAX));
        assertEquals(h.label("next"), h.stack(0));
    }

    @Test
    void stiThenHltTakesThePendingInterruptAfterTheHlt() {
        CpuHarness h = harness("sti\n hlt\nnext: mov $2,%eax");
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(h.label("next"), h.stack(0), "the HLT ran, the interrupt returns past it");
        assertEquals(1, line.acknowledged);
    }

    @Test
    void movSsHoldsOffAnInterruptForOneInstruction() {
        CpuHarness h = harness("mov %ss,%bx\n mov %bx,%ss\n mov $1,%eax\nnext: mov $2,%eax");
        h.cpu.setEflags(0x202);
        h.cpu.run(2);
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(1, h.reg(Cpu.EAX));
        assertEquals(h.label("next"), h.stack(0));
    }

    @Test
    void popSsHoldsOffAnInterruptForOneInstruction() {
        CpuHarness h = harness("push %ss\n pop %ss\n mov $1,%eax\nnext: mov $2,%eax");
        h.cpu.setEflags(0x202);
        h.cpu.run(2);
        raise(h);
        h.run();
        assertEquals(1, h.reg(Cpu.EAX));
        assertEquals(h.label("next"), h.stack(0));
    }

    @Test
    void interruptWakesHlt() {
        CpuHarness h = harness("hlt\nnext: mov $2,%eax");
        h.cpu.setEflags(0x202);
        h.run();
        assertTrue(h.cpu.halted());
        assertEquals(Cpu.Stop.HALTED, h.cpu.stopReason());
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(h.label("next"), h.stack(0));
    }

    @Test
    void haltedCpuWithIfClearStaysHalted() {
        CpuHarness h = harness("hlt\nnext: mov $2,%eax");
        h.run();
        raise(h);
        assertEquals(0, h.cpu.run(1000));
        assertTrue(h.cpu.halted());
        assertEquals(0, line.acknowledged);
    }

    @Test
    void interruptDuringARepStringResumesTheString() {
        CpuHarness h = harness("mov $0x80000,%edi\n mov $5000,%ecx\n xor %eax,%eax\n cld\n rep stosb\nnext: nop");
        h.cpu.setEflags(0x202);
        h.cpu.run(5);
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        int saved = h.stack(0);
        assertEquals(h.label("next") - 2, saved, "the interrupt returns to the REP STOSB");
        assertTrue(h.reg(Cpu.ECX) > 0 && h.reg(Cpu.ECX) < 5000, "part of the string done");
    }

    @Test
    void interruptFromRing3SwitchesToTheRing0Stack() {
        CpuHarness h = harness("pushf\n orl $0x200,(%esp)\n popf\n" + CpuHarness.RING3 + "spin: jmp spin");
        h.cpu.run(20);
        assertEquals(3, h.cpu.cpl());
        raise(h);
        h.run();
        assertEquals(IRQ_VECTOR, h.vector());
        assertEquals(CpuHarness.RING0_STACK_TOP - 20, h.reg(Cpu.ESP));
        assertEquals(h.label("spin"), h.stack(0));
        assertEquals(0x1b, h.stack(1));
        assertEquals(0x23, h.stack(4));
    }
}
