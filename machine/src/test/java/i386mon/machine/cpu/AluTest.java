package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
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

/** ADD ADC SUB SBB CMP AND OR XOR TEST INC DEC NEG NOT: results and every defined flag on edge values. */
class AluTest {
    /** Bits of EAX/EBX above the operand that an 8- or 16-bit operation must leave alone. */
    static final int GARBAGE = 0x5A5A5A00;

    static String reg(int r, int size) {
        String[] n32 = {"eax", "ecx", "edx", "ebx"};
        String n = n32[r];
        return size == 4 ? n : size == 2 ? n.substring(1) : n.charAt(1) + "l";
    }

    static String suffix(int size) { return size == 4 ? "l" : size == 2 ? "w" : "b"; }

    static Stream<Arguments> binaryForms() {
        List<Arguments> l = new ArrayList<>();
        for (String op : new String[] {"add", "adc", "sub", "sbb", "cmp", "and", "or", "xor", "test"})
            for (int size : new int[] {1, 2, 4}) l.add(Arguments.of(op, size));
        return l.stream();
    }

    static Ref.Out expected(String op, int a, int b, boolean cf, int size) {
        switch (op) {
            case "add": return Ref.add(a, b, false, size);
            case "adc": return Ref.add(a, b, cf, size);
            case "sub": case "cmp": return Ref.sub(a, b, false, size);
            case "sbb": return Ref.sub(a, b, cf, size);
            case "and": case "test": return Ref.logic(a & b, size);
            case "or": return Ref.logic(a | b, size);
            default: return Ref.logic(a ^ b, size);
        }
    }

