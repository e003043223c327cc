package i386mon.machine.mmu;

import static i386mon.machine.mmu.PageBits.*;

import i386mon.machine.memory.PhysicalMemory;

/**
 * A pure page walk (SDM vol. 3, 4.3 32-bit paging and 4.4 PAE paging): reads the paging
 * structures, never sets Accessed/Dirty and never touches a TLB. Paging structures are read from
 * RAM/ROM only; an entry outside them reads as all ones, as the bus returns for nothing (page
 * tables in device memory are not supported).
 */
public final class PageWalker {
    private final PhysicalMemory mem;
    /** The A20 gate's mask, ANDed into the paging structures' addresses as into any physical address. */
    private long a20Mask = -1L;

    public PageWalker(PhysicalMemory mem) { this.mem = mem; }

    /** Follows the A20 gate: all ones while open, else bit 20 clear (the walk's own reads are masked too). */
    void a20Mask(long mask) { a20Mask = mask; }

    /**
     * Walks {@code linear} for {@code access} with the given control registers. {@code pdptes} are
     * the PAE PDPTE registers; null reads them from memory at CR3 (what a CR3 load would load).
     */
    public Walk walk(int cr0, int cr3, int cr4, long efer, long[] pdptes, int linear, Access access, boolean user) {
        if (access == null) throw new IllegalArgumentException("access kind is required");
        if (pdptes != null && pdptes.length != 4) throw new IllegalArgumentException("PAE needs exactly 4 PDPTEs");
        WalkState s = new WalkState();
        walk(cr0, cr3, cr4, efer, pdptes, linear, access, user, s);
        return s.toWalk();
    }

    /** The PDPTE i of a PAE PDPT at CR3 (SDM vol. 3, 4.4.1: CR3 bits 31:5 locate the table). */
    static long pdpteAddress(int cr3, int i) { return (cr3 & 0xFFFF_FFE0L) + 8L * i; }

    long readPdpte(int cr3, int i) { return read64(pdpteAddress(cr3, i) & a20Mask); }

