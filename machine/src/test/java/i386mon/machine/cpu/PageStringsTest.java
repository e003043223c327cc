package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.ESI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * REP MOVS and REP STOS done a page at a time ({@link PageStrings}) against a model that moves
 * one element after the other: the same bytes (overlapping moves included), registers, retired
 * count, faults at a page boundary, watchpoint reports and code invalidation.
 */
class PageStringsTest {
    /** The region the tests move within: 256 KiB from 1 MiB. */
    private static final int BASE = 0x100000, SIZE = 0x40000;

    private static String suffix(int size) { return size == 1 ? "b" : size == 2 ? "w" : "l"; }

    private static byte[] region(CpuHarness h) {
        byte[] b = new byte[SIZE];
        h.mem.peek(BASE, b, 0, SIZE);
        return b;
    }

    private static CpuHarness filled(String code) {
        CpuHarness h = new CpuHarness().code(code);
        byte[] b = new byte[SIZE];
        for (int k = 0; k < SIZE; k++) b[k] = (byte) (k * 7 + (k >>> 8) * 13);
        h.mem.load(BASE, b, 0, SIZE);
        return h;
    }

    /** Element-by-element REP MOVS (src == -1: STOS of {@code value}) on a copy of the region. */
    private static byte[] model(byte[] m, int src, int dst, int count, int size, int d, int value) {
        byte[] out = m.clone();
        for (int k = 0; k < count; k++) {
            byte[] e = new byte[size];
            for (int j = 0; j < size; j++) e[j] = src == -1 ? (byte) (value >>> (8 * j)) : out[src + k * d - BASE + j];
            for (int j = 0; j < size; j++) out[dst + k * d - BASE + j] = e[j];
        }
        return out;
    }

    private static long retired(String op, int size, int df, int src, int dst, int count, int value) {
        CpuHarness h = filled((df == 1 ? "std" : "cld") + "\n rep " + op + suffix(size));
        h.set(ESI, src).set(EDI, dst).set(ECX, count).set(EAX, value).run();
        return h.cpu.retired();
    }

    @ParameterizedTest(name = "{0}{1} df={2}")
    @CsvSource({"movs, 1, 0", "movs, 2, 0", "movs, 4, 0", "movs, 1, 1", "movs, 2, 1", "movs, 4, 1",
            "stos, 1, 0", "stos, 2, 0", "stos, 4, 0", "stos, 1, 1", "stos, 2, 1", "stos, 4, 1"})
    void acrossSeveralPagesMatchesElementByElement(String op, int size, int df) {
        boolean movs = op.equals("movs");
        int d = df == 1 ? -size : size, count = 3 * 4096 / size + 5, value = 0x11223344;
        // unaligned starts, so some elements cross a page boundary
        int src = df == 0 ? BASE + 0x3 : BASE + 0x8FFD, dst = df == 0 ? BASE + 0x10FFF : BASE + 0x1AFFE;
        CpuHarness h = filled((df == 1 ? "std" : "cld") + "\n rep " + op + suffix(size));
        byte[] before = region(h);
        h.set(ESI, src).set(EDI, dst).set(ECX, count).set(EAX, value).run();
        assertArrayEquals(model(before, movs ? src : -1, dst, count, size, d, value), region(h));
        assertEquals(0, h.reg(ECX));
        assertEquals(dst + count * d, h.reg(EDI));
        assertEquals(movs ? src + count * d : src, h.reg(ESI));
        // each iteration retires as one instruction, as before
        assertEquals(count - 1, h.cpu.retired() - retired(op, size, df, src, dst, 1, value));
    }

    @ParameterizedTest(name = "movs{0} dst-src={1} df={2}")
    @CsvSource({"1, 1, 0", "4, 1, 0", "4, 3, 0", "4, 4, 0", "4, 6, 0", "2, -1, 1", "4, -1, 1", "4, -5, 1", "4, 2, 1", "1, -3, 0"})
    void overlappingMovesGiveTheElementByElementResult(int size, int gap, int df) {
        int d = df == 1 ? -size : size, count = 5000 / size;
        int src = df == 0 ? BASE + 0x2000 : BASE + 0x6000, dst = src + gap;
        CpuHarness h = filled((df == 1 ? "std" : "cld") + "\n rep movs" + suffix(size));
        byte[] before = region(h);
        h.set(ESI, src).set(EDI, dst).set(ECX, count).run();
        assertArrayEquals(model(before, src, dst, count, size, d, 0), region(h));
        assertEquals(dst + count * d, h.reg(EDI));
    }

