package i386mon.shell.commands;

import i386mon.shell.format.Json;
import i386mon.shell.format.PageTableDump;
import i386mon.shell.format.TlbText;
import i386mon.shell.format.TranslationText;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.TlbEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import i386mon.shell.format.PageTables;
import i386mon.shell.session.CommandException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Paging inspection: info tlb, info mem (QEMU), translate and pte dump (ours). */
final class PagingCommands {
    private PagingCommands() { }

    @Command(name = "tlb", description = "Show the present pages from the page tables as QEMU does; --cached shows the real TLB, marking stale entries.")
    static final class Tlb extends MonitorCommand {
        @Option(names = "--cached", description = "List the TLB's cached translations instead, marking those that no longer match the page tables.")
        boolean cached;

        @Option(names = "--stale", description = "List only the TLB entries that disagree with the page tables, each with the page whose INVLPG (or CR3 reload) is missing.")
        boolean stale;

        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (stale) {
                if (cached) throw new CommandException("info tlb: --stale and --cached exclude each other");
                stale();
                return;
            }
            if (cached) {
                List<TlbEntry> entries = session.target().tlbEntries();
                Map<Long, String> stale = staleReasons();
                if (json) {
                    List<Object> list = new ArrayList<>();
                    for (TlbEntry c : entries) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("linear", c.linear());
                        m.put("frame", c.frame());
                        m.put("pageSize", c.pageSize());
                        m.put("permissions", TlbText.permissions(c, session.target()));
                        m.put("global", c.global());
                        m.put("dirtyKnown", c.dirtyKnown());
                        m.put("stale", stale.get(c.linear()));
                        list.add(m);
                    }
                    out().println(Json.write(Map.of("cached", list)));
                    return;
                }
                if (entries.isEmpty()) out().println("TLB is empty");
                for (TlbEntry c : entries) {
                    String why = stale.get(c.linear());
                    String line = TlbText.line(c, session.target());
                    out().println(why == null ? line : line + "  STALE: " + why);
                }
                return;
            }
            PageTables tables = new PageTables(session.target());
            if (json) {
                List<Object> list = new ArrayList<>();
                for (PageTableListing.Leaf l : tables.leaves()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("linear", l.linear());
                    m.put("physical", l.physical());
                    m.put("flags", PageTables.flags(l));
                    list.add(m);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("paging", tables.pagingEnabled());
                doc.put("entries", list);
                out().println(Json.write(doc));
                return;
            }
            tables.tlb().forEach(out()::println);
        }

        /** Why each stale TLB entry disagrees with the page tables, by linear page. */
        private Map<Long, String> staleReasons() {
            Map<Long, String> stale = new java.util.HashMap<>();
            for (StaleEntry e : session.target().staleTlbEntries()) stale.put(e.entry().linear(), e.reason());
            return stale;
        }

