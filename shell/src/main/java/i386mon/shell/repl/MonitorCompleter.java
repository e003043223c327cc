package i386mon.shell.repl;

import i386mon.shell.session.Registers;
import i386mon.shell.session.Session;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.FileNameCompleter;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * TAB completion from the picocli model (command names, subcommands, options) plus what the
 * model cannot know: register names after {@code $}, the loaded kernel's symbols, file names
 * for {@code load} and {@code source}; and the words each command takes in its place: command names
 * for {@code help}, exception names for {@code catch}, on/off for {@code history}, breakpoint and
 * watchpoint numbers for {@code delete}, REG= for {@code regs}. Symbols are offered only where an
 * address may be, not after a command whose next word is a subcommand.
 */
public final class MonitorCompleter implements Completer {
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
        List<String> words = line.words();
        int index = line.wordIndex();
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (index == 0) {
            root.getSubcommands().keySet().forEach(n -> candidates.add(new Candidate(n)));
            return;
        }
        String first = words.get(0);
        int slash = first.indexOf('/');
        CommandLine cmd = root.getSubcommands().get(slash > 0 ? first.substring(0, slash) : first);
        if (cmd == null) return;
        for (int i = 1; i < index; i++) {
            CommandLine sub = cmd.getSubcommands().get(words.get(i));
            if (sub == null) break;
            cmd = sub;
        }
        if (current.startsWith("$")) {
            for (String r : Registers.NAMES) candidates.add(new Candidate("$" + r, "$" + r, "registers", null, null, null, true));
            return;
        }
        if (current.startsWith("-")) {
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                for (String n : o.names()) candidates.add(new Candidate(n, n, null, o.description().length > 0 ? o.description()[0] : null, null, null, true));
            }
            return;
        }
        String name = cmd.getCommandName();
        if (name.equals("load") || name.equals("source") || name.equals("memsave") || name.equals("pmemsave")) {
            files.complete(reader, line, candidates);
            if (name.equals("load")) session.kernelSource().bundledNames().forEach(n -> candidates.add(new Candidate(n)));
            if (!name.endsWith("save")) return;
        }
        if (!cmd.getSubcommands().isEmpty()) {
            for (String sub : cmd.getSubcommands().keySet()) candidates.add(new Candidate(sub));
            return;
        }
        if (wordsFor(name, index, candidates)) return;
        if (name.equals("expect") && index == 1) {
            candidates.add(new Candidate("serial"));
            candidates.add(new Candidate("stop"));
        }
        if (name.equals("expect") && index == 2 && words.get(1).equals("stop")) {
            for (String k : List.of("pagefault", "exit", "triplefault", "break", "halt", "watch")) candidates.add(new Candidate(k));
            return;
        }
        if (session.hasTarget()) {
            for (Map.Entry<String, Integer> e : session.target().symbols().entrySet()) {
                candidates.add(new Candidate(e.getKey(), e.getKey(), "symbols", null, null, null, true));
            }
        }
    }

    /** Adds the words {@code name} takes at word {@code index}; true when those are all it takes there. */
    private boolean wordsFor(String name, int index, List<Candidate> candidates) {
        switch (name) {
            case "help":
                root.getSubcommands().keySet().forEach(n -> candidates.add(new Candidate(n)));
                return true;
            case "catch":
                i386mon.shell.commands.CommandWords.exceptionNames().forEach(n -> candidates.add(new Candidate(n)));
                return true;
            case "history":
                if (index != 1) return true;
                candidates.add(new Candidate("on"));
                candidates.add(new Candidate("off"));
                return true;
            case "delete":
                session.breakpoints().forEach(b -> candidates.add(new Candidate(Integer.toString(b.number()), Integer.toString(b.number()), null, b.what(), null, null, true)));
                session.watches().forEach(w -> candidates.add(new Candidate(Integer.toString(w.number()))));
                return true;
            case "regs":
                for (String r : Registers.NAMES) candidates.add(new Candidate(r + "=", r + "=", "registers", null, null, null, false));
                return true;
            default:
                return false;
        }
    }
}
