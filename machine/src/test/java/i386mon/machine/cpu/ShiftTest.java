package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.PF;
import static i386mon.machine.cpu.Cpu.SF;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SHL SHR SAR ROL ROR RCL RCR against a bit-by-bit model of the SDM pseudocode (vol. 2, SAL/SAR/
 * SHL/SHR and RCL/RCR/ROL/ROR): counts 0, 1, width-1, width, above width and above 31 (masked to
 * five bits), both CF inputs. Flags the SDM leaves undefined are not checked.
 */
class ShiftTest {
    static final String[] KINDS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};

    /** Expected result and flags per the SDM pseudocode, iterating one bit at a time. */
    static Ref.Out model(int kind, int value, int count, boolean cfIn, int before, int size) {
        int w = size * 8;
        long m = Ref.umask(size), msb = 1L << (w - 1);
        long d = value & m;
        int c = count & 0x1F;
        if (c == 0) return new Ref.Out(d, before, 0);
        boolean cf = cfIn;
        int undefined = 0;
        switch (kind) {
            case 0: case 1: { // ROL ROR: CF and OF only
                int t = c % w;
                for (int k = 0; k < t; k++) {
                    if (kind == 0) d = ((d << 1) | (d >>> (w - 1))) & m;
                    else d = ((d >>> 1) | ((d & 1) << (w - 1))) & m;
                }
                cf = kind == 0 ? (d & 1) != 0 : (d & msb) != 0;
                boolean of = kind == 0 ? ((d & msb) != 0) != cf : ((d & msb) != 0) != ((d & (msb >>> 1)) != 0);
                if (c != 1) undefined |= OF;
                return new Ref.Out(d, (cf ? CF : 0) | (of ? OF : 0), CF | OF, undefined);
            }
            case 2: case 3: { // RCL RCR: through CF, (w+1)-bit rotate
                int t = size == 4 ? c : c % (w + 1);
                boolean of = kind == 3 && ((d & msb) != 0) != cfIn;
                for (int k = 0; k < t; k++) {
                    if (kind == 2) {
                        boolean out = (d & msb) != 0;
                        d = ((d << 1) | (cf ? 1 : 0)) & m;
                        cf = out;
                    } else {
                        boolean out = (d & 1) != 0;
                        d = (d >>> 1) | (cf ? msb : 0);
                        cf = out;
                    }
                }
                if (kind == 2) of = ((d & msb) != 0) != cf;
                if (c != 1) undefined |= OF;
                return new Ref.Out(d, (cf ? CF : 0) | (of ? OF : 0), CF | OF, undefined);
            }
            default: { // SHL SHR SAL SAR
                long orig = d;
                for (int k = 0; k < c; k++) {
                    if (kind == 4 || kind == 6) {
                        cf = (d & msb) != 0;
                        d = (d << 1) & m;
                    } else {
                        cf = (d & 1) != 0;
                        d = kind == 7 ? (d >>> 1) | (d & msb) : d >>> 1;
                    }
                }
                boolean of;
                if (kind == 4 || kind == 6) of = ((d & msb) != 0) != cf;
                else if (kind == 5) of = (orig & msb) != 0;
                else of = false;
                undefined |= AF;
                if (c != 1) undefined |= OF;
                if (c >= w && kind != 7) undefined |= CF; // SHL/SHR with count >= width: CF undefined
                return new Ref.Out(d, Ref.szp(d, size) | (cf ? CF : 0) | (of ? OF : 0), Ref.ARITH, undefined);
            }
        }
    }

    static int[] counts(int size) {
        int w = size * 8;
        return new int[] {0, 1, 2, w - 1, w, w + 1, 31, 32, 33, 0xFF};
    }

    static Stream<Arguments> forms() {
        List<Arguments> l = new ArrayList<>();
        for (int k = 0; k < 8; k++) for (int size : new int[] {1, 2, 4}) l.add(Arguments.of(KINDS[k], k, size));
        return l.stream();
    }

    private static void check(CpuHarness h, String what, int kind, int size, int[] counts, boolean useCl) {
        List<String> bad = new ArrayList<>();
        int keep = (int) ~Ref.umask(size);
        for (int count : counts) {
            for (int a : Ref.edges(size)) {
                for (boolean cf : new boolean[] {false, true}) {
                    int before = cf ? Ref.ARITH : 0;
                    h.restart().set(EAX, AluTest.GARBAGE & keep | a).set(ECX, useCl ? count : 0).eflags(before).run();
                    Ref.Out x = model(kind, a, count, cf, before, size);
                    int mask = Ref.ARITH & ~x.undefined;
                    int wantFlags = (x.flags & x.defined | before & ~x.defined) & mask;
                    int want = AluTest.GARBAGE & keep | x.value;
                    if (h.reg(EAX) != want || (h.flags() & mask) != wantFlags)
                        bad.add(String.format("%s a=%x count=%d cf=%b: %x %s, want %x %s", what, a, count, cf, h.reg(EAX),
                                AluTest.names(h.flags() & mask), want, AluTest.names(wantFlags)));
                }
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @ParameterizedTest(name = "{0} {2}-byte")
    @MethodSource("forms")
    void countInClGivesSdmResultAndFlags(String name, int kind, int size) {
        CpuHarness h = new CpuHarness().code(name + " %cl, %" + AluTest.reg(EAX, size));
        check(h, name + " cl", kind, size, counts(size), true);
    }

    @ParameterizedTest(name = "{0} {2}-byte")
    @MethodSource("forms")
    void immediateCountGivesSdmResultAndFlags(String name, int kind, int size) {
        for (int count : counts(size)) {
            if (count == 1) continue;
            CpuHarness h = new CpuHarness().code(name + AluTest.suffix(size) + " $" + count + ", %" + AluTest.reg(EAX, size));
            check(h, name + " $" + count, kind, size, new int[] {count}, false);
        }
    }

    @ParameterizedTest(name = "{0} {2}-byte")
    @MethodSource("forms")
    void shiftByOneFormGivesSdmResultAndFlags(String name, int kind, int size) {
        // hand-encoded D0/D1 /kind with ModRM mod=3 rm=EAX, so the assembler cannot pick another form
        int[] code = size == 2 ? new int[] {0x66, 0xD1, 0xC0 | kind << 3} : new int[] {size == 1 ? 0xD0 : 0xD1, 0xC0 | kind << 3};
        CpuHarness h = new CpuHarness().bytes(code);
        check(h, name + " 1", kind, size, new int[] {1}, false);
    }

    @ParameterizedTest(name = "{0} {2}-byte")
    @MethodSource("forms")
    void memoryOperandGivesSdmResultAndFlags(String name, int kind, int size) {
        String r = AluTest.reg(EAX, size);
        CpuHarness h = new CpuHarness().code("mov %" + r + ", 0x80000\n " + name + AluTest.suffix(size) + " %cl, 0x80000\n mov 0x80000, %" + r);
        check(h, name + " mem", kind, size, counts(size), true);
    }

    @Test
    void zeroCountOnMemoryStillReadsTheOperandAndChangesNothing() {
        CpuHarness h = new CpuHarness().code("movl $0x80000001, 0x80000\n xor %ecx, %ecx\n stc\n shll %cl, 0x80000\n setc %bl");
        h.run();
        assertEquals(0x80000001, h.mem.read32(0x80000));
        assertEquals(1, h.reg(Cpu.EBX) & 0xFF);
    }

    @Test
    void zeroCountKeepsLazyFlagsOfThePreviousInstruction() {
        // ZF from the CMP is still lazy; a count of 0 must not disturb it
        CpuHarness h = new CpuHarness().code("mov $3, %eax\n cmp $3, %eax\n mov $32, %ecx\n shl %cl, %eax\n setz %bl").run();
        assertEquals(1, h.reg(Cpu.EBX) & 0xFF);
        assertEquals(3, h.reg(EAX));
    }

    @Test
    void rotatesLeaveSignZeroParityAndAuxiliaryFlagsAlone() {
        CpuHarness h = new CpuHarness().code("mov $0, %eax\n rol $4, %eax").eflags(SF | PF | AF).run();
        assertEquals(SF | PF | AF, h.flags() & (SF | PF | AF | ZF));
    }
}