        private void stale() {
            List<StaleEntry> entries = new ArrayList<>(session.target().staleTlbEntries());
            entries.sort(java.util.Comparator.comparingLong(e -> e.entry().linear()));
            if (json) {
                List<Object> list = new ArrayList<>();
                for (StaleEntry e : entries) {
                    TlbEntry c = e.entry();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("linear", c.linear());
                    m.put("frame", c.frame());
                    m.put("pageSize", c.pageSize());
                    m.put("global", c.global());
                    m.put("reason", e.reason());
                    m.put("invlpg", c.linear() & ~(long) (c.pageSize() - 1));
                    m.put("cr3ReloadFlushes", !c.global());
                    list.add(m);
                }
                out().println(Json.write(Map.of("stale", list)));
                return;
            }
            if (entries.isEmpty()) {
                out().println("No stale TLB entries: every cached translation matches the page tables.");
                return;
            }
            for (StaleEntry e : entries) {
                TlbEntry c = e.entry();
                long page = c.linear() & ~(long) (c.pageSize() - 1);
                out().println(String.format("0x%08x -> 0x%08x: %s", c.linear(), c.frame(), e.reason()));
                out().println(String.format("  missing: invlpg 0x%08x%s", page,
                        c.global() ? " (a global entry: a CR3 reload does not drop it)" : " (or a CR3 reload)"));
            }
        }
    }

    @Command(name = "mem", description = "Show mapped virtual memory ranges with their effective permissions, as QEMU does.")
    static final class Mem extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            PageTables tables = new PageTables(session.target());
            if (json) {
                List<Object> list = new ArrayList<>();
                for (PageTableListing.Range r : tables.ranges()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("start", r.start());
                    m.put("end", r.end());
                    m.put("size", r.end() - r.start());
                    m.put("user", r.user());
                    m.put("writable", r.writable());
                    list.add(m);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("paging", tables.pagingEnabled());
                doc.put("ranges", list);
                out().println(Json.write(doc));
                return;
            }
            tables.mem().forEach(out()::println);
        }
    }

    @Command(name = "translate", description = "Explain the page walk of a virtual address step by step, without changing the guest.")
    static final class Translate extends MonitorCommand {
        @Option(names = "--cr3", paramLabel = "X", description = "Walk these page tables instead of the current CR3.") String cr3;
        @Option(names = "--write", description = "Check a write access.") boolean write;
        @Option(names = "--user", description = "Check a user-mode (CPL 3) access.") boolean user;
        @Option(names = "--exec", description = "Check an instruction fetch.") boolean exec;
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "VA", arity = "1..*", description = "Virtual address expression.") List<String> words;

        @Override void run() {
            if (write && exec) throw new CommandException("--write and --exec exclude each other");
            int va = (int) session.eval(joined(words));
            Integer root = cr3 == null ? null : (int) session.eval(cr3);
            TranslationText.View w = TranslationText.View.of(session.target(), va, root,
                    exec ? Access.EXECUTE : write ? Access.WRITE : Access.READ, user);
            if (json) out().println(Json.write(TranslationText.json(w)));
            else TranslationText.lines(w).forEach(out()::println);
        }
    }

    @Command(name = "pte", description = "Page table commands: pte dump.", subcommands = PagingCommands.PteDump.class)
    static final class Pte extends MonitorCommand {
        @Override void run() {
            throw new CommandException("pte needs a subcommand: pte dump [VA-RANGE] [--cr3 X]");
        }
    }

    @Command(name = "dump", description = "Dump the page directory and its tables with decoded flags, collapsing runs of similar entries.")
    static final class PteDump extends MonitorCommand {
        @Option(names = "--cr3", paramLabel = "X", description = "Dump these page tables instead of the current CR3.") String cr3;
        @Parameters(paramLabel = "VA-RANGE", arity = "0..1", description = "START-END (END exclusive) or one address (its page); default all.") String range;
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            long from = 0, to = 1L << 32;
            if (range != null) {
                int dash = range.indexOf('-', 1);
                if (dash > 0) {
                    from = session.eval(range.substring(0, dash));
                    to = session.eval(range.substring(dash + 1));
                    if (to == 0) to = 1L << 32;
                    if (to <= from) throw new CommandException("empty range: " + range);
                } else {
                    from = session.eval(range) & ~0xFFFL;
                    to = from + 0x1000;
                }
            }
            // with paging off CR3 points at nothing the CPU uses (often 0): say so rather than dump RAM as tables
            if (cr3 == null && (session.target().cr0() & 0x8000_0000) == 0) {
                throw new CommandException("paging is off (CR0.PG is 0): no page tables are in use (give --cr3 X to dump tables anyway)");
            }
            long root = cr3 == null ? session.target().cr3() & 0xFFFF_FFFFL : session.eval(cr3);
            PageTableDump dump = new PageTableDump(session.target());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("cr3", root);
                doc.put("pae", new PageTables(session.target()).pae());
                doc.put("from", from);
                doc.put("to", to);
                doc.put("entries", PageTableDump.json(dump.tree(root, from, to)));
                out().println(Json.write(doc));
                return;
            }
            dump.dump(root, from, to).forEach(out()::println);
        }
    }
}
