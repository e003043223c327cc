package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random instruction bytes (fixed seed) run from a sandbox page at CPL 0 and CPL 3, with paging
 * off and on: whatever they decode to, the CPU produces guest results or guest exceptions, never
 * a Java exception, and keeps its invariants (CPL = CS.RPL, or 3 in virtual-8086 mode; EFLAGS bit 1 set).
 */
class DecoderFuzzTest {
    private static final int SEQUENCES = 20_000, LENGTH = 16, MAX_INSTRUCTIONS = 64;
    /** The tables, stubs and page tables the harness writes below 0x8000, restored before each sequence. */
    private static final int TABLES_END = 0x8000;

    @Test
    void randomBytesNeverThrowOutOfRun() {
        CpuHarness h = new CpuHarness().paging();
        h.cpu.setControlRegisters(h.cpu.cr0() & ~Cpu.CR0_PG, 0, 0, 0);
        byte[] tables = new byte[TABLES_END];
        h.mem.peek(0, tables, 0, TABLES_END);
        byte[] page = new byte[4096];
        Random rnd = new Random(0x1386_2026L);
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < SEQUENCES && failures.size() < 20; n++) {
            byte[] seq = new byte[LENGTH];
            rnd.nextBytes(seq);
            java.util.Arrays.fill(page, (byte) 0xF4); // HLT after the sequence
            System.arraycopy(seq, 0, page, 0, LENGTH);
            int[] regs = new int[8];
            for (int r = 0; r < 8; r++) regs[r] = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(0x100000);
            boolean ring3 = (n & 1) != 0, paging = (n & 2) != 0;
            String what = String.format("sequence %d (%s, paging %s): %s", n, ring3 ? "CPL 3" : "CPL 0", paging ? "on" : "off",
                    HexFormat.ofDelimiter(" ").formatHex(seq));
            try {
                h.mem.load(0, tables, 0, TABLES_END);
                h.mem.load(CpuHarness.CODE, page, 0, page.length);
                h.startState();
                if (paging) h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_PG, CpuHarness.PAGE_DIR, 0, 0);
                for (int r = 0; r < 8; r++) if (r != Cpu.ESP) h.cpu.setReg(r, regs[r]);
                if (ring3) enterRing3(h);
                h.cpu.run(MAX_INSTRUCTIONS);
                boolean v86 = (h.cpu.eflags() & Cpu.VM) != 0; // IRET may enter V86, where CPL is 3 whatever CS holds
                assertEquals(v86 ? 3 : h.cpu.segSelector(Cpu.CS) & 3, h.cpu.cpl(), "CPL = CS.RPL (3 in V86)");
                assertTrue((h.cpu.eflags() & 2) != 0, "EFLAGS bit 1");
            } catch (RuntimeException | AssertionError e) {
                if (e instanceof CpuException) failures.add(what + " -> guest exception escaped run: " + e.getMessage());
                else failures.add(what + " -> " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first ones:\n" + String.join("\n", failures));
    }

    /** Ring 3 as IRET would leave it: CS 0x1b, SS/DS/ES/FS/GS 0x23 from the harness GDT. */
    private static void enterRing3(CpuHarness h) {
        long code3 = h.mem.read64(CpuHarness.GDT + 0x18), data3 = h.mem.read64(CpuHarness.GDT + 0x20);
        h.cpu.loadFlatSegment(Cpu.CS, 0x1b, code3);
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.SS, Cpu.FS, Cpu.GS}) h.cpu.loadFlatSegment(s, 0x23, data3);
        h.cpu.setReg(Cpu.ESP, CpuHarness.RING3_STACK_TOP);
    }
}
