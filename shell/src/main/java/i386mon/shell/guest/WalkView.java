package i386mon.shell.guest;

import java.util.List;

/**
 * A page walk as the shell shows it: the entries read, then the physical address or the fault
 * and its #PF error code (SDM Vol. 3A 4.7). {@code paging} false means CR0.PG was clear and no
 * walk happened (physical = linear).
 */
public record WalkView(int linear, String access, boolean user, long cr3, boolean paging, boolean pae,
                       List<Entry> entries, boolean ok, long physical, int pageSize, boolean userAllowed,
                       boolean writable, boolean global, String fault, int errorCode) {

    /** One paging-structure entry: level (PDPTE, PDE, PTE), index, physical address, raw value, flags in words. */
    public record Entry(String level, int index, long address, long value, List<String> flags, boolean fromRegister) { }

    /** #PF error code bits (SDM Vol. 3A figure 4-12). */
    public static final int ERR_P = 1, ERR_WR = 2, ERR_US = 4, ERR_RSVD = 8, ERR_ID = 16;
}
