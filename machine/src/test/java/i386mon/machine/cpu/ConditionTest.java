package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.PF;
import static i386mon.machine.cpu.Cpu.SF;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 16 conditions of Jcc (short and near), SETcc and CMOVcc (SDM vol. 1, appendix B). */
class ConditionTest {
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    /** The condition from its SDM definition over the flags. */
    static boolean holds(int cc, int f) {
        boolean of = (f & OF) != 0, cf = (f & CF) != 0, zf = (f & ZF) != 0, sf = (f & SF) != 0, pf = (f & PF) != 0;
        boolean v;
        switch (cc >> 1) {
            case 0: v = of; break;
            case 1: v = cf; break;
            case 2: v = zf; break;
            case 3: v = cf || zf; break;
            case 4: v = sf; break;
            case 5: v = pf; break;
            case 6: v = sf != of; break;
            default: v = zf || sf != of; break;
        }
        return (cc & 1) == 0 ? v : !v;
    }

    /** SETcc into BL, CMOVcc ECX into EDX, short Jcc sets ESI, near Jcc sets EDI (flags set by MOV-free code). */
    static String program(int cc) {
        String c = CC[cc];
        return "set" + c + " %bl\n cmov" + c + " %ecx, %edx\n mov $1, %esi\n j" + c + " 1f\n mov $0, %esi\n1: mov $1, %edi\n j" + c
                + " 2f\n mov $0, %edi\n .fill 300, 1, 0x90\n2:";
    }

    @ParameterizedTest(name = "{index}: cc {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void setccCmovccAndJccFollowTheConditionForEveryFlagCombination(int cc) {
        CpuHarness h = new CpuHarness().code(program(cc));
        int[] bits = {OF, CF, ZF, SF, PF};
        List<String> bad = new ArrayList<>();
        for (int combo = 0; combo < 32; combo++) {
            int f = 0;
            for (int k = 0; k < 5; k++) if ((combo & 1 << k) != 0) f |= bits[k];
            h.restart().set(EBX, 0xAAAAAA55).set(ECX, 0x1111).set(EDX, 0x2222).eflags(f).run();
            boolean want = holds(cc, f);
            String got = String.format("setcc %x cmov %x jshort %d jnear %d", h.reg(EBX), h.reg(EDX), h.reg(ESI), h.reg(EDI));
            String exp = String.format("setcc %x cmov %x jshort %d jnear %d", 0xAAAAAA00 | (want ? 1 : 0), want ? 0x1111 : 0x2222,
                    want ? 1 : 0, want ? 1 : 0);
            if (!got.equals(exp)) bad.add(CC[cc] + " flags " + AluTest.names(f) + ": " + got + ", want " + exp);
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad));
    }

    @ParameterizedTest(name = "{index}: cc {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void conditionsAfterCmpMatchSignedAndUnsignedComparisons(int cc) {
        // the flags are still lazy (from the CMP) when the conditions read them
        CpuHarness h = new CpuHarness().code("cmp %ecx, %eax\n set" + CC[cc] + " %bl");
        List<String> bad = new ArrayList<>();
        for (int a : Ref.edges(4)) {
            for (int b : Ref.edges(4)) {
                h.restart().set(EAX, a).set(ECX, b).set(EBX, 0).run();
                long d = (long) a - b;
                boolean of = d != (int) d;
                boolean want;
                switch (cc >> 1) {
                    case 0: want = of; break;
                    case 1: want = Integer.compareUnsigned(a, b) < 0; break;
                    case 2: want = a == b; break;
                    case 3: want = Integer.compareUnsigned(a, b) <= 0; break;
                    case 4: want = (a - b) < 0; break;
                    case 5: want = Integer.bitCount((a - b) & 0xFF) % 2 == 0; break;
                    case 6: want = a < b; break;
                    default: want = a <= b; break;
                }
                if ((cc & 1) != 0) want = !want;
                if ((h.reg(EBX) == 1) != want) bad.add(String.format("cmp %x, %x: set%s gave %d", b, a, CC[cc], h.reg(EBX)));
            }
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad));
    }

    @ParameterizedTest(name = "{index}: cc {0}")
    @ValueSource(ints = {2, 4, 12})
    void cmovWithAFalseConditionStillReadsItsMemoryOperand(int cc) {
        // the source is read whatever the condition (SDM vol. 2, CMOVcc): an unreadable one faults
        CpuHarness h = new CpuHarness().code("cmov" + CC[cc] + " 0xFFFFFFFE, %eax").eflags(0);
        h.cpu.loadFlatSegment(Cpu.DS, 0x10, 0x00409200_0000FFFFL); // DS limit 0xFFFF: the operand is outside
        h.run();
        if (h.vector() != 13) fail("vector " + h.vector());
    }
}
