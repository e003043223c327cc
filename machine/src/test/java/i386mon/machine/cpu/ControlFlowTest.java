package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.ESP;
import static i386mon.machine.cpu.Cpu.ZF;
import static i386mon.machine.cpu.CpuHarness.STACK_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LOOP LOOPE LOOPNE JECXZ, near CALL and RET (SDM vol. 2). */
class ControlFlowTest {
    @Test
    void loopRunsEcxTimes() {
        CpuHarness h = new CpuHarness().code("mov $5, %ecx\n xor %eax, %eax\n1: inc %eax\n loop 1b").run();
        assertEquals(5, h.reg(EAX));
        assertEquals(0, h.reg(ECX));
    }

    @Test
    void loopWithEcxZeroWrapsAndRunsTwoToThe32Times() {
        // ECX=0: the first decrement gives 0xFFFFFFFF and the loop continues; stop it after 3 rounds
        CpuHarness h = new CpuHarness().code("xor %ecx, %ecx\n xor %eax, %eax\n1: inc %eax\n cmp $3, %eax\n je 2f\n loop 1b\n2:").run();
        assertEquals(0xFFFFFFFE, h.reg(ECX));
    }

    @Test
    void loopWithAddressSizePrefixCountsInCx() {
        CpuHarness h = new CpuHarness().code("mov $0x10003, %ecx\n xor %eax, %eax\n1: inc %eax\n addr16 loop 1b").run();
        assertEquals(3, h.reg(EAX));
        assertEquals(0x10000, h.reg(ECX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"loope, 1, 3", "loopne, 0, 3", "loope, 0, 1", "loopne, 1, 1"})
    void loopeAndLoopneAlsoStopOnTheZeroFlag(String op, int equal, int iterations) {
        // the body leaves ZF = equal: CMP of EBX with itself (ZF=1) or with EBX+1 (ZF=0)
        String cmp = equal == 1 ? "cmp %ebx, %ebx" : "cmp %esi, %ebx";
        CpuHarness h = new CpuHarness().code("mov $3, %ecx\n mov $1, %esi\n xor %eax, %eax\n1: inc %eax\n " + cmp + "\n " + op + " 1b").run();
        assertEquals(iterations, h.reg(EAX));
        assertEquals(3 - iterations, h.reg(ECX));
    }

    @ParameterizedTest(name = "ecx={0}")
    @CsvSource({"0, 1", "1, 0", "0x10000, 0"})
    void jecxzJumpsOnlyWhenEcxIsZero(int ecx, int jumped) {
        CpuHarness h = new CpuHarness().code("mov $1, %eax\n jecxz 1f\n mov $0, %eax\n1:").set(ECX, ecx).run();
        assertEquals(jumped, h.reg(EAX));
    }

    @Test
    void jcxzTestsOnlyCxUnderAddressSizePrefix() {
        CpuHarness h = new CpuHarness().code("mov $1, %eax\n jcxz 1f\n mov $0, %eax\n1:").set(ECX, 0x10000).run();
        assertEquals(1, h.reg(EAX));
    }

    @Test
    void callPushesTheReturnAddressAndRetPopsIt() {
        CpuHarness h = new CpuHarness().code("call 1f\n mov %esp, %ebx\n hlt\n1: mov (%esp), %eax\n ret").run();
        assertEquals(CpuHarness.CODE + 5, h.reg(EAX));
        assertEquals(STACK_TOP, h.reg(EBX));
    }

    @Test
    void retWithImmediateAlsoReleasesArguments() {
        CpuHarness h = new CpuHarness().code("push $1\n push $2\n call 1f\n mov %esp, %ebx\n hlt\n1: ret $8").run();
        assertEquals(STACK_TOP, h.reg(EBX));
    }

    @Test
    void indirectCallThroughRegisterAndMemory() {
        CpuHarness h = new CpuHarness().code("mov $1f, %eax\n movl $2f, 0x80000\n call *%eax\n call *0x80000\n hlt\n"
                + "1: inc %ebx\n ret\n2: add $10, %ebx\n ret").run();
        assertEquals(11, h.reg(EBX));
        assertEquals(STACK_TOP, h.reg(ESP));
    }

    @Test
    void indirectCallThroughEspUsesEspBeforeThePush() {
        // call *(%esp): the target is read before the return address is pushed
        CpuHarness h = new CpuHarness().code("push $1f\n call *(%esp)\n hlt\n1: mov $7, %eax\n hlt").run();
        assertEquals(7, h.reg(EAX));
    }

    @Test
    void loopDoesNotChangeFlags() {
        CpuHarness h = new CpuHarness().code("mov $2, %ecx\n1: loop 1b").eflags(ZF | 2).run();
        assertEquals(ZF, h.flags() & Ref.ARITH);
        assertEquals(0, h.reg(EBX));
    }
}
