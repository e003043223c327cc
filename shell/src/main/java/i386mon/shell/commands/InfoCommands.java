package i386mon.shell.commands;

import i386mon.shell.format.ControlRegisterDecode;
import i386mon.shell.format.DescriptorTables;
import i386mon.shell.format.RegisterDump;
import i386mon.shell.format.TaskStateSegment;
import i386mon.shell.session.Breakpoint;
import i386mon.machine.debug.StopReason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code info SUBCOMMAND}: QEMU's registers and status, and our cr, gdt, idt, break, symbols. */
@Command(name = "info", description = "Show machine state: info registers, status, cpus, cr, gdt, idt, tss, tlb, mem, break, watch, symbols, history, fault, snapshots, reverse, line, symbol, frame, display.",
        subcommands = {InfoCommands.Registers.class, InfoCommands.Status.class, CpuCommands.Info.class, InfoCommands.Cr.class,
            InfoCommands.Gdt.class, InfoCommands.Idt.class, InfoCommands.Tss.class, InfoCommands.Break.class, InfoCommands.Symbols.class,
            PagingCommands.Tlb.class, PagingCommands.Mem.class, WatchCommands.Info.class, HistoryCommands.Info.class,
            HistoryCommands.Fault.class, SourceCommands.InfoLine.class, SourceCommands.InfoSymbol.class,
            DisplayCommands.Info.class, SnapshotCommands.Info.class, ReverseCommands.Info.class, InfoFrameCommand.class})
final class InfoCommands extends MonitorCommand {
    @Spec CommandSpec spec;

    @Override void run() {
        out().println("info needs a subcommand: " + String.join(" ", spec.subcommands().keySet()));
    }

