package i386mon.shell.repl;

import i386mon.shell.commands.CommandWords;
import i386mon.shell.session.Registers;
import i386mon.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.FileNameCompleter;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * TAB completion from the picocli model (command names, subcommands, options) plus what the
 * model cannot know: register names after {@code $}, the loaded kernel's symbols, file names;
 * and the words each command takes in its place: command and subcommand names for {@code help},
 * exception names for {@code catch}, on/off for {@code history}, breakpoint and watchpoint numbers
 * for {@code delete}, REG= for {@code regs}, snapshot names for {@code loadvm}. Which argument the
 * cursor is in comes from the model's positional parameters: symbols are offered only where their
 * label takes an address or expression (ADDR, LOCATION, EXPR, VA), file names where it takes a
 * FILE. Every candidate starts with the word typed so far: prefix matching, never substring (#18).
 */
public final class MonitorCompleter implements Completer {
    /** Parameter label words that take an address or an expression, where a symbol may stand. */
    private static final List<String> ADDRESS_LABELS = List.of("ADDR", "PADDR", "LOCATION", "EXPR", "VA", "VA-RANGE", "PATTERN");

    private final CommandLine root;
    private final Session session;
    @SuppressWarnings("deprecation")
    private final Completer files = new FileNameCompleter();

    public MonitorCompleter(CommandLine root, Session session) {
        this.root = root;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        List<Candidate> offered = new ArrayList<>();
        offer(reader, line, current, offered);
        for (Candidate c : offered) {
            if (c.value().startsWith(current)) candidates.add(c);
        }
    }

    private void offer(LineReader reader, ParsedLine line, String current, List<Candidate> out) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            root.getSubcommands().keySet().forEach(n -> out.add(new Candidate(n)));
            return;
        }
        String first = words.get(0);
        int slash = first.indexOf('/');
        CommandLine cmd = root.getSubcommands().get(slash > 0 ? first.substring(0, slash) : first);
        if (cmd == null) return;
        int argsStart = 1;
        while (argsStart < index) {
            CommandLine sub = cmd.getSubcommands().get(words.get(argsStart));
            if (sub == null) break;
            cmd = sub;
            argsStart++;
        }
        if (current.startsWith("$")) {
            for (String r : Registers.NAMES) out.add(new Candidate("$" + r, "$" + r, "registers", null, null, null, true));
            return;
        }
        if (current.startsWith("-")) {
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                for (String n : o.names()) out.add(new Candidate(n, n, null, o.description().length > 0 ? o.description()[0] : null, null, null, true));
            }
            return;
        }
        OptionSpec valueOf = index > argsStart ? optionTakingValue(cmd, words.get(index - 1)) : null;
        if (valueOf != null) {
            if (valueOf.paramLabel().equals("PATH") || valueOf.paramLabel().equals("FILE")) files.complete(reader, line, out);
            return;
        }
        if (!cmd.getSubcommands().isEmpty() && index == argsStart) {
            cmd.getSubcommands().keySet().forEach(n -> out.add(new Candidate(n)));
            return;
        }
        List<String> args = arguments(cmd, words.subList(argsStart, index));
        int arg = args.size();
        if (wordsOf(cmd.getCommandName(), args, current, out)) return;
        String label = label(cmd, arg);
        if (label.contains("FILE") || label.equals("KERNEL")) {
            files.complete(reader, line, out);
            if (label.equals("KERNEL")) session.kernelSource().bundledNames().forEach(n -> out.add(new Candidate(n)));
        } else if (takesAddress(label) && !(arg > 0 && args.get(arg - 1).equals("cpu"))) {
            symbols(current.startsWith("*") ? "*" : "", out);
        }
    }

    /**
     * Adds the words {@code command} takes after {@code args}, where the model's labels do not say
     * them; true when those are all it takes there.
     */
    private boolean wordsOf(String command, List<String> args, String current, List<Candidate> out) {
        int arg = args.size();
        switch (command) {
            case "help": {
                CommandLine named = root;
                for (String a : args) {
                    named = named.getSubcommands().get(a);
                    if (named == null) return true;
                }
                named.getSubcommands().keySet().forEach(n -> out.add(new Candidate(n)));
                return true;
            }
            case "catch":
                if (arg > 0 && args.get(arg - 1).equals("cpu")) return true;
                if (args.contains("if")) symbols("", out); // catch pf if EXPR
                else CommandWords.exceptionNames().forEach(n -> out.add(new Candidate(n)));
                return true;
            case "history":
                if (arg == 0) words(out, "on", "off");
                return true;
            case "reverse":
            case "serial-input":
                if (arg == 0) words(out, "on", "off");
                return true;
            case "delete":
                session.breakpoints().forEach(b -> out.add(new Candidate(Integer.toString(b.number()), Integer.toString(b.number()), null, b.what(), null, null, true)));
                session.watches().forEach(w -> out.add(new Candidate(Integer.toString(w.number()))));
                return true;
            case "undisplay":
                session.displays().forEach(d -> out.add(new Candidate(Integer.toString(d.number()), Integer.toString(d.number()), null, d.expression(), null, null, true)));
                return true;
            case "loadvm":
            case "delvm":
                if (arg == 0 && session.hasTarget() && session.target().snapshots() != null) {
                    session.target().snapshots().list().forEach(e -> out.add(new Candidate(e.name())));
                }
                return true;
            case "cpu":
                if (arg == 0 && session.hasTarget()) {
                    for (int i = 0; i < session.target().cpuCount(); i++) out.add(new Candidate(Integer.toString(i)));
                }
                return true;
            case "regs": {
                int eq = current.indexOf('=');
                if (eq < 0) {
                    for (String r : Registers.NAMES) out.add(new Candidate(r + "=", r + "=", "registers", null, null, null, false));
                } else {
                    symbols(current.substring(0, eq + 1), out); // eip=kernel_main: the value is an address
                }
                return true;
            }
            case "watch":
            case "reverse-watch": {
                int at = args.isEmpty() || !args.get(0).startsWith("-") || args.get(0).matches("-\\d.*") ? 0 : 1; // after -p, -rw...
                if (arg == at) {
                    words(out, "pte");
                    symbols(current.startsWith("*") ? "*" : "", out);
                } else if (arg == at + 1 && args.get(at).equals("pte")) {
                    symbols("", out);
                }
                return true;
            }
            case "expect":
                if (arg == 0) {
                    words(out, "serial", "stop");
                    symbols("", out); // expect EXPR
                } else if (arg == 1 && args.get(0).equals("stop")) {
                    words(out, "pagefault", "exit", "triplefault", "break", "halt", "watch");
                } else if (!args.get(0).equals("serial") && !args.get(0).equals("stop")) {
                    symbols("", out);
                }
                return true;
            default:
                return false;
        }
    }

    private static void words(List<Candidate> out, String... words) {
        for (String w : words) out.add(new Candidate(w));
    }

    /** The loaded kernel's symbols, each after {@code prefix} (* for a break *ADDR, REG= for regs). */
    private void symbols(String prefix, List<Candidate> out) {
        if (!session.hasTarget()) return;
        for (String s : session.target().symbols().keySet()) out.add(new Candidate(prefix + s, prefix + s, "symbols", null, null, null, true));
    }

    /** The words of {@code typed} that are arguments: not options, not the values options take. */
    private static List<String> arguments(CommandLine cmd, List<String> typed) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            String w = typed.get(i);
            OptionSpec o = option(cmd, w);
            if (o == null) {
                args.add(w);
            } else if (o.arity().min() > 0 && !w.contains("=")) {
                i++; // its value
            }
        }
        return args;
    }

    /** The option {@code word} names when it takes the next word as its value, else null. */
    private static OptionSpec optionTakingValue(CommandLine cmd, String word) {
        OptionSpec o = option(cmd, word);
        return o != null && o.arity().min() > 0 && !word.contains("=") ? o : null;
    }

    private static OptionSpec option(CommandLine cmd, String word) {
        if (!word.startsWith("-")) return null;
        int eq = word.indexOf('=');
        return cmd.getCommandSpec().findOption(eq < 0 ? word : word.substring(0, eq));
    }

    /** The label of the positional parameter argument {@code arg} fills, or "" when none does. */
    private static String label(CommandLine cmd, int arg) {
        for (PositionalParamSpec p : cmd.getCommandSpec().positionalParameters()) {
            if (p.index().contains(arg)) return p.paramLabel();
        }
        return "";
    }

    private static boolean takesAddress(String label) {
        for (String w : label.split("[^A-Za-z-]+")) {
            if (ADDRESS_LABELS.contains(w)) return true;
        }
        return false;
    }
}
