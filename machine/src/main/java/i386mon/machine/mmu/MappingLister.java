package i386mon.machine.mmu;

import static i386mon.machine.mmu.PageBits.*;

import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Enumerates every valid translation under a CR3 and merges neighbours into {@link Mapping}
 * ranges. Reads entries only (no side effects) and allocates only per emitted range, so a full
 * 4 GiB map of 4 KiB pages (a million PTEs) is listed in milliseconds. Entries with reserved bits
 * set are left out: they do not translate (SDM vol. 3, 4.7).
 */
final class MappingLister {
    private static final int A_USER = 1, A_WRITE = 2, A_XD = 4, A_ACC = 8, A_DIRTY = 16, A_GLOBAL = 32,
            A_PCD = 64, A_PWT = 128;

    private final PageWalker reader;
    private final List<Mapping> out = new ArrayList<>();
    private long curLin = -1, curPhys, curLen;
    private int curSize, curAttrs;

    private final PhysicalMemory mem;

    MappingLister(PageWalker reader, PhysicalMemory mem) {
        this.reader = reader;
        this.mem = mem;
    }

    /** An entry straight from RAM (side-effect free): the listing reads up to a million of them. */
    private long ram32(long a) {
        return mem.peek32(a);
    }

    List<Mapping> list(int cr0, int cr3, int cr4, long efer, long[] pdptes) {
        if ((cr0 & Mmu.CR0_PG) == 0) return List.of();
        if ((cr4 & Mmu.CR4_PAE) == 0) list32(cr3, cr4);
        else listPae(cr3, (efer & Mmu.EFER_NXE) != 0, pdptes);
        close();
        return List.copyOf(out);
    }

    private void list32(int cr3, int cr4) {
        long pd = cr3 & 0xFFFF_F000L;
        boolean pse = (cr4 & Mmu.CR4_PSE) != 0;
        for (int i = 0; i < 1024; i++) {
            long pde = reader.read32(pd + 4L * i);
            if ((pde & P) == 0) continue;
            long lin = (long) i << 22;
            if (pse && (pde & PS) != 0) {
                if ((pde & PDE_4M_RESERVED) == 0) emit(lin, pde & 0xFFC0_0000L, 4 << 20, attrs(pde, pde, false));
                continue;
            }
            long pt = pde & 0xFFFF_F000L;
            boolean direct = mem.isBacked(pt);   // a whole 4 KiB table: backing is per page
            for (int j = 0; j < 1024; j++) {
                long pte = direct ? ram32(pt + 4L * j) : reader.read32(pt + 4L * j);
                if ((pte & P) != 0) emit(lin | (long) j << 12, pte & 0xFFFF_F000L, 4096, attrs(pde & pte, pte, false));
            }
        }
    }

    private void listPae(int cr3, boolean nxe, long[] pdptes) {
        long reserved = PAE_HIGH_RESERVED | (nxe ? 0 : XD);
        for (int k = 0; k < 4; k++) {
            long pdpte = pdptes != null ? pdptes[k] : reader.readPdpte(cr3, k);
            if ((pdpte & P) == 0 || (pdpte & PDPTE_RESERVED) != 0) continue;
            long pd = pdpte & PAE_ADDRESS;
            for (int i = 0; i < 512; i++) {
                long pde = reader.read64(pd + 8L * i);
                if ((pde & P) == 0) continue;
                long lin = (long) k << 30 | (long) i << 21;
                if ((pde & PS) != 0) {
                    if ((pde & (reserved | PDE_2M_RESERVED)) == 0) {
                        emit(lin, pde & PAE_ADDRESS & ~0x1F_FFFFL, 2 << 20, attrs(pde, pde, nxe && pde < 0));
                    }
                    continue;
                }
                if ((pde & reserved) != 0) continue;
                long pt = pde & PAE_ADDRESS;
                for (int j = 0; j < 512; j++) {
                    long pte = reader.read64(pt + 8L * j);
                    if ((pte & P) == 0 || (pte & reserved) != 0) continue;
                    emit(lin | (long) j << 12, pte & PAE_ADDRESS, 4096, attrs(pde & pte, pte, nxe && (pde < 0 || pte < 0)));
                }
            }
        }
    }

    /** {@code combined} is the AND of the levels' bits (for U/S and R/W), {@code leaf} the mapping entry. */
    private static int attrs(long combined, long leaf, boolean xd) {
        return ((combined & US) != 0 ? A_USER : 0) | ((combined & RW) != 0 ? A_WRITE : 0) | (xd ? A_XD : 0)
                | ((leaf & A) != 0 ? A_ACC : 0) | ((leaf & D) != 0 ? A_DIRTY : 0) | ((leaf & G) != 0 ? A_GLOBAL : 0)
                | ((leaf & PCD) != 0 ? A_PCD : 0) | ((leaf & PWT) != 0 ? A_PWT : 0);
    }

    private void emit(long lin, long phys, int size, int attrs) {
        if (curLin >= 0 && lin == curLin + curLen && phys == curPhys + curLen && size == curSize && attrs == curAttrs) {
            curLen += size;
            return;
        }
        close();
        curLin = lin;
        curPhys = phys;
        curLen = size;
        curSize = size;
        curAttrs = attrs;
    }

    private void close() {
        if (curLin < 0) return;
        int a = curAttrs;
        out.add(new Mapping(curLin, curPhys, curLen, curSize, (a & A_USER) != 0, (a & A_WRITE) != 0,
                (a & A_XD) != 0, (a & A_ACC) != 0, (a & A_DIRTY) != 0, (a & A_GLOBAL) != 0, (a & A_PCD) != 0,
                (a & A_PWT) != 0));
        curLin = -1;
    }
}
