package i386mon.machine.mmu;

import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PAE paging: every combination of PDE/PTE P, R/W, U/S, XD x CPL x access x CR0.WP x EFER.NXE
 * (SDM vol. 3, 4.4, 4.6, 4.7: XD without NXE is a reserved bit; I/D only with NXE).
 */
class PermissionMatrixPaeTest {
    private static final int PDPT = 0x12000, PD = 0x13000, PT = 0x14000, FRAME = 0x150000;
    private static final int LIN_4K = 0x4020_1234;   // PDPTE 1, PDE 1, PTE 1
    private static final int LIN_2M = 0x4040_1234;   // PDPTE 1, PDE 2 -> 2 MiB page at physical 0
    private static final long XD = 1L << 63;
    private static final PhysicalMemory MEM = new PhysicalMemory(2 << 20);
    private static final Mmu MMU = new Mmu(MEM);

    static Stream<Arguments> fourK() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 256; bits++) {
            for (int cpl : new int[] {0, 3}) {
                for (Access a : Access.values()) {
                    for (int flags = 0; flags < 4; flags++) {
                        out.add(Arguments.of(bits & 15, bits >> 4, cpl, a, (flags & 1) != 0, (flags & 2) != 0));
                    }
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> twoM() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            for (int cpl : new int[] {0, 3}) {
                for (Access a : Access.values()) {
                    for (int flags = 0; flags < 4; flags++) out.add(Arguments.of(bits, cpl, a, (flags & 1) != 0, (flags & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    /** bits: 1 = P, 2 = R/W, 4 = U/S, 8 = XD. */
    private static Expected.Level level(int bits) {
        return new Expected.Level((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
    }

    private static long entry(long address, int bits) {
        return address | (bits & 7) | ((bits & 8) != 0 ? XD : 0);
    }

    private static void reset(boolean wp, boolean nxe) {
        MEM.fill(0, 2 << 20, (byte) 0);
        MMU.setControl(0, 0, 0, 0);
        MMU.setCpl(0);
        MEM.write64(PDPT + 8, PD | 1);
        MMU.setControl(Mmu.CR0_PE | Mmu.CR0_PG | (wp ? Mmu.CR0_WP : 0), PDPT, Mmu.CR4_PAE, nxe ? Mmu.EFER_NXE : 0);
    }

    @ParameterizedTest(name = "pde={0} pte={1} cpl={2} {3} wp={4} nxe={5}")
    @MethodSource("fourK")
    void fourKibPagePermissions(int pdeBits, int pteBits, int cpl, Access a, boolean wp, boolean nxe) {
        reset(wp, nxe);
        MEM.write64(PD + 8, entry(PT, pdeBits));
        MEM.write64(PT + 8, entry(FRAME, pteBits));
        MEM.write32(FRAME + 0x234, 0x11223344);
        MMU.setCpl(cpl);

        int expected = Expected.errorCode(new Expected.Level[] {level(pdeBits), level(pteBits)}, cpl == 3, a, wp, true, nxe);
        assertEquals(expected, PermissionMatrix32Test.access(MMU, LIN_4K, a, FRAME + 0x234));

        boolean ok = expected < 0;
        long pde = MEM.read64(PD + 8), pte = MEM.read64(PT + 8);
        assertEquals(ok, (pde & 0x20) != 0, "PDE accessed");
        assertEquals(ok, (pte & 0x20) != 0, "PTE accessed");
        assertEquals(ok && a == Access.WRITE, (pte & 0x40) != 0, "PTE dirty");
        assertEquals(PD | 1, MEM.read64(PDPT + 8), "PDPTEs have no accessed flag");
    }

    @ParameterizedTest(name = "pde={0} cpl={1} {2} wp={3} nxe={4}")
    @MethodSource("twoM")
    void twoMibPagePermissions(int pdeBits, int cpl, Access a, boolean wp, boolean nxe) {
        reset(wp, nxe);
        MEM.write64(PD + 16, entry(0, pdeBits) | 0x80);
        MEM.write32(0x1234, 0x55667788);
        MMU.setCpl(cpl);

        int expected = Expected.errorCode(new Expected.Level[] {level(pdeBits)}, cpl == 3, a, wp, true, nxe);
        assertEquals(expected, PermissionMatrix32Test.access(MMU, LIN_2M, a, 0x1234));

        boolean ok = expected < 0;
        long pde = MEM.read64(PD + 16);
        assertEquals(ok, (pde & 0x20) != 0, "PDE accessed");
        assertEquals(ok && a == Access.WRITE, (pde & 0x40) != 0, "PDE dirty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accesses")
    void notPresentPdpteFaultsWithPClear(Access a) {
        reset(true, true);
        MEM.write64(PDPT + 8, 0);
        MMU.setControl(MMU.cr0(), PDPT, MMU.cr4(), MMU.efer());
        MMU.setCpl(3);
        int expected = (a == Access.WRITE ? 2 : 0) | 4 | (a == Access.EXECUTE ? 16 : 0);
        assertEquals(expected, PermissionMatrix32Test.access(MMU, LIN_4K, a, FRAME + 0x234));
    }

    static Stream<Access> accesses() { return Stream.of(Access.values()); }

    @Test
    void reservedAddressBitInPteFaultsWithRsvd() {
        reset(true, true);
        MEM.write64(PD + 8, PT | 7);
        MEM.write64(PT + 8, FRAME | 7 | 1L << 40);   // bit 40 >= MAXPHYADDR (36)
        assertEquals(1 | 8, PermissionMatrix32Test.access(MMU, LIN_4K, Access.READ, FRAME + 0x234));
        assertEquals(0, MEM.read64(PD + 8) & 0x20, "faulting walk sets no Accessed flag");
    }

    @Test
    void reservedBitsOfTwoMibPdeFaultWithRsvd() {
        reset(true, true);
        MEM.write64(PD + 16, 0x80 | 7 | 1 << 13);     // bits 20:13 of a 2 MiB PDE are reserved
        assertEquals(2 | 1 | 8, PermissionMatrix32Test.access(MMU, LIN_2M, Access.WRITE, 0x1234));
    }

    @Test
    void reservedBitInPdeReferencingTableFaultsWithRsvd() {
        reset(true, false);
        MEM.write64(PD + 8, PT | 7 | 1L << 50);
        MEM.write64(PT + 8, FRAME | 7);
        MMU.setCpl(3);
        assertEquals(4 | 1 | 8, PermissionMatrix32Test.access(MMU, LIN_4K, Access.READ, FRAME + 0x234));
    }
}
