package i386mon.shell.commands;

import i386mon.shell.format.Json;
import i386mon.shell.format.WatchText;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.Watchpoint;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Watch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** watch, info watch. */
final class WatchCommands {
    private WatchCommands() { }

    @Command(name = "watch", description = "Stop when memory is accessed: watch [-r|-w|-rw] ADDR [LEN] (linear), watch -p ADDR [LEN] (physical), watch pte VA (the page-table entries translating VA). Default: writes, 4 bytes.")
    static final class Set extends MonitorCommand {
        @Option(names = "-r", description = "Stop on reads.") boolean read;
        @Option(names = "-w", description = "Stop on writes (the default); -rw: reads and writes.") boolean write;
        @Option(names = "-p", description = "ADDR is physical (any linear alias, any CPU access).") boolean physical;
        @Parameters(paramLabel = "ADDR [LEN] | pte VA", arity = "1..2", description = "Address expression and length in bytes (default 4), or: pte VA.")
        List<String> words;

        @Override void run() {
            if (words.get(0).equalsIgnoreCase("pte")) {
                if (words.size() != 2) throw new CommandException("watch pte takes one address: watch pte VA");
                if (read || write || physical) throw new CommandException("watch pte watches writes to page-table entries: no -r, -w or -p");
                long va = session.eval(words.get(1));
                Watch w = session.addWatch(Watchpoint.Space.PAGE_ENTRIES, va, 4, WatchAccess.WRITE);
                out().println(String.format("Watchpoint %d: %s%s", w.number(), WatchText.what(w.space(), w.address(), w.length()), entries(session, w)));
                return;
            }
            long address = session.eval(words.get(0));
            long len = words.size() > 1 ? session.eval(words.get(1)) : 4;
            if (len < 1 || len > 0x1000_0000L) throw new CommandException("watch length must be 1 to 0x10000000 bytes: " + len);
            WatchAccess access = read && write ? WatchAccess.READ_WRITE : read ? WatchAccess.READ : WatchAccess.WRITE;
            Watchpoint.Space space = physical ? Watchpoint.Space.PHYSICAL : Watchpoint.Space.LINEAR;
            Watch w = session.addWatch(space, address, (int) len, access);
            out().println(String.format("Watchpoint %d: %s (%s)", w.number(), WatchText.what(space, address, (int) len), access(access)));
        }
    }

    static String access(WatchAccess a) {
        return a == WatchAccess.READ ? "reads" : a == WatchAccess.WRITE ? "writes" : "reads and writes";
    }

    /** " (PDE at ..., PTE at ...)": the entries a {@code watch pte} covers now; "" without a machine. */
    private static String entries(i386mon.shell.session.Session session, Watch w) {
        Watchpoint p = session.machineWatchpoint(w);
        if (p == null) return "";
        return " (" + WatchText.entries(session.debugger().watchpoints().entriesOf(p), (session.target().cr0() & 0x8000_0000) != 0) + ")";
    }

    /** Lines of the watchpoint table, for info watch and info break. */
    static List<String> table(i386mon.shell.session.Session session) {
        List<String> out = new ArrayList<>();
        for (Watch w : session.watches()) {
            String what = WatchText.what(w.space(), w.address(), w.length());
            if (w.space() == Watchpoint.Space.PAGE_ENTRIES) what += entries(session, w);
            out.add(String.format("%-4d %-10s %-10s %-5d %s", w.number(), "watch", w.access().shortName(), w.hits(), what));
        }
        return out;
    }

    static Map<String, Object> json(Watch w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", w.number());
        m.put("type", "watch");
        m.put("address", w.address());
        m.put("what", WatchText.what(w.space(), w.address(), w.length()));
        m.put("condition", null);
        m.put("hits", w.hits());
        m.put("space", WatchText.spaceName(w.space()));
        m.put("length", w.length());
        m.put("access", w.access().shortName());
        return m;
    }

    @Command(name = "watch", description = "List watchpoints (also part of info break).")
    static final class Info extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) {
                List<Object> list = new ArrayList<>();
                for (Watch w : session.watches()) list.add(json(w));
                out().println(Json.write(Map.of("watchpoints", list)));
                return;
            }
            if (session.watches().isEmpty()) {
                out().println("No watchpoints.");
                return;
            }
            out().println(header());
            table(session).forEach(out()::println);
        }
    }

    static String header() {
        return String.format("%-4s %-10s %-10s %-5s %s", "Num", "Type", "Access", "Hits", "What");
    }
}
