package i386mon.machine.mmu;

/**
 * The SDM's rules restated independently of the walker, for the permission-matrix tests:
 * vol. 3, 4.6.1 (access rights), 4.7 (error code), 4.8 (A/D, set only by a permitted translation).
 */
final class Expected {
    /** One paging-structure level as the test configures it. */
    record Level(boolean p, boolean rw, boolean us, boolean xd) { }

    /** -1 if the access succeeds, else the #PF error code. */
    static int errorCode(Level[] levels, boolean user, Access access, boolean wp, boolean pae, boolean nxe) {
        boolean write = access == Access.WRITE, fetch = access == Access.EXECUTE;
        int base = (write ? 2 : 0) | (user ? 4 : 0) | (fetch && pae && nxe ? 16 : 0);
        boolean allUser = true, allWrite = true, anyXd = false;
        for (Level l : levels) {
            if (!l.p) return base;                       // P=0: no translation
            if (l.xd && !(pae && nxe)) return base | 1 | 8; // XD is a reserved bit without NXE
            allUser &= l.us;
            allWrite &= l.rw;
            anyXd |= l.xd;
        }
        boolean denied;
        if (user && !allUser) denied = true;
        else if (write) denied = !allWrite && (user || wp);
        else if (fetch) denied = pae && nxe && anyXd;
        else denied = false;
        return denied ? base | 1 : -1;
    }

    private Expected() { }
}
