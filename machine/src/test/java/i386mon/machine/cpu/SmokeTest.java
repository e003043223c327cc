package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsAStraightLineProgramToHlt() {
        CpuHarness h = new CpuHarness().code("mov $5, %eax\n add $7, %eax\n mov %eax, %ebx").run();
        assertEquals(12, h.reg(Cpu.EBX));
        assertEquals(-1, h.vector());
    }

    @Test
    void loopsWithConditionalJumps() {
        CpuHarness h = new CpuHarness().code("xor %eax,%eax\n mov $10,%ecx\n1: add %ecx,%eax\n dec %ecx\n jnz 1b").run();
        assertEquals(55, h.reg(Cpu.EAX));
    }

    @Test
    void divideByZeroDeliversVectorZero() {
        CpuHarness h = new CpuHarness().code("xor %ecx,%ecx\n div %ecx").run();
        assertEquals(0, h.vector());
    }
}