    /** Runs the loaded code for every edge pair and both initial flag states; reports all mismatches. */
    static void checkPairs(CpuHarness h, String what, int size, boolean writesResult, Expectation e) {
        List<String> bad = new ArrayList<>();
        long m = Ref.umask(size);
        int keep = (int) ~m;
        for (int a : Ref.edges(size)) {
            for (int b : Ref.edges(size)) {
                for (boolean cf : new boolean[] {false, true}) {
                    int before = cf ? Ref.ARITH : 0;
                    h.restart().set(EAX, GARBAGE & keep | a).set(EBX, GARBAGE & keep | b).eflags(before).run();
                    Ref.Out x = e.of(a, b, cf);
                    int want = writesResult ? (GARBAGE & keep | x.value) : (GARBAGE & keep | a);
                    int got = h.reg(EAX), flags = h.flags() & Ref.ARITH;
                    int wantFlags = x.flags & x.defined | before & ~x.defined & ~undefinedMask(x);
                    int mask = Ref.ARITH & ~undefinedMask(x);
                    if (got != want || (flags & mask) != (wantFlags & mask)) {
                        bad.add(String.format("%s a=%x b=%x cf=%b: eax %x (want %x) flags %s (want %s)", what, a, b, cf, got,
                                want, names(flags & mask), names(wantFlags & mask)));
                    }
                }
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches, first: " + String.join("\n", bad.subList(0, Math.min(8, bad.size()))));
    }

    /** Flags the SDM leaves undefined for this result: neither checked nor expected unchanged. */
    private static int undefinedMask(Ref.Out x) { return x.undefined; }

    interface Expectation {
        Ref.Out of(int a, int b, boolean cf);
    }

    static String names(int f) {
        StringBuilder s = new StringBuilder();
        String[] n = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "", "", "", "OF"};
        for (int k = 0; k < n.length; k++) if (!n[k].isEmpty() && (f & 1 << k) != 0) s.append(n[k]).append(' ');
        return s.toString().trim();
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("binaryForms")
    void registerFormGivesResultAndDefinedFlagsOnEdgeValues(String op, int size) {
        CpuHarness h = new CpuHarness().code(op + " %" + reg(EBX, size) + ", %" + reg(EAX, size));
        boolean writes = !op.equals("cmp") && !op.equals("test");
        checkPairs(h, op, size, writes, (a, b, cf) -> expected(op, a, b, cf, size));
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("binaryForms")
    void memoryDestinationFormGivesResultAndFlags(String op, int size) {
        // op %reg, (mem): EAX is stored, operated on in memory, and loaded back
        String r = reg(EAX, size), s = suffix(size);
        CpuHarness h = new CpuHarness().code("mov %" + r + ", 0x80000\n " + op + s + " %" + reg(EBX, size)
                + ", 0x80000\n mov 0x80000, %" + r);
        boolean writes = !op.equals("cmp") && !op.equals("test");
        checkPairs(h, op, size, writes, (a, b, cf) -> expected(op, a, b, cf, size));
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("binaryForms")
    void immediateFormGivesResultAndFlags(String op, int size) {
        // a fixed immediate per run: 0x80 sign-extended (imm8 form) and the size's sign boundary
        for (int imm : new int[] {1, -1, 0x7F, -0x80}) {
            int b = imm & (int) Ref.umask(size);
            String src = op + suffix(size) + " $" + imm + ", %" + reg(EAX, size);
            CpuHarness h = new CpuHarness().code(src);
            boolean writes = !op.equals("cmp") && !op.equals("test");
            List<String> bad = new ArrayList<>();
            for (int a : Ref.edges(size)) {
                for (boolean cf : new boolean[] {false, true}) {
                    h.restart().set(EAX, a).eflags(cf ? Ref.ARITH : 0).run();
                    Ref.Out x = expected(op, a, b, cf, size);
                    int mask = Ref.ARITH & ~x.undefined;
                    int want = writes ? x.value : a;
                    if (h.reg(EAX) != want || (h.flags() & mask) != (x.flags & mask))
                        bad.add(String.format("%s a=%x cf=%b: %x flags %s want %x %s", src, a, cf, h.reg(EAX),
                                names(h.flags() & mask), want, names(x.flags & mask)));
                }
            }
            if (!bad.isEmpty()) fail(String.join("\n", bad));
        }
    }

    @Test
    void highByteRegistersAreAddressedByRegisterNumbersFourToSeven() {
        CpuHarness h = new CpuHarness().code("mov $0x1234, %eax\n mov $0x5678, %ebx\n add %bh, %ah").run();
        assertEquals(0x6834, h.reg(EAX));
        assertEquals(0x5678, h.reg(EBX));
    }

    static Stream<Arguments> unaryForms() {
        List<Arguments> l = new ArrayList<>();
        for (String op : new String[] {"inc", "dec", "neg", "not"})
            for (int size : new int[] {1, 2, 4}) l.add(Arguments.of(op, size));
        return l.stream();
    }

    static Ref.Out unaryExpected(String op, int a, boolean cf, int size) {
        switch (op) {
            case "inc": { Ref.Out o = Ref.add(a, 1, false, size); return new Ref.Out(o.value, o.flags, Ref.ARITH & ~CF); }
            case "dec": { Ref.Out o = Ref.sub(a, 1, false, size); return new Ref.Out(o.value, o.flags, Ref.ARITH & ~CF); }
            case "neg": return Ref.sub(0, a, false, size);
            default: return new Ref.Out(~a & Ref.umask(size), 0, 0);
        }
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("unaryForms")
    void unaryRegisterFormGivesResultAndFlagsAndKeepsTheRest(String op, int size) {
        CpuHarness h = new CpuHarness().code(op + " %" + reg(EAX, size));
        // b is unused: the unary op ignores EBX
        checkPairs(h, op, size, true, (a, b, cf) -> unaryExpected(op, a, cf, size));
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("unaryForms")
    void unaryMemoryFormGivesResultAndFlags(String op, int size) {
        String r = reg(EAX, size);
        CpuHarness h = new CpuHarness().code("mov %" + r + ", 0x80000\n " + op + suffix(size) + " 0x80000\n mov 0x80000, %" + r);
        checkPairs(h, op, size, true, (a, b, cf) -> unaryExpected(op, a, cf, size));
    }

    @Test
    void incKeepsCarryComputedLazilyByAnEarlierAdd() {
        // the ADD's CF is still lazy when INC runs: INC must fold it, not lose it
        CpuHarness h = new CpuHarness().code("mov $-1, %eax\n add $1, %eax\n inc %ebx").run();
        assertEquals(CF, h.flags() & CF);
        assertEquals(0, h.flags() & (ZF | SF | OF | AF | PF) & ~PF);
    }

    @Test
    void adcAfterSubUsesTheBorrowAsCarryIn() {
        CpuHarness h = new CpuHarness().code("mov $1, %eax\n sub $2, %eax\n mov $5, %ecx\n adc $0, %ecx").run();
        assertEquals(6, h.reg(Cpu.ECX));
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @MethodSource("binaryForms")
    void registerFormMatchesTheModelOnRandomOperands(String op, int size) {
        CpuHarness h = new CpuHarness().code(op + " %" + reg(EBX, size) + ", %" + reg(EAX, size));
        boolean writes = !op.equals("cmp") && !op.equals("test");
        java.util.Random rnd = new java.util.Random(op.hashCode() * 31 + size); // fixed seed: reproducible
        List<String> bad = new ArrayList<>();
        int m = (int) Ref.umask(size);
        for (int t = 0; t < 300; t++) {
            int a = rnd.nextInt() & m, b = rnd.nextInt() & m;
            boolean cf = rnd.nextBoolean();
            h.restart().set(EAX, a).set(EBX, b).eflags(cf ? CF : 0).run();
            Ref.Out x = expected(op, a, b, cf, size);
            int mask = Ref.ARITH & ~x.undefined;
            if (h.reg(EAX) != (writes ? x.value : a) || (h.flags() & mask) != (x.flags & mask))
                bad.add(String.format("%s a=%x b=%x cf=%b: %x %s", op, a, b, cf, h.reg(EAX), names(h.flags() & mask)));
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }
}
