package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BT BTS BTR BTC, BSF BSR, SHLD SHRD and BSWAP (SDM vol. 2). */
class BitsTest {
    static final int MEM = 0x80000;

    @ParameterizedTest(name = "{0} bit {1} of {2}")
    @CsvSource({
        "bt, 0, 0x00000001, 0x00000001, true", "bt, 31, 0x80000000, 0x80000000, true", "bt, 32, 0x00000001, 0x00000001, true",
        "bt, -1, 0x80000000, 0x80000000, true", "bt, 5, 0xFFFFFFDF, 0xFFFFFFDF, false",
        "bts, 4, 0x00000000, 0x00000010, false", "bts, 36, 0x00000010, 0x00000010, true",
        "btr, 31, 0x80000001, 0x00000001, true", "btr, 3, 0x00000000, 0x00000000, false",
        "btc, 0, 0x00000001, 0x00000000, true", "btc, 63, 0x00000000, 0x80000000, false"})
    void registerFormTestsTheBitModuloTheWidthIntoCarry(String op, int bit, long value, long after, boolean cf) {
        CpuHarness h = new CpuHarness().code(op + " %ecx, %eax").set(EAX, (int) value).set(ECX, bit).run();
        assertEquals((int) after, h.reg(EAX));
        assertEquals(cf, h.flag(CF));
    }

    @Test
    void btLeavesZeroFlagAlone() {
        CpuHarness h = new CpuHarness().code("bt $0, %eax").set(EAX, 1).eflags(ZF).run();
        assertTrue(h.flag(ZF));
    }

    @Test
    void sixteenBitRegisterFormMasksTheOffsetToFourBits() {
        CpuHarness h = new CpuHarness().code("bts %cx, %ax").set(EAX, 0xFFFF0000).set(ECX, 17).run();
        assertEquals(0xFFFF0002, h.reg(EAX));
        assertFalse(h.flag(CF));
    }

    @ParameterizedTest(name = "bit offset {0}")
    @CsvSource({"35, 0x80004, 3", "-1, 0x7FFFC, 31", "-33, 0x7FFF8, 31", "64, 0x80008, 0", "0x1000, 0x80200, 0"})
    void memoryFormWithRegisterOffsetReachesBeyondTheOperand(int bit, int dwordAddr, int bitInDword) {
        CpuHarness h = new CpuHarness().code("bts %ecx, 0x80000").set(ECX, bit).run();
        assertEquals(1 << bitInDword, h.mem.read32(dwordAddr));
        assertFalse(h.flag(CF));
        h.restart().set(ECX, bit).run(); // the second BTS finds the bit set
        assertTrue(h.flag(CF));
    }

