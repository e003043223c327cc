package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.PageTableListing;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU 7.2's {@code info tlb} and {@code info mem} lines, from the machine's page-table listing
 * (which reads the tables as QEMU does, not the TLB).
 */
public final class PageTables {
    private final PageTableListing listing;

    public PageTables(DebugTarget t) {
        this.listing = t.pageTables();
    }

    public boolean pagingEnabled() { return listing.pagingEnabled(); }

    public boolean pae() { return listing.pae(); }

    /** {@code info tlb}: one line per present leaf entry, flags XGPDACTUW from the leaf only. */
    public List<String> tlb() {
        List<String> out = new ArrayList<>();
        if (!pagingEnabled()) {
            out.add("PG disabled");
            return out;
        }
        for (PageTableListing.Leaf l : leaves()) out.add(String.format("%016x: %016x %s", l.linear(), l.physical(), flags(l)));
        return out;
    }

    /** The leaves {@code info tlb} lists; empty when paging is off. */
    public List<PageTableListing.Leaf> leaves() { return listing.leaves(); }

    /** QEMU's flag letters XGPDACTUW, '-' for a clear bit. */
    public static String flags(PageTableListing.Leaf l) {
        return String.format("%c%c%c%c%c%c%c%c%c", l.executeDisable() ? 'X' : '-', l.global() ? 'G' : '-',
                l.pageSize() ? 'P' : '-', l.dirty() ? 'D' : '-', l.accessed() ? 'A' : '-', l.cacheDisabled() ? 'C' : '-',
                l.writeThrough() ? 'T' : '-', l.user() ? 'U' : '-', l.writable() ? 'W' : '-');
    }

    /** {@code info mem}: ranges of equal effective user/write permission, as QEMU merges them. */
    public List<String> mem() {
        List<String> out = new ArrayList<>();
        if (!pagingEnabled()) {
            out.add("PG disabled");
            return out;
        }
        for (PageTableListing.Range r : ranges()) {
            out.add(String.format("%016x-%016x %016x %c%c%c", r.start(), r.end(), r.end() - r.start(),
                    r.user() ? 'u' : '-', 'r', r.writable() ? 'w' : '-'));
        }
        return out;
    }

    /** The ranges {@code info mem} lists; empty when paging is off. */
    public List<PageTableListing.Range> ranges() { return listing.ranges(); }
}
