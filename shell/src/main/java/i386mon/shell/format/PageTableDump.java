package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.PageTableListing.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pte dump}: the machine's tree of paging structures under a CR3 as text, with decoded
 * flags and runs of present entries that map consecutive frames with equal flags on one line (an
 * identity-mapped table is one line, not 1024), and as JSON.
 */
public final class PageTableDump {
    private final DebugTarget t;

    public PageTableDump(DebugTarget t) {
        this.t = t;
    }

    /** The header line: the CR3, the paging mode and where the top-level table is. */
    public String header(long cr3) {
        PageTableListing l = t.pageTables((int) cr3);
        boolean pae = l.pae();
        return String.format("CR3=0x%08x: %s, page directory%s at 0x%08x%s", cr3 & 0xFFFF_FFFFL,
                pae ? "PAE paging" : "32-bit paging" + (l.pse() ? ", PSE on" : ", PSE off"),
                pae ? " pointer table" : "", pae ? cr3 & 0xFFFF_FFE0L : cr3 & 0xFFFF_F000L,
                l.pagingEnabled() ? "" : " (CR0.PG is clear: these tables are not in use)");
    }

    /** Dumps the structures under {@code cr3} for linear addresses in [from, to), as text. */
    public List<String> dump(long cr3, long from, long to) {
        List<String> out = new ArrayList<>();
        out.add(header(cr3));
        List<Node> nodes = tree(cr3, from, to);
        render(nodes, "", t.pageTables((int) cr3).pae(), out);
        if (nodes.isEmpty()) out.add("no present entries in this range");
        return out;
    }

    /** The present entries under {@code cr3} for linear addresses in [from, to), as a tree. */
    public List<Node> tree(long cr3, long from, long to) {
        return t.pageTables((int) cr3).tree(from, to);
    }

    private static void render(List<Node> nodes, String indent, boolean pae, List<String> out) {
        for (Node n : nodes) {
            String flags = String.join(" ", n.flags());
            if (n.table()) {
                out.add(String.format("%s%s 0x%03x @0x%08x = 0x%0" + (pae ? 16 : 8) + "x [%s] -> table 0x%08x (0x%08x-0x%08x)",
                        indent, n.level(), n.first(), n.entryAddress(), n.value(), flags, n.physical(), n.linear(), n.linearEnd()));
                if (n.children().isEmpty()) out.add(indent + "  (no present entries in range)");
                render(n.children(), indent + "  ", pae, out);
                continue;
            }
            String index = n.count() == 1 ? String.format("0x%03x", n.first()) : String.format("0x%03x-0x%03x", n.first(), n.last());
            String size = n.pageSize() == 1L << 12 ? "4K" : n.pageSize() == 1L << 21 ? "2M" : "4M";
            String usage = n.count() == 1 ? "" : String.format(" (%d accessed, %d dirty)", n.accessed(), n.dirty());
            out.add(String.format("%s%s %s: 0x%08x-0x%08x -> 0x%08x-0x%08x [%s] %d %s page%s%s",
                    indent, n.level(), index, n.linear(), n.linearEnd(), n.physical(), n.physical() + (n.linearEnd() - n.linear()),
                    flags, n.count(), size, n.count() == 1 ? "" : "s", usage));
        }
    }

    /** JSON form of the tree. */
    public static List<Object> json(List<Node> nodes) {
        List<Object> list = new ArrayList<>();
        for (Node n : nodes) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("level", n.level().name());
            m.put("first", n.first());
            m.put("last", n.last());
            m.put("linear", n.linear());
            m.put("linearEnd", n.linearEnd());
            m.put("physical", n.physical());
            m.put("flags", n.flags());
            if (n.table()) {
                m.put("entryAddress", n.entryAddress());
                m.put("value", n.value());
                m.put("children", json(n.children()));
            } else {
                m.put("count", n.count());
                m.put("pageSize", n.pageSize());
                m.put("accessed", n.accessed());
                m.put("dirty", n.dirty());
            }
            list.add(m);
        }
        return list;
    }
}