    @ParameterizedTest(name = "bit offset {0}")
    @CsvSource({"17, 0x80002, 1", "-1, 0x7FFFE, 15", "-17, 0x7FFFC, 15"})
    void sixteenBitMemoryFormUsesASignedWordOffset(int bit, int wordAddr, int bitInWord) {
        CpuHarness h = new CpuHarness().code("btsw %cx, 0x80000").set(ECX, bit).run();
        assertEquals(1 << bitInWord, h.mem.read16(wordAddr) & 0xFFFF);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"btr, 0xFFFFFFFF, 0xFFFFFFF7, true", "btc, 0x00000008, 0x00000000, true", "btc, 0x00000000, 0x00000008, false",
        "bt, 0x00000008, 0x00000008, true"})
    void memoryFormWithImmediateMasksTheOffsetToTheOperand(String op, long before, long after, boolean cf) {
        // bit 35 of a dword immediate means bit 3 of that dword, never the next one
        CpuHarness h = new CpuHarness().code(op + "l $35, 0x80000");
        h.mem.write32(MEM, (int) before);
        h.mem.write32(MEM + 4, 0x5555);
        h.run();
        assertEquals((int) after, h.mem.read32(MEM));
        assertEquals(0x5555, h.mem.read32(MEM + 4));
        assertEquals(cf, h.flag(CF));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"bsf, 0x00000001, 0", "bsf, 0x80000000, 31", "bsf, 0xFFFFFFFF, 0", "bsf, 0x00010100, 8",
        "bsr, 0x00000001, 0", "bsr, 0x80000000, 31", "bsr, 0xFFFFFFFF, 31", "bsr, 0x00010100, 16"})
    void bitScanFindsTheIndexAndClearsZeroFlag(String op, long src, int index) {
        CpuHarness h = new CpuHarness().code(op + " %ebx, %eax").set(EBX, (int) src).eflags(ZF).run();
        assertEquals(index, h.reg(EAX));
        assertFalse(h.flag(ZF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bsf", "bsr"})
    void bitScanOfZeroSetsZeroFlagAndKeepsTheDestination(String op) {
        CpuHarness h = new CpuHarness().code(op + " %ebx, %eax").set(EAX, 0x1234).set(EBX, 0).run();
        assertTrue(h.flag(ZF));
        assertEquals(0x1234, h.reg(EAX));
    }

    @Test
    void sixteenBitBitScanWritesOnlyTheLowWord() {
        CpuHarness h = new CpuHarness().code("bsr %bx, %ax").set(EAX, 0xABCD0000).set(EBX, 0x10008000).run();
        assertEquals(0xABCD000F, h.reg(EAX));
    }

    @Test
    void bswapReversesTheBytes() {
        CpuHarness h = new CpuHarness().code("bswap %edx").set(EDX, 0x11223344).run();
        assertEquals(0x44332211, h.reg(EDX));
    }

    /** SHLD/SHRD per the SDM pseudocode (vol. 2, SHLD, SHRD), bit by bit. */
    static Ref.Out shiftDouble(boolean left, int dest, int src, int count, int size) {
        int w = size * 8, c = count & 0x1F;
        long m = Ref.umask(size), d = dest & m, s = src & m, msb = 1L << (w - 1);
        if (c == 0) return new Ref.Out(d, 0, 0);
        boolean cf = false;
        long r = d;
        for (int k = 0; k < c; k++) {
            if (left) {
                cf = (r & msb) != 0;
                r = ((r << 1) | ((s >>> (w - 1 - k)) & 1)) & m;
            } else {
                cf = (r & 1) != 0;
                r = (r >>> 1) | (((s >>> k) & 1) << (w - 1));
            }
        }
        boolean of = ((r ^ d) & msb) != 0;
        int undefined = AF | (c == 1 ? 0 : OF);
        return new Ref.Out(r, Ref.szp(r, size) | (cf ? CF : 0) | (of ? OF : 0), Ref.ARITH, undefined);
    }

    @ParameterizedTest(name = "{0} {1}-byte")
    @CsvSource({"shld, 4", "shld, 2", "shrd, 4", "shrd, 2"})
    void doubleShiftGivesSdmResultAndFlags(String op, int size) {
        String d = AluTest.reg(EAX, size), s = AluTest.reg(EBX, size);
        CpuHarness h = new CpuHarness().code(op + " %cl, %" + s + ", %" + d);
        List<String> bad = new ArrayList<>();
        int[] sources = {0, 0xFFFFFFFF, 0x80000001, 0x12345678};
        for (int count : new int[] {0, 1, 2, 7, 15, 16, 31, 32, 33}) {
            if ((count & 0x1F) > size * 8) continue; // result undefined (SDM)
            for (int a : Ref.edges(size)) {
                for (int b : sources) {
                    for (boolean cf : new boolean[] {false, true}) {
                        int before = cf ? Ref.ARITH : 0;
                        h.restart().set(EAX, a).set(EBX, b).set(ECX, count).eflags(before).run();
                        Ref.Out x = shiftDouble(op.equals("shld"), a, b, count, size);
                        int mask = Ref.ARITH & ~x.undefined;
                        int want = (int) ((a & ~Ref.umask(size)) | x.value), wantFlags = (x.flags & x.defined | before & ~x.defined) & mask;
                        if (h.reg(EAX) != want || (h.flags() & mask) != wantFlags)
                            bad.add(String.format("%s a=%x b=%x c=%d cf=%b: %x %s want %x %s", op, a, b, count, cf, h.reg(EAX),
                                    AluTest.names(h.flags() & mask), want, AluTest.names(wantFlags)));
                    }
                }
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @Test
    void shldWithImmediateCountOnMemory() {
        CpuHarness h = new CpuHarness().code("shldl $8, %ebx, 0x80000").set(EBX, 0xAB000000);
        h.mem.write32(MEM, 0x00123456);
        h.run();
        assertEquals(0x123456AB, h.mem.read32(MEM));
        assertFalse(h.flag(CF));
    }
}
