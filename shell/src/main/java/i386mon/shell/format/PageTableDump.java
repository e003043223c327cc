package i386mon.shell.format;

import i386mon.shell.guest.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pte dump}: the paging structures under a CR3, hierarchically, with decoded flags and runs
 * of present entries that map consecutive frames with equal flags collapsed into one line (an
 * identity-mapped table is one line, not 1024). 32-bit paging and PAE (SDM Vol. 3A 4.3, 4.4).
 */
public final class PageTableDump {
    private record Level(String name, int entries, int entrySize, int shift, boolean mayBeLeaf) { }

    private static final long ADDR32 = 0xFFFF_F000L, ADDR_PAE = 0x000f_ffff_ffff_f000L;

    private final PageTables tables;
    private final Target t;
    private final List<String> out = new ArrayList<>();
    private long from;
    private long to;

    public PageTableDump(Target t) {
        this.t = t;
        this.tables = new PageTables(t);
    }

    /** Dumps the structures under {@code cr3} for linear addresses in [from, to). */
    public List<String> dump(long cr3, long from, long to) {
        this.from = from;
        this.to = to;
        boolean pae = tables.pae();
        boolean pse = (t.cr4() & (1 << 4)) != 0;
        out.add(String.format("CR3=0x%08x: %s, page directory%s at 0x%08x%s", cr3 & 0xFFFF_FFFFL,
                pae ? "PAE paging" : "32-bit paging" + (pse ? ", PSE on" : ", PSE off"),
                pae ? " pointer table" : "", pae ? cr3 & 0xFFFF_FFE0L : cr3 & ADDR32,
                tables.pagingEnabled() ? "" : " (CR0.PG is clear: these tables are not in use)"));
        if (pae) {
            Level[] levels = {new Level("PDPTE", 4, 8, 30, false), new Level("PDE", 512, 8, 21, true), new Level("PTE", 512, 8, 12, true)};
            table(levels, 0, cr3 & 0xFFFF_FFE0L, 0, "", true);
        } else {
            Level[] levels = {new Level("PDE", 1024, 4, 22, pse), new Level("PTE", 1024, 4, 12, true)};
            table(levels, 0, cr3 & ADDR32, 0, "", false);
        }
        if (out.size() == 1) out.add("no present entries in this range");
        return out;
    }

    private void table(Level[] levels, int depth, long tableAddr, long base, String indent, boolean pae) {
        Level lv = levels[depth];
        boolean last = depth == levels.length - 1;
        long span = 1L << lv.shift;
        int i = 0;
        while (i < lv.entries) {
            long lin = base + i * span;
            if (lin + span <= from || lin >= to) {
                i++;
                continue;
            }
            long e = read(tableAddr + (long) i * lv.entrySize, lv.entrySize);
            if ((e & PageTables.P) == 0) {
                i++;
                continue;
            }
            long addrMask = pae ? ADDR_PAE : ADDR32;
            boolean leaf = last || (lv.mayBeLeaf && (e & PageTables.PS) != 0);
            if (!leaf) {
                out.add(String.format("%s%s 0x%03x @0x%08x = 0x%0" + (lv.entrySize * 2) + "x [%s] -> table 0x%08x (0x%08x-0x%08x)",
                        indent, lv.name, i, tableAddr + (long) i * lv.entrySize, e, flags(e, lv), e & addrMask, lin, lin + span - 1));
                int before = out.size();
                table(levels, depth + 1, e & addrMask, lin, indent + "  ", pae);
                if (out.size() == before) out.add(indent + "  (no present entries in range)");
                i++;
                continue;
            }
            // a run of leaf entries mapping consecutive frames with equal flags; Accessed and Dirty
            // differ page by page in any used table, so they are counted instead of splitting runs
            long frameMask = last ? addrMask : addrMask & ~(span - 1);
            long ad = PageTables.A | PageTables.D;
            long frame = e & frameMask;
            long flagBits = e & ~frameMask & ~ad;
            int accessed = 0, dirty = 0;
            int j = i;
            while (j < lv.entries && base + j * span < to) {
                long f = j == i ? e : read(tableAddr + (long) j * lv.entrySize, lv.entrySize);
                if ((f & ~frameMask & ~ad) != flagBits || (f & frameMask) != frame + (j - i) * span) break;
                if ((f & PageTables.A) != 0) accessed++;
                if ((f & PageTables.D) != 0) dirty++;
                j++;
            }
            int n = j - i;
            String index = n == 1 ? String.format("0x%03x", i) : String.format("0x%03x-0x%03x", i, j - 1);
            String size = span == 1L << 12 ? "4K" : span == 1L << 21 ? "2M" : "4M";
            String usage = n == 1 ? "" : String.format(" (%d accessed, %d dirty)", accessed, dirty);
            out.add(String.format("%s%s %s: 0x%08x-0x%08x -> 0x%08x-0x%08x [%s] %d %s page%s%s",
                    indent, lv.name, index, lin, lin + n * span - 1, frame, frame + n * span - 1,
                    flags(n == 1 ? e : flagBits, lv), n, size, n == 1 ? "" : "s", usage));
            i = j;
        }
    }

    /** Set flags in words, as Intel names them. */
    static String flags(long e, Level lv) {
        StringBuilder b = new StringBuilder("P");
        boolean pdpte = lv.name.equals("PDPTE");
        if (!pdpte) {
            b.append((e & PageTables.RW) != 0 ? " RW" : " RO");
            b.append((e & PageTables.US) != 0 ? " US" : " S");
        }
        if ((e & PageTables.PWT) != 0) b.append(" PWT");
        if ((e & PageTables.PCD) != 0) b.append(" PCD");
        if (!pdpte) {
            if ((e & PageTables.A) != 0) b.append(" A");
            if ((e & PageTables.D) != 0) b.append(" D");
            if (lv.mayBeLeaf && !lv.name.equals("PTE") && (e & PageTables.PS) != 0) b.append(" PS");
            if ((e & PageTables.G) != 0) b.append(" G");
        }
        if ((e & PageTables.NX) != 0) b.append(" XD");
        return b.toString();
    }

    private long read(long paddr, int size) {
        return size == 4 ? tables.read32(paddr) : tables.read64(paddr);
    }
}
