package i386mon.shell.commands;

import i386mon.shell.format.PageTableDump;
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

        @Override void run() {
            List<String> lines = cached ? session.target().cachedTlb() : new PageTables(session.target()).tlb();
            if (cached && lines.isEmpty()) out().println("TLB is empty");
            lines.forEach(out()::println);
        }
    }

    @Command(name = "mem", description = "Show mapped virtual memory ranges with their effective permissions, as QEMU does.")
    static final class Mem extends MonitorCommand {
        @Override void run() {
            new PageTables(session.target()).mem().forEach(out()::println);
        }
    }

    @Command(name = "translate", description = "Explain the page walk of a virtual address step by step, without changing the guest.")
    static final class Translate extends MonitorCommand {
        @Option(names = "--cr3", paramLabel = "X", description = "Walk these page tables instead of the current CR3.") String cr3;
        @Option(names = "--write", description = "Check a write access.") boolean write;
        @Option(names = "--user", description = "Check a user-mode (CPL 3) access.") boolean user;
        @Option(names = "--exec", description = "Check an instruction fetch.") boolean exec;
        @Parameters(paramLabel = "VA", arity = "1..*", description = "Virtual address expression.") List<String> words;

        @Override void run() {
            if (write && exec) throw new CommandException("--write and --exec exclude each other");
            int va = (int) session.eval(joined(words));
            Integer root = cr3 == null ? null : (int) session.eval(cr3);
            session.target().explainTranslation(va, root, write, user, exec).forEach(out()::println);
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
            long root = cr3 == null ? session.target().cr3() & 0xFFFF_FFFFL : session.eval(cr3);
            new PageTableDump(session.target()).dump(root, from, to).forEach(out()::println);
        }
    }
}
