package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MUL, IMUL (1-, 2- and 3-operand), DIV and IDIV including #DE (SDM vol. 2). */
class MulDivTest {
    private static long u(int v, int size) { return v & Ref.umask(size); }

    @ParameterizedTest(name = "{0}-byte")
    @ValueSource(ints = {1, 2, 4})
    void mulGivesTheDoubleWidthProductAndCarryWhenTheHighHalfIsUsed(int size) {
        checkOneOperandMultiply("mul", size, false);
    }

    @ParameterizedTest(name = "{0}-byte")
    @ValueSource(ints = {1, 2, 4})
    void oneOperandImulGivesTheSignedProductAndCarryWhenItDoesNotFitTheLowHalf(int size) {
        checkOneOperandMultiply("imul", size, true);
    }

    private static void checkOneOperandMultiply(String op, int size, boolean signed) {
        CpuHarness h = new CpuHarness().code(op + " %" + AluTest.reg(EBX, size));
        List<String> bad = new ArrayList<>();
        int w = size * 8;
        for (int a : Ref.edges(size)) {
            for (int b : Ref.edges(size)) {
                h.restart().set(EAX, 0x5A5A5A5A & ~(int) Ref.umask(size) | a).set(EBX, b).set(EDX, 0x77777777).run();
                long p = signed ? Ref.signed(a, size) * Ref.signed(b, size) : u(a, size) * u(b, size);
                long lo = p & Ref.umask(size), hi = (p >> w) & Ref.umask(size);
                boolean wide = signed ? !Ref.fitsSigned(p, size) : hi != 0;
                long got;
                if (size == 1) got = h.reg(EAX) & 0xFFFF;
                else got = (u(h.reg(EDX), size) << w) | u(h.reg(EAX), size);
                long want = (hi << w) | lo;
                int flags = h.flags() & (CF | OF);
                if (got != want || flags != (wide ? CF | OF : 0)) bad.add(String.format("%s a=%x b=%x: %x %s want %x CF=OF=%b", op, a, b, got,
                        AluTest.names(flags), want, wide));
                if (size == 1 && (h.reg(EAX) >>> 16) != 0x5A5A) bad.add("8-bit multiply changed EAX above AX");
                if (size == 1 && h.reg(EDX) != 0x77777777) bad.add("8-bit multiply changed EDX");
                if (size == 2 && (h.reg(EDX) >>> 16) != 0x7777) bad.add("16-bit multiply changed EDX above DX");
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"imul %ebx, %eax| 4", "imul %bx, %ax| 2", "imul $-3, %ebx, %eax| 4",
        "imul $0x12345, %ebx, %eax| 4", "imul $-128, %bx, %ax| 2", "imul $0x7FFF, %bx, %ax| 2"})
    void twoAndThreeOperandImulTruncateAndSetCarryAndOverflowTogether(String insn, int size) {
        CpuHarness h = new CpuHarness().code(insn);
        Long imm = insn.contains("$") ? Long.decode(insn.substring(insn.indexOf('$') + 1, insn.indexOf(','))) : null;
        List<String> bad = new ArrayList<>();
        for (int a : Ref.edges(size)) {
            for (int b : Ref.edges(size)) {
                h.restart().set(EAX, a).set(EBX, b).run();
                long p = imm != null ? Ref.signed(b, size) * imm : Ref.signed(a, size) * Ref.signed(b, size);
                boolean wide = !Ref.fitsSigned(p, size);
                long got = u(h.reg(EAX), size);
                int flags = h.flags() & (CF | OF);
                if (got != (p & Ref.umask(size)) || flags != (wide ? CF | OF : 0))
                    bad.add(String.format("%s a=%x b=%x: %x %s want %x CF=OF=%b", insn, a, b, got, AluTest.names(flags), p & Ref.umask(size), wide));
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @CsvSource({"div, 1", "div, 2", "div, 4", "idiv, 1", "idiv, 2", "idiv, 4"})
    void divisionGivesQuotientAndRemainderOrDivideErrorWithRegistersUnchanged(String op, int size) {
        boolean signed = op.equals("idiv");
        int w = size * 8;
        CpuHarness h = new CpuHarness().code(op + " %" + AluTest.reg(EBX, size));
        List<String> bad = new ArrayList<>();
        long[] dividends = {0, 1, 7, -1, -7, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFFL, 0x80000000L,
            0xFFFFFFFFL, 0x1_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE, -0x80L, -0x8000L, -0x80000000L, -0x81L};
        for (long n0 : dividends) {
            long n = n0 & (w == 32 ? -1L : (1L << (2 * w)) - 1); // the dividend is twice the operand width
            for (int b : Ref.edges(size)) {
                int eax = size == 4 ? (int) n : size == 2 ? 0x11110000 | (int) (n & 0xFFFF) : 0x11110000 | (int) (n & 0xFFFF);
                int edx = size == 4 ? (int) (n >>> 32) : size == 2 ? 0x22220000 | (int) ((n >>> 16) & 0xFFFF) : 0x22222222;
                h.restart().set(EAX, eax).set(EDX, edx).set(EBX, b).run();
                long dividend = signed ? (size == 4 ? n : (n << (64 - 2 * w)) >> (64 - 2 * w)) : n;
                long divisor = signed ? Ref.signed(b, size) : u(b, size);
                boolean de;
                long q = 0, r = 0;
                if (divisor == 0) de = true;
                else if (signed) {
                    if (size == 4 && dividend == Long.MIN_VALUE && divisor == -1) de = true;
                    else {
                        q = dividend / divisor;
                        r = dividend % divisor;
                        de = !Ref.fitsSigned(q, size);
                    }
                } else {
                    q = Long.divideUnsigned(dividend, divisor);
                    r = Long.remainderUnsigned(dividend, divisor);
                    de = Long.compareUnsigned(q, Ref.umask(size)) > 0;
                }
                String what = String.format("%s n=%x d=%x", op, n, b);
                if (de) {
                    if (h.vector() != 0) bad.add(what + ": no #DE");
                    if (h.reg(EAX) != eax || h.reg(EDX) != edx) bad.add(what + ": registers changed by a faulting division");
                    if (h.stack(0) != CpuHarness.CODE) bad.add(what + ": #DE frame EIP " + Integer.toHexString(h.stack(0)));
                    continue;
                }
                int wantEax, wantEdx;
                if (size == 1) {
                    wantEax = 0x11110000 | (int) (r & 0xFF) << 8 | (int) (q & 0xFF);
                    wantEdx = edx;
                } else if (size == 2) {
                    wantEax = 0x11110000 | (int) (q & 0xFFFF);
                    wantEdx = 0x22220000 | (int) (r & 0xFFFF);
                } else {
                    wantEax = (int) q;
                    wantEdx = (int) r;
                }
                if (h.vector() != -1 || h.reg(EAX) != wantEax || h.reg(EDX) != wantEdx)
                    bad.add(String.format("%s: eax %x edx %x want %x %x (vector %d)", what, h.reg(EAX), h.reg(EDX), wantEax, wantEdx, h.vector()));
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @Test
    void divideErrorFrameHoldsTheFaultingInstructionAndFlags() {
        CpuHarness h = new CpuHarness().code("nop\n div %ecx").set(ECX, 0).set(EAX, 5).eflags(CF | 2).run();
        assertEquals(0, h.vector());
        assertEquals(CpuHarness.CODE + 1, h.stack(0));
        assertEquals(0x08, h.stack(1) & 0xFFFF);
        assertEquals(CF | 2, h.stack(2) & 0xFFF);
        assertEquals(CpuHarness.STACK_TOP - 12, h.reg(Cpu.ESP));
        assertEquals(5, h.reg(EAX));
    }

    @Test
    void divisionByAMemoryOperandOfZeroRaisesDivideError() {
        CpuHarness h = new CpuHarness().code("movl $0, 0x80000\n mov $9, %eax\n divl 0x80000").run();
        assertEquals(0, h.vector());
        assertEquals(9, h.reg(EAX));
        assertEquals(0, h.reg(ECX));
    }
}