    @Test
    void sixteenBitAddressingWrapsSiAndDiInNonFlatSegments() {
        // 0x67: 16-bit addressing (SI, DI, CX); DS base 0x120000 and ES base 0x100000, 64 KiB limits
        CpuHarness h = filled("cld\n .byte 0x67, 0xF3, 0x66, 0xA5"); // addr16 rep movsw
        h.cpu.loadFlatSegment(Cpu.DS, 0x10, CpuHarness.descriptor(0x120000, 0xFFFF, 0x92, 0x4));
        h.cpu.loadFlatSegment(Cpu.ES, 0x10, CpuHarness.descriptor(0x100000, 0xFFFF, 0x92, 0x4));
        byte[] before = region(h);
        int count = 0x1800;
        h.set(ESI, 0xABCDF000).set(EDI, 0x1234FFF0).set(ECX, 0x70000 | count).run();
        byte[] want = before.clone();
        for (int k = 0; k < count; k++) {
            int s = 0x120000 + ((0xF000 + 2 * k) & 0xFFFF) - BASE, t = 0x100000 + ((0xFFF0 + 2 * k) & 0xFFFF) - BASE;
            want[t] = want[s];
            want[t + 1] = want[s + 1];
        }
        assertArrayEquals(want, region(h));
        assertEquals(0x70000, h.reg(ECX)); // CX only
        assertEquals(0xABCD0000 | ((0xF000 + 2 * count) & 0xFFFF), h.reg(ESI));
        assertEquals(0x12340000 | ((0xFFF0 + 2 * count) & 0xFFFF), h.reg(EDI));
        assertEquals(-1, h.vector());
    }

    @Test
    void segmentLimitInTheMiddleFaultsAtTheElementAsBefore() {
        // ES limit 0x10FFF: REP STOSL from 0x10F00 (ES base 0x100000) faults on its 65th dword, 64 done
        CpuHarness h = filled("cld\n rep stosl");
        h.cpu.loadFlatSegment(Cpu.ES, 0x10, CpuHarness.descriptor(0x100000, 0x10FFF, 0x92, 0x4));
        h.set(EDI, 0x10F00).set(ECX, 100).set(EAX, 0x55AA55AA).run();
        assertEquals(13, h.vector());
        assertEquals(36, h.reg(ECX));
        assertEquals(0x11000, h.reg(EDI));
        assertEquals(0x55AA55AA, h.mem.read32(0x110FFC));
    }

    @ParameterizedTest(name = "df={0} dst={1}")
    @CsvSource({"0, 0x100FF8", "0, 0x100FFA", "1, 0x102004", "1, 0x102002"})
    void pageFaultOnTheSecondPageLeavesTheRegistersOfTheIterationsDone(int df, int dst) {
        int src = 0x110800, count = 100, d = df == 1 ? -4 : 4;
        CpuHarness h = filled((df == 1 ? "std" : "cld") + "\n rep movsl").paging().unmap(0x101000);
        byte[] before = region(h);
        h.set(ESI, src).set(EDI, dst).set(ECX, count).run();
        // the elements wholly in the mapped page are done; the first one touching 0x101xxx faults
        int done = 0;
        while (true) {
            int e = dst + done * d;
            if (e + 3 >= 0x101000 && e < 0x102000) break;
            done++;
        }
        assertEquals(14, h.vector());
        assertEquals(count - done, h.reg(ECX));
        assertEquals(dst + done * d, h.reg(EDI));
        assertEquals(src + done * d, h.reg(ESI));
        assertEquals(CpuHarness.CODE + 1, h.stack(1)); // error code, then the EIP of the REP MOVSL
        byte[] want = model(before, src, dst, done, 4, d, 0);
        assertArrayEquals(want, region(h));
        // Accessed on the source's page table entry, Dirty on the destination's
        assertEquals(0x20, h.mem.read32(CpuHarness.PAGE_TABLE + 4L * (src >>> 12)) & 0x20);
        int mappedDst = df == 0 ? 0x100 : 0x102;
        assertEquals(0x60, h.mem.read32(CpuHarness.PAGE_TABLE + 4L * mappedDst) & 0x60);
    }

    @Test
    void watchpointInTheDestinationSeesEveryElementWrittenThere() {
        CpuHarness h = filled("cld\n rep stosl");
        int[] writes = new int[1];
        h.mem.setWatchedPages((paddr, size, write) -> {
            if (write && paddr >= 0x101000 && paddr < 0x102000) writes[0]++;
        }, new int[] {0x101});
        h.set(EDI, BASE).set(ECX, 3 * 1024).set(EAX, 0x01020304).run();
        assertEquals(1024, writes[0]);
        for (int a = BASE; a < BASE + 3 * 4096; a += 4) assertEquals(0x01020304, h.mem.read32(a), "dword at " + Integer.toHexString(a));
    }

    @Test
    void moveOverCachedCodeRunsTheNewCode() {
        String src = "call target\n mov %eax,%ebx\n mov $newcode,%esi\n mov $target,%edi\n mov $(newend-newcode),%ecx\n"
                + " rep movsb\n call target\n jmp done\n"
                + "newcode: mov $2,%eax\n ret\nnewend:\n .balign 4096\ntarget: mov $1,%eax\n ret\ndone:";
        for (boolean compiler : new boolean[] {false, true}) {
            CpuHarness h = new CpuHarness();
            h.cpu.setCompilerEnabled(compiler);
            h.code(src).run();
            assertEquals(1, h.reg(EBX));
            assertEquals(2, h.reg(EAX));
        }
    }
}