    void walk(int cr0, int cr3, int cr4, long efer, long[] pdptes, int lin, Access access, boolean user, WalkState s) {
        s.reset(lin, access, user);
        if ((cr0 & Mmu.CR0_PG) == 0) {
            s.physical = lin & 0xFFFF_FFFFL;
            s.pageSize = 4096;
            return;
        }
        boolean pae = (cr4 & Mmu.CR4_PAE) != 0;
        boolean nxe = pae && (efer & Mmu.EFER_NXE) != 0;
        boolean write = access == Access.WRITE, fetch = access == Access.EXECUTE;
        // SDM 4.7: W/R and U/S describe the access; I/D only when PAE and EFER.NXE (no SMEP here).
        int err = (write ? Walk.ERR_WR : 0) | (user ? Walk.ERR_US : 0) | (fetch && nxe ? Walk.ERR_ID : 0);
        long leaf;
        if (!pae) {
            int pdi = lin >>> 22;
            long pdeAddr = ((cr3 & 0xFFFF_F000L) | (long) pdi << 2) & a20Mask;
            long pde = read32(pdeAddr);
            s.add(Level.PDE, pdi, pdeAddr, pde, false);
            if ((pde & P) == 0) { s.fail(FaultRule.NOT_PRESENT, err); return; }
            s.userAllowed = (pde & US) != 0;
            s.writable = (pde & RW) != 0;
            if ((pde & PS) != 0 && (cr4 & Mmu.CR4_PSE) != 0) {
                if ((pde & PDE_4M_RESERVED) != 0) { s.fail(FaultRule.RESERVED_BIT, err | Walk.ERR_P | Walk.ERR_RSVD); return; }
                s.physical = (pde & 0xFFC0_0000L) | (lin & 0x3F_FFFF);
                s.pageSize = 4 << 20;
                leaf = pde;
            } else {
                int pti = (lin >>> 12) & 0x3FF;
                long pteAddr = ((pde & 0xFFFF_F000L) | (long) pti << 2) & a20Mask;
                long pte = read32(pteAddr);
                s.add(Level.PTE, pti, pteAddr, pte, false);
                if ((pte & P) == 0) { s.fail(FaultRule.NOT_PRESENT, err); return; }
                s.userAllowed &= (pte & US) != 0;
                s.writable &= (pte & RW) != 0;
                s.physical = (pte & 0xFFFF_F000L) | (lin & 0xFFF);
                s.pageSize = 4096;
                leaf = pte;
            }
        } else {
            int pdpi = lin >>> 30;
            long pdpte = pdptes != null ? pdptes[pdpi] : readPdpte(cr3, pdpi);
            s.add(Level.PDPTE, pdpi, pdpteAddress(cr3, pdpi), pdpte, pdptes != null);
            if ((pdpte & P) == 0) { s.fail(FaultRule.NOT_PRESENT, err); return; }
            // Loaded PDPTEs never have reserved bits (the load #GPs); ones read for inspection may.
            if ((pdpte & PDPTE_RESERVED) != 0) { s.fail(FaultRule.RESERVED_BIT, err | Walk.ERR_P | Walk.ERR_RSVD); return; }
            long reserved = PAE_HIGH_RESERVED | (nxe ? 0 : XD);
            int pdi = (lin >>> 21) & 0x1FF;
            long pdeAddr = ((pdpte & PAE_ADDRESS) | (long) pdi << 3) & a20Mask;
            long pde = read64(pdeAddr);
            s.add(Level.PDE, pdi, pdeAddr, pde, false);
            if ((pde & P) == 0) { s.fail(FaultRule.NOT_PRESENT, err); return; }
            boolean large = (pde & PS) != 0;
            if ((pde & (large ? reserved | PDE_2M_RESERVED : reserved)) != 0) {
                s.fail(FaultRule.RESERVED_BIT, err | Walk.ERR_P | Walk.ERR_RSVD);
                return;
            }
            s.userAllowed = (pde & US) != 0;
            s.writable = (pde & RW) != 0;
            s.executeDisable = (pde & XD) != 0;
            if (large) {
                s.physical = (pde & PAE_ADDRESS & ~0x1F_FFFFL) | (lin & 0x1F_FFFF);
                s.pageSize = 2 << 20;
                leaf = pde;
            } else {
                int pti = (lin >>> 12) & 0x1FF;
                long pteAddr = ((pde & PAE_ADDRESS) | (long) pti << 3) & a20Mask;
                long pte = read64(pteAddr);
                s.add(Level.PTE, pti, pteAddr, pte, false);
                if ((pte & P) == 0) { s.fail(FaultRule.NOT_PRESENT, err); return; }
                if ((pte & reserved) != 0) { s.fail(FaultRule.RESERVED_BIT, err | Walk.ERR_P | Walk.ERR_RSVD); return; }
                s.userAllowed &= (pte & US) != 0;
                s.writable &= (pte & RW) != 0;
                s.executeDisable |= (pte & XD) != 0;
                s.physical = (pte & PAE_ADDRESS) | (lin & 0xFFF);
                s.pageSize = 4096;
                leaf = pte;
            }
        }
        s.global = (cr4 & Mmu.CR4_PGE) != 0 && (leaf & G) != 0;
        FaultRule denied = checkRights(s, access, user, (cr0 & Mmu.CR0_WP) != 0, nxe);
        if (denied != null) s.fail(denied, err | Walk.ERR_P);
    }

    /** Access rights of a valid translation, SDM vol. 3, 4.6.1 (no SMEP/SMAP/protection keys). */
    private static FaultRule checkRights(WalkState s, Access access, boolean user, boolean wp, boolean nxe) {
        if (user && !s.userAllowed) return FaultRule.USER_TO_SUPERVISOR;
        switch (access) {
            case WRITE:
                // User writes always need R/W=1 at every level; supervisor writes only with CR0.WP=1.
                if (!s.writable && (user || wp)) return FaultRule.WRITE_TO_READ_ONLY;
                return null;
            case EXECUTE:
                return nxe && s.executeDisable ? FaultRule.EXECUTE_DISABLE : null;
            default:
                return null;
        }
    }

    long read32(long paddr) {
        return mem.peek32(paddr); // the walk's own read: watchpoints do not see it
    }

    long read64(long paddr) {
        return mem.peek64(paddr);
    }
}
