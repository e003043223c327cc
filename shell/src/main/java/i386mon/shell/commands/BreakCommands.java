package i386mon.shell.commands;

import i386mon.shell.session.Breakpoint;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Locations;
import i386mon.shell.session.Watch;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** break, tbreak, delete. */
final class BreakCommands {
    private BreakCommands() { }

    abstract static class Add extends MonitorCommand {
        @Parameters(paramLabel = "LOCATION [cpu N] [if EXPR]", arity = "1..*", description = "FILE:LINE, FUNCTION (its entry address), *ADDR or an address expression, optionally the one CPU it stops (cpu N), then an optional condition.")
        List<String> words;

        void add(boolean temporary) {
            int ifAt = words.indexOf("if");
            List<String> loc = ifAt < 0 ? words : words.subList(0, ifAt);
            String condition = ifAt < 0 ? null : joined(words.subList(ifAt + 1, words.size()));
            if (loc.isEmpty()) throw new CommandException("location expected before 'if'");
            if (condition != null && condition.isBlank()) throw new CommandException("condition expected after 'if'");
            int cpu = Breakpoint.ANY_CPU;
            if (loc.size() >= 3 && loc.get(loc.size() - 2).equals("cpu")) {
                cpu = cpuNumber(loc.get(loc.size() - 1));
                loc = loc.subList(0, loc.size() - 2);
            }
            String what = joined(loc);
            // a line with code in several functions (inlined copies) gets its first; see Locations
            int address = (int) Locations.resolve(session, what, null).get(0).address();
            Breakpoint b = session.addBreakpoint(address, what, condition, temporary, cpu);
            out().println(String.format("%s %d at %s%s%s", temporary ? "Temporary breakpoint" : "Breakpoint", b.number(),
                    session.hasTarget() ? session.where(address) : String.format("0x%08x", address),
                    cpu == Breakpoint.ANY_CPU ? "" : " cpu " + cpu,
                    condition == null ? "" : " if " + condition));
        }

        static int cpuNumber(String word) {
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new CommandException("cpu expects a CPU number, not " + word);
            }
        }
    }

    @Command(name = "break", aliases = "b", description = "Set a breakpoint at an address, symbol, FUNCTION (DWARF or symbol table: its first instruction) or FILE:LINE (the line's first statement; a line without code: the next line with some), optionally with a condition: break kernel_main if $eax == 3.")
    static final class Break extends Add {
        @Override void run() {
            add(false);
        }
    }

    @Command(name = "tbreak", description = "Set a breakpoint that is deleted when it is hit.")
    static final class TBreak extends Add {
        @Override void run() {
            add(true);
        }
    }

    @Command(name = "delete", description = "Delete breakpoint or watchpoint N, or all of them.")
    static final class Delete extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Breakpoint or watchpoint numbers.") List<Integer> numbers;

        @Override void run() {
            if (numbers == null || numbers.isEmpty()) {
                for (Breakpoint b : new ArrayList<>(session.breakpoints())) session.deleteBreakpoint(b);
                for (Watch w : new ArrayList<>(session.watches())) session.deleteWatch(w);
                return;
            }
            for (int n : numbers) {
                Watch w = session.watch(n);
                if (w != null) session.deleteWatch(w);
                else session.deleteBreakpoint(session.breakpoint(n));
            }
        }
    }
}
