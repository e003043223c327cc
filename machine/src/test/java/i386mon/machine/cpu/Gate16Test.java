package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 16-bit gates in protected mode: interrupt and trap gates of type 6/7 push FLAGS, CS, IP (and the
 * error code, and SS:SP on a privilege change) as words and enter at a 16-bit offset (SDM vol. 3,
 * 6.12.1); call gates of type 4 copy their parameters as words and push a 16-bit return frame
 * (SDM vol. 3, 5.8.5); IRET and RETF with a 16-bit operand size undo them. The code runs in
 * segments based at {@link CpuHarness#CODE} so that its offsets fit in 16 bits. Every case loops
 * through the gate past the compile threshold and runs in both engines: the compiled run must end
 * in the interpreter's state.
 */
class Gate16Test {
    /** Ring-0 and ring-3 32-bit code segments based at CODE (offsets below 64 KiB), and the 16-bit gates. */
    private static final int CODE0 = 0x38, CODE3 = 0x43, GATE_CALL3 = 0x48, GATE_CALL0 = 0x50;
    private static final int VECTOR = 0x40, ITERATIONS = BlockCompiler.THRESHOLD * 3;
    /** The ring-3 stack top: below 64 KiB, so the SP saved in a 16-bit frame is the whole ESP. */
    private static final int USER_STACK = 0x9000;
    /** Enters CODE0 at the next instruction (the code is assembled at CODE, so offsets are label - CODE). */
    private static final String INTO_CODE0 = "ljmp $0x38,$in0-0x10000\nin0:\n";
    /** From CODE0, enters ring 3 in CODE3 with SS 0x23 and ESP {@link #USER_STACK}. */
    private static final String INTO_RING3 = "mov $0x23,%ax\n mov %ax,%ds\n mov %ax,%es\n mov %ax,%fs\n mov %ax,%gs\n"
            + " push $0x23\n push $0x9000\n pushf\n push $0x43\n push $in3-0x10000\n iret\nin3:\n";

    private static CpuHarness harness(boolean compiled, String source) {
        CpuHarness h = new CpuHarness().code(source);
        h.cpu.setCompilerEnabled(compiled);
        h.gdt(7, CpuHarness.descriptor(CpuHarness.CODE, 0xFFFF, 0x9A, 0x4));
        h.gdt(8, CpuHarness.descriptor(CpuHarness.CODE, 0xFFFF, 0xFA, 0x4));
        return h;
    }

    /** A 16-bit interrupt (type 6) or trap (type 7) gate to CODE0:label. */
    private static void gate16(CpuHarness h, int vector, String label, int type, int dpl) {
        int off = h.label(label) - CpuHarness.CODE;
        long gate = (off & 0xFFFFL) | (long) CODE0 << 16 | (long) (0x8000 | dpl << 13 | type << 8) << 32;
        h.mem.write64(CpuHarness.IDT + 8L * vector, gate);
    }

    /** A 16-bit call gate (type 4) to CODE0:label copying {@code words} parameters. */
    private static long callGate16(CpuHarness h, String label, int dpl, int words) {
        int off = h.label(label) - CpuHarness.CODE;
        return (off & 0xFFFFL) | (long) CODE0 << 16 | (long) (0x8000 | dpl << 13 | 4 << 8 | words) << 32;
    }

    /** Runs {@code h}, checks that the loop ended at {@code int $0x80} and returns the final registers. */
    private static int[] finish(CpuHarness h) {
        h.run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector(), () -> "ended at int $0x80, not in an exception at "
                + Integer.toHexString(h.stack(1)) + " (error code " + Integer.toHexString(h.stack(0)) + ")");
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        return regs;
    }

    /** The same program's final registers, interpreted then compiled, must agree. */
    private static int[] bothEngines(Function<Boolean, CpuHarness> program) {
        int[] interpreted = finish(program.apply(false));
        CpuHarness compiledRun = program.apply(true);
        int[] compiled = finish(compiledRun);
        assertTrue(compiledRun.cpu.compiledBlocks() > 0, "the compiled run compiled the loop");
        assertEquals(Arrays.toString(interpreted), Arrays.toString(compiled), "compiled == interpreted");
        return compiled;
    }

    /** Loop body that counts down EDI and finishes with int $0x80 when it reaches zero. */
    private static String loop(String body) {
        return " mov $" + ITERATIONS + ",%edi\nagain: " + body + "\n dec %edi\n jnz again\n int $0x80\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void sameLevelGate16PushesFlagsCsIpAsWordsAndIretwReturns(int type) {
        String src = "jmp start\nhandler: mov %esp,%ebp\n movzwl (%esp),%eax\n movzwl 2(%esp),%ebx\n"
                + " movzwl 4(%esp),%ecx\n pushf\n pop %edx\n iretw\nstart: " + INTO_CODE0 + " sti\n mov %esp,%esi\n"
                + loop("int $0x40\nback:");
        int[] r = bothEngines(compiled -> {
            CpuHarness h = harness(compiled, src);
            gate16(h, VECTOR, "handler", type, 0);
            return h;
        });
        CpuHarness h = harness(false, src);
        assertEquals(h.label("back") - CpuHarness.CODE, r[Cpu.EAX], "IP");
        assertEquals(CODE0, r[Cpu.EBX], "CS");
        assertEquals(0x202, r[Cpu.ECX] & 0x202, "FLAGS with IF as before");
        assertEquals(r[Cpu.ESI] - 6, r[Cpu.EBP], "three words pushed");
        assertEquals(type == 7 ? 0x200 : 0, r[Cpu.EDX] & 0x200, "an interrupt gate clears IF, a trap gate keeps it");
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void gate16FromRing3PushesSsSpFlagsCsIpAsWordsOnTheTssStack(int type) {
        String src = "jmp start\nhandler: mov %esp,%ebp\n movzwl (%esp),%eax\n movzwl 2(%esp),%ebx\n"
                + " movzwl 6(%esp),%ecx\n movzwl 8(%esp),%edx\n mov %cs,%esi\n iretw\nstart: " + INTO_CODE0 + INTO_RING3
                + loop("int $0x40\nback:");
        int[] r = bothEngines(compiled -> {
            CpuHarness h = harness(compiled, src);
            gate16(h, VECTOR, "handler", type, 3);
            return h;
        });
        CpuHarness h = harness(false, src);
        gate16(h, VECTOR, "handler", type, 3);
        assertEquals(h.label("back") - CpuHarness.CODE, r[Cpu.EAX], "IP");
        assertEquals(CODE3, r[Cpu.EBX], "CS");
        assertEquals(USER_STACK, r[Cpu.ECX], "SP");
        assertEquals(0x23, r[Cpu.EDX], "SS");
        assertEquals(CODE0, r[Cpu.ESI], "the handler ran in ring 0");
        assertEquals(CpuHarness.RING0_STACK_TOP - 10, r[Cpu.EBP], "five words on the TSS stack");
        assertEquals(USER_STACK, h.run().stack(3), "IRETW restored the ring-3 SP (seen by the final int $0x80)");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void exceptionThroughGate16FromRing3PushesAWordErrorCode(boolean compiled) {
        CpuHarness h = harness(compiled, "jmp start\nhandler: mov %esp,%ebp\n movzwl (%esp),%eax\n movzwl 2(%esp),%ebx\n"
                + " movzwl 4(%esp),%ecx\n movzwl 8(%esp),%edx\n int $0x80\nstart: " + INTO_CODE0 + INTO_RING3
                + "fault: hlt");
        gate16(h, CpuException.GP, "handler", 6, 0);
        h.run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(CpuHarness.RING0_STACK_TOP - 12, h.reg(Cpu.EBP), "error code and five words");
        assertEquals(0, h.reg(Cpu.EAX), "error code");
        assertEquals(h.label("fault") - CpuHarness.CODE, h.reg(Cpu.EBX), "IP of the faulting HLT");
        assertEquals(CODE3, h.reg(Cpu.ECX), "CS");
        assertEquals(USER_STACK, h.reg(Cpu.EDX), "SP");
    }

    @Test
    void gate16EntersAtA16BitOffsetWithTheHighHalfOfEipClear() {
        CpuHarness h = harness(false, "jmp start\nhandler: call here\nhere: pop %eax\n int $0x80\nstart: " + INTO_CODE0 + "int $0x40");
        gate16(h, VECTOR, "handler", 6, 0);
        h.mem.write32(CpuHarness.IDT + 8L * VECTOR + 4, h.mem.read32(CpuHarness.IDT + 8L * VECTOR + 4) | 0x12340000);
        h.run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector(), "no #GP for an offset beyond the 64 KiB limit");
        assertEquals(h.label("here") - CpuHarness.CODE, h.reg(Cpu.EAX), "the gate's high offset word is ignored");
    }

    @Test
    void callGate16FromRing3CopiesWordParametersAndRetfwImmReleasesThem() {
        String src = "jmp start\ntarget: mov %esp,%ebp\n movzwl (%esp),%eax\n movzwl 2(%esp),%ebx\n"
                + " movzwl 4(%esp),%ecx\n movzwl 6(%esp),%edx\n movzwl 8(%esp),%esi\n lretw $4\nstart: " + INTO_CODE0
                + INTO_RING3 + loop("pushw $0x11\n pushw $0x22\n lcall $0x4b,$0\nback: mov %esp,%ebx");
        int[] r = bothEngines(compiled -> {
            CpuHarness h = harness(compiled, src);
            h.gdt(9, callGate16(h, "target", 3, 2));
            return h;
        });
        CpuHarness h = harness(false, src);
        assertEquals(h.label("back") - CpuHarness.CODE, r[Cpu.EAX], "IP");
        assertEquals(0x22, r[Cpu.ECX], "the last-pushed parameter is nearest the return address");
        assertEquals(0x11, r[Cpu.EDX]);
        assertEquals(USER_STACK - 4, r[Cpu.ESI], "SP after the parameters");
        assertEquals(CpuHarness.RING0_STACK_TOP - 12, r[Cpu.EBP], "SS, SP, two parameters, CS, IP as words");
        assertEquals(USER_STACK, r[Cpu.EBX], "RETFW 4 released the caller's parameters too");
    }

    @Test
    void callGate16AtTheSameLevelPushesCsIpAsWords() {
        String src = "jmp start\ntarget: mov %esp,%ebp\n movzwl (%esp),%eax\n movzwl 2(%esp),%ebx\n"
                + " lretw\nstart: " + INTO_CODE0 + " mov %esp,%esi\n" + loop("lcall $0x50,$0\nback:");
        int[] r = bothEngines(compiled -> {
            CpuHarness h = harness(compiled, src);
            h.gdt(10, callGate16(h, "target", 0, 0));
            return h;
        });
        CpuHarness h = harness(false, src);
        assertEquals(h.label("back") - CpuHarness.CODE, r[Cpu.EAX], "IP");
        assertEquals(CODE0, r[Cpu.EBX], "CS");
        assertEquals(r[Cpu.ESI] - 4, r[Cpu.EBP], "two words pushed");
        assertEquals(r[Cpu.ESI], r[Cpu.ESP] + 12, "RETFW popped them (the final int $0x80 pushed 12 bytes)");
    }
}
