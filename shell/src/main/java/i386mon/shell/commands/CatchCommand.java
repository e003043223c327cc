package i386mon.shell.commands;

import i386mon.shell.session.Breakpoint;
import i386mon.shell.session.CommandException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code catch}: stop the guest just before it takes an exception (a catchpoint), e.g. a page
 * fault, optionally only when a condition holds; or explain the triple fault it stops at.
 */
@Command(name = "catch", description = "Stop before the guest takes an exception: catch pf|gp|ud|df|... [cpu N] [if EXPR], catch exception N [cpu N] [if EXPR], catch triplefault; catch --delete EXC; catch lists.")
final class CatchCommand extends MonitorCommand {
    /** Exception names (SDM Vol. 3A 6.3.1) and the short words scripts use. */
    static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("de", 0), Map.entry("divide", 0), Map.entry("db", 1), Map.entry("nmi", 2), Map.entry("bp", 3),
            Map.entry("of", 4), Map.entry("br", 5), Map.entry("ud", 6), Map.entry("nm", 7), Map.entry("df", 8),
            Map.entry("doublefault", 8), Map.entry("ts", 10), Map.entry("np", 11), Map.entry("ss", 12),
            Map.entry("gp", 13), Map.entry("pf", 14), Map.entry("pagefault", 14), Map.entry("mf", 16),
            Map.entry("ac", 17), Map.entry("mc", 18), Map.entry("xm", 19));
    private static final String[] SHORT = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "vector 9",
        "#TS", "#NP", "#SS", "#GP", "#PF", "vector 15", "#MF", "#AC", "#MC", "#XM"};
    private static final String TRIPLE = "triplefault";

    @Option(names = "--delete", description = "Remove the catchpoints instead.") boolean delete;
    @Parameters(paramLabel = "EXC", arity = "0..*", description = "pf, gp, ud, df, ... or a vector 0-31 (also as: exception N), or triplefault; then optionally the one CPU it stops (cpu N), then: if EXPR.")
    List<String> words;

    @Override void run() {
        if (words == null || words.isEmpty()) {
            list();
            return;
        }
        int ifAt = words.indexOf("if");
        List<String> names = ifAt < 0 ? words : words.subList(0, ifAt);
        String condition = ifAt < 0 ? null : joined(words.subList(ifAt + 1, words.size()));
        if (!names.isEmpty() && names.get(0).equalsIgnoreCase("exception")) names = names.subList(1, names.size());
        int cpu = Breakpoint.ANY_CPU;
        if (names.size() >= 3 && names.get(names.size() - 2).equalsIgnoreCase("cpu")) {
            cpu = BreakCommands.Add.cpuNumber(names.get(names.size() - 1));
            names = names.subList(0, names.size() - 2);
        }
        if (names.isEmpty()) throw new CommandException("catch: an exception name or vector expected");
        if (condition != null && condition.isBlank()) throw new CommandException("condition expected after 'if'");
        if (condition != null && delete) throw new CommandException("catch --delete takes no condition");
        for (String e : names) {
            if (e.equalsIgnoreCase(TRIPLE)) {
                if (condition != null) throw new CommandException("catch triplefault takes no condition: the machine stops at every triple fault");
                if (cpu != Breakpoint.ANY_CPU) throw new CommandException("catch triplefault takes no CPU: a triple fault stops the machine");
                session.setCatchTripleFault(!delete);
                if (!delete) out().println("Catchpoint on triple faults (the stop explains the chain)");
                continue;
            }
            int v = vector(e);
            session.setCatch(v, !delete, condition, cpu);
            if (!delete) out().println(String.format("Catchpoint on %s (vector %d)%s%s", name(v), v, onCpu(cpu), condition == null ? "" : " if " + condition));
        }
    }

    private void list() {
        if (session.catches().isEmpty() && !session.catchesTripleFault()) out().println("No catchpoints.");
        for (int v : session.catches()) {
            String c = session.catchCondition(v);
            out().println(String.format("catch %s (vector %d)%s%s", name(v), v, onCpu(session.catchCpu(v)), c == null ? "" : " if " + c));
        }
        if (session.catchesTripleFault()) out().println("catch triplefault");
    }

    private static String onCpu(int cpu) {
        return cpu == Breakpoint.ANY_CPU ? "" : " cpu " + cpu;
    }

    static int vector(String e) {
        Integer v = NAMES.get(e.toLowerCase(Locale.ROOT).replace("#", ""));
        if (v != null) return v;
        try {
            int n = Integer.decode(e);
            if (n >= 0 && n < 32) return n;
        } catch (NumberFormatException ignored) {
            // not a number either: reported below
        }
        throw new CommandException("unknown exception: " + e + " (a name such as pagefault, gp, ud, df, a vector 0-31, or triplefault)");
    }

    static String name(int v) {
        return v < SHORT.length ? SHORT[v] : "vector " + v;
    }
}
