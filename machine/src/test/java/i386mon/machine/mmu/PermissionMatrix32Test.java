package i386mon.machine.mmu;

import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.fault.CpuException;
import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 32-bit paging: every combination of PDE/PTE P, R/W, U/S x CPL x access x CR0.WP (SDM vol. 3, 4.6). */
class PermissionMatrix32Test {
    private static final int PD = 0x10000, PT = 0x11000, FRAME = 0x150000;
    private static final int LIN_4K = 0x0080_1234;      // PDE 2, PTE 1
    private static final int LIN_4M = 0x00C0_5678;      // PDE 3 -> 4 MiB page at physical 0
    private static final PhysicalMemory MEM = new PhysicalMemory(2 << 20);
    private static final Mmu MMU = new Mmu(MEM);

    static Stream<Arguments> fourK() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 64; bits++) {
            for (int cpl : new int[] {0, 3}) {
                for (Access a : Access.values()) {
                    for (boolean wp : new boolean[] {false, true}) {
                        out.add(Arguments.of(bits & 7, bits >> 3, cpl, a, wp));
                    }
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> fourM() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 8; bits++) {
            for (int cpl : new int[] {0, 3}) {
                for (Access a : Access.values()) {
                    for (boolean wp : new boolean[] {false, true}) out.add(Arguments.of(bits, cpl, a, wp));
                }
            }
        }
        return out.stream();
    }

    /** bits: 1 = P, 2 = R/W, 4 = U/S. */
    private static Expected.Level level(int bits) {
        return new Expected.Level((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, false);
    }

    private static void reset(int cr0, int cr4) {
        MEM.fill(0, 2 << 20 - 0, (byte) 0);
        MMU.setControl(0, 0, 0, 0);
        MMU.setCpl(0);
        MMU.flushAll();
        MMU.setControl(cr0, PD, cr4, 0);
    }

    /** Performs the access; returns the #PF error code or -1, checking CR2 and data on the way. */
    static int access(Mmu mmu, int lin, Access a, long physical) {
        try {
            switch (a) {
                case READ:
                    assertEquals(mmu.memory().read32(physical), mmu.read32(lin));
                    break;
                case WRITE:
                    mmu.write32(lin, 0xCAFEF00D);
                    assertEquals(0xCAFEF00D, mmu.memory().read32(physical));
                    break;
                default:
                    assertEquals(physical, mmu.fetchPhysical(lin));
            }
            return -1;
        } catch (CpuException e) {
            assertEquals(CpuException.PF, e.vector);
            assertEquals(lin, e.linearAddress, "CR2");
            return e.errorCode;
        }
    }

    @ParameterizedTest(name = "pde={0} pte={1} cpl={2} {3} wp={4}")
    @MethodSource("fourK")
    void fourKibPagePermissions(int pdeBits, int pteBits, int cpl, Access a, boolean wp) {
        reset(Mmu.CR0_PE | Mmu.CR0_PG | (wp ? Mmu.CR0_WP : 0), 0);
        MEM.write32(PD + 2 * 4, PT | pdeBits);
        MEM.write32(PT + 1 * 4, FRAME | pteBits);
        MEM.write32(FRAME + 0x234, 0x11223344);
        MMU.setCpl(cpl);

        int expected = Expected.errorCode(new Expected.Level[] {level(pdeBits), level(pteBits)}, cpl == 3, a, wp, false, false);
        assertEquals(expected, access(MMU, LIN_4K, a, FRAME + 0x234));

        boolean ok = expected < 0;
        int pde = MEM.read32(PD + 8), pte = MEM.read32(PT + 4);
        assertEquals(ok, (pde & 0x20) != 0, "PDE accessed");
        assertEquals(ok, (pte & 0x20) != 0, "PTE accessed");
        assertEquals(ok && a == Access.WRITE, (pte & 0x40) != 0, "PTE dirty");
        assertEquals(0, pde & 0x40, "PDE dirty is never set for a PDE that references a page table");
    }

    @ParameterizedTest(name = "pde={0} cpl={1} {2} wp={3}")
    @MethodSource("fourM")
    void fourMibPagePermissions(int pdeBits, int cpl, Access a, boolean wp) {
        reset(Mmu.CR0_PE | Mmu.CR0_PG | (wp ? Mmu.CR0_WP : 0), Mmu.CR4_PSE);
        MEM.write32(PD + 3 * 4, 0x80 | pdeBits);   // PS=1, frame 0
        MEM.write32(0x5678, 0x55667788);
        MMU.setCpl(cpl);

        int expected = Expected.errorCode(new Expected.Level[] {level(pdeBits)}, cpl == 3, a, wp, false, false);
        assertEquals(expected, access(MMU, LIN_4M, a, 0x5678));

        boolean ok = expected < 0;
        int pde = MEM.read32(PD + 12);
        assertEquals(ok, (pde & 0x20) != 0, "PDE accessed");
        assertEquals(ok && a == Access.WRITE, (pde & 0x40) != 0, "PDE dirty");
    }
}