    @Command(name = "registers", description = "Show the CPU registers as QEMU prints them (EAX through EFER).")
    static final class Registers extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) out().println(i386mon.shell.format.Json.write(RegisterDump.json(session.target())));
            else RegisterDump.lines(session.target()).forEach(out()::println);
        }
    }

    @Command(name = "status", description = "Show the VM status.")
    static final class Status extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text, as QMP's query-status plus the detail.")
        boolean json;

        @Override void run() {
            String detail = detail();
            if (json) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("running", false); // whenever a command runs, the guest is stopped
                m.put("status", "paused");
                m.put("detail", detail);
                out().println(i386mon.shell.format.Json.write(m));
            } else {
                out().println("VM status: paused" + (detail == null ? "" : " (" + detail + ")"));
            }
        }

        private String detail() {
            if (!session.hasTarget()) return "prelaunch";
            StopReason s = session.lastStop();
            if (s == null) return null;
            if (s.kind() == StopReason.Kind.TRIPLE_FAULT) return "shutdown";
            if (s.kind() == StopReason.Kind.EXIT) return "guest exited with status " + s.exitValue();
            if (s.kind() == StopReason.Kind.HALTED) return "halted with interrupts disabled";
            return null;
        }
    }

    @Command(name = "cr", description = "Decode CR0, CR2, CR3, CR4 and EFLAGS bit by bit (upper case = set).")
    static final class Cr extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) out().println(i386mon.shell.format.Json.write(ControlRegisterDecode.json(session.target())));
            else ControlRegisterDecode.lines(session.target()).forEach(out()::println);
        }
    }

    @Command(name = "gdt", description = "List the global descriptor table.")
    static final class Gdt extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) out().println(i386mon.shell.format.Json.write(DescriptorTables.gdtJson(session.target())));
            else DescriptorTables.gdt(session.target()).forEach(out()::println);
        }
    }

    @Command(name = "tss", description = "Show the current task: TR's selector, base, limit and type, the fields of its 32-bit or 16-bit TSS (the registers saved at its last switch), and the backlink chain while EFLAGS.NT is set.")
    static final class Tss extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) out().println(i386mon.shell.format.Json.write(TaskStateSegment.json(session.target())));
            else TaskStateSegment.lines(session.target()).forEach(out()::println);
        }
    }

    @Command(name = "idt", description = "List the present gates of the interrupt descriptor table.")
    static final class Idt extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            if (json) out().println(i386mon.shell.format.Json.write(DescriptorTables.idtJson(session.target())));
            else DescriptorTables.idt(session.target()).forEach(out()::println);
        }
    }

    @Command(name = "break", description = "List breakpoints, then watchpoints.")
    static final class Break extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            List<Breakpoint> all = session.breakpoints();
            if (json) {
                List<Object> list = new java.util.ArrayList<>();
                for (Breakpoint b : all) {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("number", b.number());
                    m.put("type", b.temporary() ? "tbreak" : "break");
                    m.put("address", b.address() & 0xFFFF_FFFFL);
                    m.put("what", b.what());
                    m.put("condition", b.condition());
                    m.put("hits", b.hits());
                    if (b.cpu() != Breakpoint.ANY_CPU) m.put("cpu", b.cpu());
                    list.add(m);
                }
                for (i386mon.shell.session.Watch w : session.watches()) list.add(WatchCommands.json(w));
                out().println(i386mon.shell.format.Json.write(Map.of("breakpoints", list)));
                return;
            }
            if (all.isEmpty() && session.watches().isEmpty()) {
                out().println("No breakpoints or watchpoints.");
                return;
            }
            if (all.isEmpty()) {
                out().println(WatchCommands.header());
                WatchCommands.table(session).forEach(out()::println);
                return;
            }
            out().println(String.format("%-4s %-10s %-10s %-24s %s", "Num", "Type", "Address", "What", "Hits  Condition"));
            for (Breakpoint b : all) {
                String what = b.cpu() == Breakpoint.ANY_CPU ? b.what() : b.what() + " cpu " + b.cpu();
                out().println(String.format("%-4d %-10s 0x%08x %-24s %-5d %s", b.number(), b.temporary() ? "tbreak" : "break",
                        b.address(), what, b.hits(), b.condition() == null ? "" : b.condition()).stripTrailing());
            }
            if (!session.watches().isEmpty()) {
                out().println(WatchCommands.header());
                WatchCommands.table(session).forEach(out()::println);
            }
        }
    }

    @Command(name = "symbols", description = "List the kernel's symbols by address, optionally those matching a glob PATTERN.")
    static final class Symbols extends MonitorCommand {
        @Parameters(paramLabel = "PATTERN", arity = "0..1", description = "Glob (* and ?) or substring.") String pattern;
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            Pattern p = pattern == null ? null : glob(pattern);
            Map<Long, List<String>> byAddress = new TreeMap<>();
            for (Map.Entry<String, Integer> e : session.target().symbols().entrySet()) {
                if (p != null && !p.matcher(e.getKey()).find()) continue;
                byAddress.computeIfAbsent(e.getValue() & 0xFFFF_FFFFL, k -> new java.util.ArrayList<>()).add(e.getKey());
            }
            if (json) {
                List<Object> list = new java.util.ArrayList<>();
                byAddress.forEach((address, names) -> names.stream().sorted().forEach(name -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("address", address);
                    m.put("name", name);
                    list.add(m);
                }));
                out().println(i386mon.shell.format.Json.write(Map.of("symbols", list)));
                return;
            }
            int n = 0;
            for (Map.Entry<Long, List<String>> e : byAddress.entrySet()) {
                e.getValue().sort(null);
                for (String name : e.getValue()) {
                    out().println(String.format("0x%08x %s", e.getKey(), name));
                    n++;
                }
            }
            if (n == 0) out().println(pattern == null ? "No symbols." : "No symbols match " + pattern + ".");
        }

        /** A glob with * or ? matches whole names; a plain word matches as a substring. */
        static Pattern glob(String g) {
            if (g.indexOf('*') < 0 && g.indexOf('?') < 0) return Pattern.compile(Pattern.quote(g));
            StringBuilder re = new StringBuilder("^");
            for (char c : g.toCharArray()) {
                if (c == '*') re.append(".*");
                else if (c == '?') re.append('.');
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.append('$').toString());
        }
    }
}
