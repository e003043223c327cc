package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lazy flags read directly by a consumer (Jcc/SETcc conditions, ADC's carry, INC keeping CF)
 * agree with the flags PUSHF materializes, whatever instruction produced them.
 */
class LazyFlagsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"add %ecx, %eax", "adc %ecx, %eax", "sub %ecx, %eax", "sbb %ecx, %eax", "cmp %ecx, %eax",
        "and %ecx, %eax", "or %cx, %ax", "xor %cl, %al", "test %ecx, %eax", "inc %eax", "dec %ax", "neg %eax", "neg %al",
        "shl %cl, %eax", "shr %cl, %ax", "sar %cl, %al", "rol %cl, %eax", "rcr %cl, %eax", "imul %ecx, %eax", "mul %ecx",
        "bt %ecx, %eax", "bsf %ecx, %eax", "shld %cl, %ecx, %eax", "daa", "das", "aaa", "aam", "xadd %ecx, %eax", "cmpxchg %ecx, %edx",
        "add $1, %al", "sub $0x80, %al"})
    void consumersSeeTheSameFlagsAsPushf(String producer) {
        CpuHarness ref = new CpuHarness().code(producer + "\n pushf\n pop %esi");
        // SETcc changes no flag: all sixteen read the producer's (still lazy) flags, one byte each at 0x80000
        StringBuilder sets = new StringBuilder(producer);
        for (int k = 0; k < 16; k++) sets.append("\n set").append(ConditionTest.CC[k]).append(" 0x").append(Integer.toHexString(0x80000 + k));
        CpuHarness cc = new CpuHarness().code(sets.toString());
        CpuHarness adc = new CpuHarness().code(producer + "\n mov $0, %ebx\n adc $0, %ebx");
        CpuHarness sbb = new CpuHarness().code(producer + "\n mov $0, %edi\n sbb $0, %edi");
        CpuHarness inc = new CpuHarness().code(producer + "\n inc %ebx\n pushf\n pop %esi");
        Random rnd = new Random(2);
        List<String> bad = new ArrayList<>();
        for (int t = 0; t < 80; t++) {
            int a = t < 13 ? Ref.edges(4)[t] : rnd.nextInt();
            int c = Ref.edges(4)[(t * 7) % 13] ^ (t > 26 ? rnd.nextInt() : 0);
            int d = t % 3 == 0 ? a : rnd.nextInt();
            int fin = (t & 1) != 0 ? Ref.ARITH : 0;
            ref.restart().set(EAX, a).set(ECX, c).set(EDX, d).eflags(fin).run();
            int f = ref.reg(ESI);
            cc.restart().set(EAX, a).set(ECX, c).set(EDX, d).eflags(fin).run();
            for (int k = 0; k < 16; k++) {
                int got = cc.mem.read8(0x80000 + k);
                if ((got == 1) != ConditionTest.holds(k, f))
                    bad.add(String.format("%s a=%x c=%x: set%s=%d but pushf %s", producer, a, c, ConditionTest.CC[k], got, AluTest.names(f)));
            }
            adc.restart().set(EAX, a).set(ECX, c).set(EDX, d).eflags(fin).run();
            sbb.restart().set(EAX, a).set(ECX, c).set(EDX, d).eflags(fin).run();
            int carry = (f & CF) != 0 ? 1 : 0;
            if (adc.reg(EBX) != carry || sbb.reg(Cpu.EDI) != -carry) bad.add(String.format("%s a=%x c=%x: adc gave %d, sbb %d, pushf CF=%d",
                    producer, a, c, adc.reg(EBX), sbb.reg(Cpu.EDI), carry));
            inc.restart().set(EAX, a).set(ECX, c).set(EDX, d).set(EBX, 0).eflags(fin).run();
            if ((inc.reg(ESI) & CF) != (f & CF)) bad.add(String.format("%s a=%x c=%x: INC lost CF", producer, a, c));
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }
}
