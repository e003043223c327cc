package i386mon.machine.mmu;

import java.util.List;

/**
 * The complete account of one translation: every paging-structure entry read, and either the
 * physical address with the effective permissions (SDM vol. 3, 4.6: U/S and R/W ANDed, XD ORed
 * across levels) or the failing rule, the level it failed at (for non-present and reserved-bit
 * failures; access-rights failures are decided on the combined permissions, so no single level)
 * and the #PF error code the access would raise (SDM vol. 3, 4.7).
 */
public record Walk(int linear, Access access, boolean user, List<Step> steps, FaultRule fault, Level faultLevel,
                   int errorCode, long physical, int pageSize, boolean userAllowed, boolean writable,
                   boolean executeDisable, boolean global) {

    /** #PF error code bits (SDM vol. 3, figure 4-12). */
    public static final int ERR_P = 1, ERR_WR = 2, ERR_US = 4, ERR_RSVD = 8, ERR_ID = 16;

    public boolean ok() { return fault == null; }

    /** A one-line reason, e.g. "PDE 0x300 not present" or "write to a read-only page"; "ok" on success. */
    public String reason() {
        if (fault == null) return "ok";
        if (faultLevel != null) {
            Step s = steps.get(steps.size() - 1);
            return String.format("%s 0x%x %s", s.level(), s.index(), fault.text());
        }
        return fault.text();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format("%s 0x%08x (%s):", access, linear, user ? "user" : "supervisor"));
        for (Step s : steps) b.append("\n  ").append(s);
        if (ok()) {
            b.append(String.format("%n  -> 0x%x (%s page, %s %s%s%s)", physical, sizeName(pageSize),
                    userAllowed ? "user" : "supervisor", writable ? "rw" : "ro", executeDisable ? " xd" : "", global ? " global" : ""));
        } else {
            b.append(String.format("%n  -> #PF error 0x%x: %s", errorCode, reason()));
        }
        return b.toString();
    }

    static String sizeName(int size) {
        return size >= (1 << 20) ? (size >>> 20) + "M" : (size >>> 10) + "K";
    }
}
