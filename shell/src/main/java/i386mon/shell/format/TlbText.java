package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;

/**
 * A cached translation as {@code info tlb --cached} lists it. The TLB grants a write only once
 * the page's Dirty flag is known set; a clean entry's first write re-walks the page tables (SDM
 * Vol. 3A 4.8), so whether it may write is the tables' word, not "r-x".
 */
public final class TlbText {
    private TlbText() { }

    /** "s:rwx u:r-x": what the CPU allows through this entry now. */
    public static String permissions(TlbEntry c, DebugTarget t) {
        if (c.dirtyKnown()) return c.permissions();
        boolean supervisorWrite = c.supervisorWrite() || writes(t, c, false);
        boolean userWrite = c.userWrite() || c.userRead() && writes(t, c, true);
        return "s:r" + (supervisorWrite ? "w" : "-") + (c.supervisorExecute() ? "x" : "-")
                + " u:" + (c.userRead() ? "r" : "-") + (userWrite ? "w" : "-") + (c.userExecute() ? "x" : "-");
    }

    /** The entry's line: linear, frame, size, permissions, G for global and D once Dirty is known. */
    public static String line(TlbEntry c, DebugTarget t) {
        String cached = c.toString();
        int at = cached.indexOf(c.permissions());
        return cached.substring(0, at) + permissions(c, t) + cached.substring(at + c.permissions().length());
    }

    private static boolean writes(DebugTarget t, TlbEntry c, boolean user) {
        Walk w = t.walk((int) c.linear(), null, Access.WRITE, user);
        return w.ok() && w.physical() >>> 12 == c.frame() >>> 12;
    }
}
