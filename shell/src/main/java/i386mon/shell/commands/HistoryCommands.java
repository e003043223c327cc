package i386mon.shell.commands;

import i386mon.shell.format.FaultText;
import i386mon.shell.format.Json;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.HistoryEntry;
import i386mon.machine.debug.History;
import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** history on|off, info history, info fault. */
final class HistoryCommands {
    /** The default ring size. */
    static final int DEFAULT_SIZE = 10_000;
    /** The largest ring: 8 MiB of entries, allocated at once, so a typo cannot take the heap. */
    static final int MAX_SIZE = 1_000_000;
    private static final int DEFAULT_SHOWN = 20;

    private HistoryCommands() { }

    @Command(name = "history", description = "Record the last executed instructions for info history: history on [SIZE] (default 10000, at most 1000000), history off; history alone shows the setting. Recording makes the guest run slower.")
    static final class Set extends MonitorCommand {
        @Parameters(paramLabel = "on [SIZE] | off", arity = "0..2", description = "on with an optional ring size, or off.") List<String> words;

        @Override void run() {
            if (words == null || words.isEmpty()) {
                out().println(session.historySize() == 0 ? "Instruction history is off." : "Instruction history is on: the last " + session.historySize() + " entries.");
                return;
            }
            String w = words.get(0);
            if (w.equalsIgnoreCase("off") && words.size() == 1) {
                session.setHistorySize(0);
                out().println("Instruction history is off.");
            } else if (w.equalsIgnoreCase("on")) {
                long size = words.size() > 1 ? Counts.positive(session, words.get(1), "history size", MAX_SIZE) : DEFAULT_SIZE;
                session.setHistorySize((int) size);
                out().println("Instruction history is on: the last " + size + " entries.");
            } else {
                throw new CommandException("history: on [SIZE] or off expected, not: " + joined(words));
            }
        }
    }

    @Command(name = "history", description = "Show the last N (default 20) executed instructions with address, symbol and disassembly, exceptions, interrupts and CR3 loads marked between them (needs: history on).")
    static final class Info extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..1", description = "How many entries (expression).") String count;
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (session.historySize() == 0) throw new CommandException("instruction history is off (turn it on with: history on [SIZE])");
            long n = count == null ? DEFAULT_SHOWN : Counts.positive(session, count, "entry count", Integer.MAX_VALUE);
            History history = session.debugger().history();
            List<HistoryEntry> items = history == null ? List.of() : history.last((int) Math.min(n, Integer.MAX_VALUE));
            boolean severalCpus = session.target().cpuCount() > 1; // each entry then says which CPU it ran on
            if (json) {
                List<Object> list = new ArrayList<>();
                for (HistoryEntry h : items) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (severalCpus) m.put("cpu", h.cpu());
                    m.put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
                    m.put("cs", h.cs());
                    m.put("linear", h.linearEip() & 0xFFFF_FFFFL);
                    boolean disk = h.kind() == HistoryEntry.Kind.DISK_READ || h.kind() == HistoryEntry.Kind.DISK_WRITE;
                    boolean reset = h.kind() == HistoryEntry.Kind.RESET;
                    m.put("vector", h.kind() == HistoryEntry.Kind.INSTRUCTION || h.kind() == HistoryEntry.Kind.CR3_LOAD || disk || reset ? null : h.vector());
                    if (reset) {
                        m.put("port", h.value());
                        m.put("value", h.errorCode());
                    }
                    if (disk) {
                        m.put("ide", h.vector());
                        m.put("lba", h.value() & 0xFFFF_FFFFL);
                        m.put("sectors", h.errorCode());
                    }
                    m.put("errorCode", h.hasErrorCode() ? h.errorCode() : null);
                    m.put("cr3", h.kind() == HistoryEntry.Kind.CR3_LOAD ? h.value() & 0xFFFF_FFFFL : null);
                    m.put("text", h.kind() == HistoryEntry.Kind.INSTRUCTION ? session.instructionText(h.linearEip()) : mark(h));
                    list.add(m);
                }
                out().println(Json.write(Map.of("history", list)));
                return;
            }
            if (items.isEmpty()) out().println("No instructions recorded yet.");
            for (HistoryEntry h : items) {
                String cpu = severalCpus ? "CPU " + h.cpu() + ": " : "";
                if (h.kind() == HistoryEntry.Kind.INSTRUCTION) {
                    out().println(String.format("%s%s: %s", cpu, session.where(h.linearEip()), session.instructionText(h.linearEip())));
                } else {
                    out().println(cpu + mark(h));
                }
            }
        }

        static String mark(HistoryEntry h) {
            return switch (h.kind()) {
                case CR3_LOAD -> String.format("  -- CR3 loaded: 0x%08x", h.value());
                case INTERRUPT -> String.format("  -- hardware interrupt, vector 0x%02x", h.vector());
                case SOFTWARE_INTERRUPT -> String.format("  -- int 0x%02x", h.vector());
                case DISK_READ, DISK_WRITE -> "  " + h.diskText();
                case RESET -> "  " + HistoryEntry.resetText(h.value(), h.errorCode());
                case EXCEPTION -> String.format("  -- exception %s (vector %d)%s", CatchCommand.name(h.vector()), h.vector(),
                        h.hasErrorCode() ? String.format(", error code 0x%x", h.errorCode()) : "");
                default -> "";
            };
        }
    }

    @Command(name = "fault", description = "Explain the exception the guest stopped before (catch) or the triple fault it stopped at: the access, the walk level and rule, the entry, the instruction and the chain.")
    static final class Fault extends MonitorCommand {
        @Override void run() {
            FaultExplanation f = session.explainFault();
            if (f == null) throw new CommandException("no exception to explain: the guest has not stopped on one (use catch)");
            out().println(f.tripleFault() ? "Triple fault" : String.format("Exception %s%s", f.name(),
                    f.errorCode() >= 0 ? String.format("(error code 0x%x)", f.errorCode()) : ""));
            FaultText.lines(f, session::where, session::instructionText, session.modeName()).forEach(out()::println);
        }
    }
}
