package i386mon.machine.mmu;

/**
 * One cached translation for a 4 KiB linear page as the monitor lists it. Write permissions are
 * only granted once the leaf entry's Dirty flag is known to be set ({@code dirtyKnown}); until
 * then the first write re-walks and sets Dirty (SDM vol. 3, 4.8).
 */
public record TlbEntry(long linear, long frame, int pageSize, boolean supervisorWrite, boolean userRead,
                       boolean userWrite, boolean supervisorExecute, boolean userExecute, boolean global,
                       boolean dirtyKnown, boolean direct) {

    /** Permissions as "sRWX uRWX" style text, e.g. "s:rw- u:r-x". */
    public String permissions() {
        return "s:r" + (supervisorWrite ? "w" : "-") + (supervisorExecute ? "x" : "-")
                + " u:" + (userRead ? "r" : "-") + (userWrite ? "w" : "-") + (userExecute ? "x" : "-");
    }

    @Override
    public String toString() {
        return String.format("0x%08x -> 0x%x %s %s%s%s", linear, frame, Walk.sizeName(pageSize), permissions(),
                global ? " G" : "", dirtyKnown ? " D" : "");
    }
}
