package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catch}: stop the guest just before it takes an exception (a catchpoint), e.g. a page fault. */
@Command(name = "catch", description = "Stop before the guest takes an exception: catch pagefault|gp|ud|df|... or a vector number; catch --delete EXC; catch lists.")
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

    @Option(names = "--delete", description = "Remove the catchpoints instead.") boolean delete;
    @Parameters(paramLabel = "EXC", arity = "0..*", description = "Exception name (pagefault, gp, ud, df, ...) or vector 0-31.") List<String> exceptions;

    @Override void run() {
        if (exceptions == null || exceptions.isEmpty()) {
            if (session.catches().isEmpty()) out().println("No catchpoints.");
            for (int v : session.catches()) out().println(String.format("catch %s (vector %d)", name(v), v));
            return;
        }
        for (String e : exceptions) {
            int v = vector(e);
            session.setCatch(v, !delete);
            if (!delete) out().println(String.format("Catchpoint on %s (vector %d)", name(v), v));
        }
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
        throw new CommandException("unknown exception: " + e + " (a name such as pagefault, gp, ud, df, or a vector 0-31)");
    }

    static String name(int v) {
        return v < SHORT.length ? SHORT[v] : "vector " + v;
    }
}
