package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.DF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MOVS STOS LODS CMPS SCAS with REP/REPE/REPNE, both directions, all sizes, 0x66/0x67 prefixes (SDM vol. 2). */
class StringOpsTest {
    static final int SRC = 0x80000, DST = 0x84000;

    private static CpuHarness withSource(String code) {
        CpuHarness h = new CpuHarness().code(code);
        for (int k = 0; k < 64; k++) h.mem.write8(SRC + k, 0x10 + k);
        return h;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"movsb, 1", "movsw, 2", "movsl, 4"})
    void repMovsCopiesForwardAndAdvancesTheRegisters(String op, int size) {
        CpuHarness h = withSource("cld\n rep " + op).set(ESI, SRC).set(EDI, DST).set(ECX, 5).run();
        for (int k = 0; k < 5 * size; k++) assertEquals(0x10 + k, h.mem.read8(DST + k) & 0xFF, "byte " + k);
        assertEquals(0, h.mem.read8(DST + 5 * size));
        assertEquals(SRC + 5 * size, h.reg(ESI));
        assertEquals(DST + 5 * size, h.reg(EDI));
        assertEquals(0, h.reg(ECX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"movsb, 1", "movsw, 2", "movsl, 4"})
    void repMovsWithDirectionFlagCopiesBackward(String op, int size) {
        int last = 3 * size; // start at the last element of a 4-element block
        CpuHarness h = withSource("std\n rep " + op).set(ESI, SRC + last).set(EDI, DST + last).set(ECX, 4).run();
        for (int k = 0; k < 4 * size; k++) assertEquals(0x10 + k, h.mem.read8(DST + k) & 0xFF, "byte " + k);
        assertEquals(SRC - size, h.reg(ESI));
        assertEquals(DST - size, h.reg(EDI));
        assertTrue(h.flag(DF));
    }

    @Test
    void repWithZeroCountDoesNothing() {
        CpuHarness h = withSource("rep movsb\n repe cmpsb").set(ESI, SRC).set(EDI, DST).set(ECX, 0).eflags(CF | ZF).run();
        assertEquals(SRC, h.reg(ESI));
        assertEquals(DST, h.reg(EDI));
        assertEquals(0, h.mem.read8(DST));
        assertEquals(CF | ZF, h.flags() & Ref.ARITH);
    }

    @Test
    void movsWithoutRepMovesOneElementAndKeepsEcx() {
        CpuHarness h = withSource("movsl").set(ESI, SRC).set(EDI, DST).set(ECX, 9).run();
        assertEquals(h.mem.read32(SRC), h.mem.read32(DST));
        assertEquals(9, h.reg(ECX));
        assertEquals(SRC + 4, h.reg(ESI));
    }

    @Test
    void repMovsLongerThanOneChunkCompletes() {
        int n = 5000; // more than Executor.REP_CHUNK (1024) iterations: the instruction resumes itself
        CpuHarness h = new CpuHarness().code("cld\n rep movsl\n mov $1, %ebx");
        for (int k = 0; k < n; k++) h.mem.write32(SRC + 4L * k, k * 7 + 1);
        h.set(ESI, SRC).set(EDI, SRC + 0x10000).set(ECX, n).run();
        for (int k = 0; k < n; k++) assertEquals(k * 7 + 1, h.mem.read32(SRC + 0x10000 + 4L * k), "dword " + k);
        assertEquals(0, h.reg(ECX));
        assertEquals(SRC + 4 * n, h.reg(ESI));
        assertEquals(1, h.reg(Cpu.EBX));
        assertEquals(n + 3, h.cpu.retired()); // CLD, MOV, HLT and one per iteration
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stosb, 1, 0x000000AB", "stosw, 2, 0x0000CDAB", "stosl, 4, 0x12CDAB"})
    void repStosFillsWithTheAccumulator(String op, int size, long element) {
        CpuHarness h = new CpuHarness().code("rep " + op).set(EAX, 0x0012CDAB).set(EDI, DST).set(ECX, 3).run();
        for (int k = 0; k < 3; k++) {
            long got = size == 1 ? h.mem.read8(DST + k) & 0xFF : size == 2 ? h.mem.read16(DST + 2L * k) & 0xFFFF : h.mem.read32(DST + 4L * k);
            assertEquals(element, got);
        }
        assertEquals(DST + 3 * size, h.reg(EDI));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lodsb, 0x55555513", "lodsw, 0x55551716", "lodsl, 0x1F1E1D1C"})
    void lodsLoadsTheAccumulatorAndAdvancesEsi(String op, long want) {
        // three LODS in a row: the accumulator holds the last element
        CpuHarness h = withSource(op + "\n " + op + "\n " + op + "\n " + op).set(EAX, 0x55555555).set(ESI, SRC).run();
        int size = op.endsWith("b") ? 1 : op.endsWith("w") ? 2 : 4;
        assertEquals((int) want, h.reg(EAX));
        assertEquals(SRC + 4 * size, h.reg(ESI));
    }

    @Test
    void repeCmpsStopsAtTheFirstDifference() {
        CpuHarness h = withSource("repe cmpsb");
        for (int k = 0; k < 64; k++) h.mem.write8(DST + k, 0x10 + k);
        h.mem.write8(DST + 5, 0x99);
        h.set(ESI, SRC).set(EDI, DST).set(ECX, 20).run();
        assertEquals(20 - 6, h.reg(ECX));
        assertEquals(SRC + 6, h.reg(ESI));
        assertEquals(DST + 6, h.reg(EDI));
        assertFalse(h.flag(ZF));
        assertTrue(h.flag(CF)); // 0x15 - 0x99 borrows
    }

    @Test
    void repeCmpsOverEqualBlocksEndsWithZfSet() {
        CpuHarness h = withSource("repe cmpsl");
        for (int k = 0; k < 64; k++) h.mem.write8(DST + k, 0x10 + k);
        h.set(ESI, SRC).set(EDI, DST).set(ECX, 8).run();
        assertEquals(0, h.reg(ECX));
        assertTrue(h.flag(ZF));
    }

    @Test
    void cmpsComparesSourceMinusDestination() {
        CpuHarness h = new CpuHarness().code("cmpsb").set(ESI, SRC).set(EDI, DST);
        h.mem.write8(SRC, 1);
        h.mem.write8(DST, 2);
        h.run();
        assertTrue(h.flag(CF));
        assertTrue(h.flag(Cpu.SF));
    }

    @Test
    void repneScasFindsTheByteAndStopsAfterIt() {
        CpuHarness h = withSource("cld\n repne scasb").set(EAX, 0x17).set(EDI, SRC).set(ECX, 100).run();
        assertEquals(SRC + 8, h.reg(EDI));
        assertEquals(100 - 8, h.reg(ECX));
        assertTrue(h.flag(ZF));
    }

    @Test
    void repneScasWithoutMatchRunsOutTheCount() {
        CpuHarness h = withSource("repne scasw").set(EAX, 0xFFFF).set(EDI, SRC).set(ECX, 10).run();
        assertEquals(0, h.reg(ECX));
        assertEquals(SRC + 20, h.reg(EDI));
        assertFalse(h.flag(ZF));
    }

    @Test
    void backwardScasDecrementsEdi() {
        CpuHarness h = withSource("std\n repne scasl").set(EAX, 0x13121110).set(EDI, SRC + 12).set(ECX, 10).run();
        assertEquals(SRC - 4, h.reg(EDI));
        assertEquals(6, h.reg(ECX));
    }

    @Test
    void addressSizePrefixUsesSiDiAndCx() {
        // 0x67: 16-bit SI/DI/CX; the upper halves are untouched and the count comes from CX only
        CpuHarness h = new CpuHarness().code("addr16 rep movsb");
        h.mem.write8(0xFFFF, 0xAA);
        h.mem.write8(0x0000, 0xBB);
        h.set(ESI, 0x7777FFFF).set(EDI, 0x88880100).set(ECX, 0x99990002).run();
        assertEquals(0xAA, h.mem.read8(0x100) & 0xFF);
        assertEquals(0xBB, h.mem.read8(0x101) & 0xFF); // SI wrapped from 0xFFFF to 0
        assertEquals(0x77770001, h.reg(ESI));
        assertEquals(0x88880102, h.reg(EDI));
        assertEquals(0x99990000, h.reg(ECX));
    }

    @Test
    void operandSizePrefixMovesWords() {
        CpuHarness h = withSource(".byte 0x66, 0xF3, 0xA5").set(ESI, SRC).set(EDI, DST).set(ECX, 2).run(); // rep movsw
        assertEquals(0x13121110, h.mem.read32(DST));
        assertEquals(0, h.mem.read32(DST + 4));
        assertEquals(DST + 4, h.reg(EDI));
    }

    @Test
    void faultInMidStringLeavesTheDoneIterationsAndPointsAtTheInstruction() {
        // ES limit 0x80FFF: REP STOSB from 0x80FF0 faults on its 17th byte with 16 done
        CpuHarness h = new CpuHarness().code("nop\n rep stosb");
        // flat base 0, byte-granular limit 0x80FFF: limit bits 19:16 = 8 in the descriptor's high dword
        h.cpu.loadFlatSegment(Cpu.ES, 0x10, 0x00489200_00000FFFL);
        h.set(EAX, 0x77).set(EDI, 0x80FF0).set(ECX, 32).run();
        assertEquals(13, h.vector());
        assertEquals(16, h.reg(ECX));
        assertEquals(0x81000, h.reg(EDI));
        assertEquals(CpuHarness.CODE + 1, h.stack(1)); // error code, then the EIP of the REP STOSB
        assertEquals(0x77, h.mem.read8(0x80FFF) & 0xFF);
        assertEquals(0, h.mem.read8(0x81000));
    }

    @Test
    void interruptTakenBetweenChunksOfALongRepResumesTheString() {
        int n = 5000;
        CpuHarness h = new CpuHarness().code("sti\n rep movsl\n cli");
        // vector 0x20: count the interrupt at 0x600, note ECX at 0x604, return
        byte[] handler = Asm.assemble("incl 0x600\n mov %ecx, 0x604\n iret", 0x5000);
        h.mem.load(0x5000, handler, 0, handler.length);
        h.setGate(0x20, 0x5000);
        boolean[] line = {false};
        h.cpu.setInterruptSource(new InterruptSource() {
            @Override
            public boolean hasInterrupt() { return line[0]; }

            @Override
            public int acknowledge() {
                line[0] = false;
                return 0x20;
            }
        });
        for (int k = 0; k < n; k++) h.mem.write32(SRC + 4L * k, k ^ 0x5A5A);
        h.set(ESI, SRC).set(EDI, SRC + 0x10000).set(ECX, n);
        // as Machine does: run a slice, then let a device raise its line between slices
        h.clock.retire(h.cpu.run(2000));
        line[0] = true;
        h.cpu.interruptLineChanged();
        h.run();
        assertEquals(1, h.mem.read32(0x600));
        int ecxInHandler = h.mem.read32(0x604);
        assertTrue(ecxInHandler > 0 && ecxInHandler < n, "ECX when interrupted: " + ecxInHandler);
        assertEquals(0, h.reg(ECX));
        for (int k = 0; k < n; k++) assertEquals(k ^ 0x5A5A, h.mem.read32(SRC + 0x10000 + 4L * k), "dword " + k);
    }

    @ParameterizedTest(name = "{0} df={1}")
    @CsvSource({"b, 0", "b, 1", "w, 0", "w, 1", "l, 0", "l, 1"})
    void repeCmpsAndRepneScasInEverySizeAndDirection(String suffix, int df) {
        int size = suffix.equals("b") ? 1 : suffix.equals("w") ? 2 : 4;
        // 16 elements; the 10th one scanned (index 9 forward, index 6 backward) differs / matches
        int target = df == 0 ? 9 : 6, start = df == 0 ? 0 : 15;
        CpuHarness h = new CpuHarness().code((df == 1 ? "std" : "cld") + "\n repe cmps" + suffix + "\n mov %ecx, %ebx\n mov %esi, %ebp\n"
                + " mov $0x84000 + " + start * size + ", %edi\n mov $16, %ecx\n repne scas" + suffix);
        for (int k = 0; k < 16; k++) {
            long v = 0x0101010101010101L * (k + 1);
            for (int j = 0; j < size; j++) {
                h.mem.write8(SRC + k * size + j, (int) (v >>> (8 * j)));
                h.mem.write8(DST + k * size + j, (int) (v >>> (8 * j)));
            }
        }
        h.mem.write8(DST + target * size, 0xEE); // the DST element at target differs from SRC
        int fill = 0x01010101 * (target + 1), eax = (fill & ~0xFF | 0xEE) & (int) Ref.umask(size); // the changed element
        h.set(ESI, SRC + start * size).set(EDI, DST + start * size).set(ECX, 16).set(EAX, eax).run();
        int step = df == 0 ? size : -size;
        assertEquals(16 - 10, h.reg(Cpu.EBX), "CMPS count left");
        assertEquals(SRC + start * size + 10 * step, h.reg(Cpu.EBP), "CMPS ESI after the mismatch");
        assertEquals(16 - 10, h.reg(ECX), "SCAS count left");
        assertEquals(DST + start * size + 10 * step, h.reg(EDI), "SCAS EDI after the match");
        assertTrue(h.flag(ZF));
    }
}
