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

    /**
     * One line of the dump: a table entry (with its children) or a run of {@code count} leaf
     * entries from {@code first} to {@code last} mapping [linear, linearEnd] to [physical, ...].
     */
    public record Node(String level, int first, int last, long entryAddress, long value, long linear, long linearEnd,
                       long physical, String flags, int count, long pageSize, int accessed, int dirty, List<Node> children) {
        public boolean table() {
            return children != null;
        }
    }

    private final PageTables tables;
    private final Target t;
    private long from;
    private long to;

    public PageTableDump(Target t) {
        this.t = t;
        this.tables = new PageTables(t);
    }

    /** The header line: the CR3, the paging mode and where the top-level table is. */
    public String header(long cr3) {
        boolean pae = tables.pae();
        boolean pse = (t.cr4() & (1 << 4)) != 0;
        return String.format("CR3=0x%08x: %s, page directory%s at 0x%08x%s", cr3 & 0xFFFF_FFFFL,
                pae ? "PAE paging" : "32-bit paging" + (pse ? ", PSE on" : ", PSE off"),
                pae ? " pointer table" : "", pae ? cr3 & 0xFFFF_FFE0L : cr3 & ADDR32,
                tables.pagingEnabled() ? "" : " (CR0.PG is clear: these tables are not in use)");
    }

    /** Dumps the structures under {@code cr3} for linear addresses in [from, to), as text. */
    public List<String> dump(long cr3, long from, long to) {
        List<String> out = new ArrayList<>();
        out.add(header(cr3));
        List<Node> nodes = tree(cr3, from, to);
        render(nodes, "", out);
        if (nodes.isEmpty()) out.add("no present entries in this range");
        return out;
    }

    /** The present entries under {@code cr3} for linear addresses in [from, to), as a tree. */
    public List<Node> tree(long cr3, long from, long to) {
        this.from = from;
        this.to = to;
        if (tables.pae()) {
            Level[] levels = {new Level("PDPTE", 4, 8, 30, false), new Level("PDE", 512, 8, 21, true), new Level("PTE", 512, 8, 12, true)};
            return table(levels, 0, cr3 & 0xFFFF_FFE0L, 0, true);
        }
        boolean pse = (t.cr4() & (1 << 4)) != 0;
        Level[] levels = {new Level("PDE", 1024, 4, 22, pse), new Level("PTE", 1024, 4, 12, true)};
        return table(levels, 0, cr3 & ADDR32, 0, false);
    }

    private void render(List<Node> nodes, String indent, List<String> out) {
        for (Node n : nodes) {
            if (n.table()) {
                out.add(String.format("%s%s 0x%03x @0x%08x = 0x%0" + (tables.pae() ? 16 : 8) + "x [%s] -> table 0x%08x (0x%08x-0x%08x)",
                        indent, n.level, n.first, n.entryAddress, n.value, n.flags, n.physical, n.linear, n.linearEnd));
                if (n.children.isEmpty()) out.add(indent + "  (no present entries in range)");
                render(n.children, indent + "  ", out);
                continue;
            }
            String index = n.count == 1 ? String.format("0x%03x", n.first) : String.format("0x%03x-0x%03x", n.first, n.last);
            String size = n.pageSize == 1L << 12 ? "4K" : n.pageSize == 1L << 21 ? "2M" : "4M";
            String usage = n.count == 1 ? "" : String.format(" (%d accessed, %d dirty)", n.accessed, n.dirty);
            out.add(String.format("%s%s %s: 0x%08x-0x%08x -> 0x%08x-0x%08x [%s] %d %s page%s%s",
                    indent, n.level, index, n.linear, n.linearEnd, n.physical, n.physical + (n.linearEnd - n.linear),
                    n.flags, n.count, size, n.count == 1 ? "" : "s", usage));
        }
    }

    /** JSON form of the tree. */
    public static List<Object> json(List<Node> nodes) {
        List<Object> list = new ArrayList<>();
        for (Node n : nodes) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("level", n.level);
            m.put("first", n.first);
            m.put("last", n.last);
            m.put("linear", n.linear);
            m.put("linearEnd", n.linearEnd);
            m.put("physical", n.physical);
            m.put("flags", java.util.Arrays.asList(n.flags.split(" ")));
            if (n.table()) {
                m.put("entryAddress", n.entryAddress);
                m.put("value", n.value);
                m.put("children", json(n.children));
            } else {
                m.put("count", n.count);
                m.put("pageSize", n.pageSize);
                m.put("accessed", n.accessed);
                m.put("dirty", n.dirty);
            }
            list.add(m);
        }
        return list;
    }

    private List<Node> table(Level[] levels, int depth, long tableAddr, long base, boolean pae) {
        List<Node> out = new ArrayList<>();
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
            long entryAddress = tableAddr + (long) i * lv.entrySize;
            long e = read(entryAddress, lv.entrySize);
            if ((e & PageTables.P) == 0) {
                i++;
                continue;
            }
            long addrMask = pae ? ADDR_PAE : ADDR32;
            boolean leaf = last || (lv.mayBeLeaf && (e & PageTables.PS) != 0);
            if (!leaf) {
                List<Node> children = table(levels, depth + 1, e & addrMask, lin, pae);
                out.add(new Node(lv.name, i, i, entryAddress, e, lin, lin + span - 1, e & addrMask, flags(e, lv), 1, span, 0, 0, children));
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
            out.add(new Node(lv.name, i, j - 1, entryAddress, e, lin, lin + n * span - 1, frame,
                    flags(n == 1 ? e : flagBits, lv), n, span, accessed, dirty, null));
            i = j;
        }
        return out;
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
