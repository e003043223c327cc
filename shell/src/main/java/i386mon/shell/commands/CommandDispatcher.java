package i386mon.shell.commands;

import i386mon.shell.expr.ExprException;
import i386mon.shell.format.FormatException;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.ExpectFailure;
import i386mon.shell.session.LineExecutor;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.Session;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs one monitor line: splits it, parses it with the picocli model, runs the command, and
 * turns every error into a one-line {@link Outcome}; failures are counted in the exit status.
 */
public final class CommandDispatcher implements LineExecutor {
    private final Session session;
    private final CommandLine commandLine;

    public CommandDispatcher(Session session) {
        this.session = session;
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override public <K> K create(Class<K> cls) throws Exception {
                K o = defaults.create(cls);
                if (o instanceof MonitorCommand) {
                    ((MonitorCommand) o).session = session;
                    ((MonitorCommand) o).dispatcher = CommandDispatcher.this;
                }
                return o;
            }
        };
        commandLine = new CommandLine(new MonitorRoot(), factory);
        DeviceCommands.install(commandLine.getSubcommands().get("info"), session, this);
        // as in gdb, a unique prefix names an info subcommand: info reg, info b
        commandLine.getSubcommands().get("info").setAbbreviatedSubcommandsAllowed(true);
        // expressions such as -1 or ~0 are values, not options; @ is not a file reference
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExpandAtFiles(false);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The command model, for help and completion. */
    public CommandLine commandLine() {
        return commandLine;
    }

    @Override
    public Outcome execute(String line) {
        return settled(session, () -> run(line));
    }

    /**
     * {@code cont} as {@link #execute} runs it, without the command model: a batch run that only runs
     * the guest (QEMU's way to boot a disk) does not wait for picocli's reflection over every
     * command class, nor share the two cores with it (#15).
     */
    public static Outcome cont(Session session) {
        return settled(session, () -> {
            try {
                RunCommands.Cont.resume(session, Long.MAX_VALUE);
                return Outcome.OK;
            } catch (CommandException | FormatException e) {
                return failed(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                return failed("internal error in cont: " + e);
            }
        });
    }

    /** Runs a command's body with the machine to itself and counts its failure in the exit status. */
    private static Outcome settled(Session session, java.util.function.Supplier<Outcome> body) {
        // a GDB stub may be running the guest: it pauses while this command has the machine
        session.gate().enter();
        Outcome o;
        try {
            o = body.get();
        } finally {
            session.gate().exit();
        }
        if (o.kind() == Outcome.Kind.FAILED) session.exitStatus().commandFailed();
        else if (o.kind() == Outcome.Kind.EXPECT_FAILED) session.exitStatus().expectFailed();
        session.out().flush();
        return o;
    }

    private Outcome run(String line) {
        String name = "";
        List<String> words = List.of();
        try {
            words = LineSplitter.split(line);
            if (words.isEmpty()) return Outcome.OK;
            name = words.get(0);
            HabitSpellings.Rewritten habit = HabitSpellings.rewrite(words);
            words = habit.words();
            name = words.get(0);
            if (habit.note() != null) session.out().println(habit.note());
            DeviceCommands.addMachineViews(commandLine.getSubcommands().get("info"), session, this);
            if (!commandLine.getSubcommands().containsKey(name)) {
                List<String> near = name.length() < 2 ? List.of() : NearestCommands.to(name, commandLine.getSubcommands().keySet());
                if (!near.isEmpty()) return failed("unknown command: " + name + " (did you mean " + String.join(" or ", near) + "?)");
                return failed("unknown command: " + name + " (type help for the list)");
            }
            ParseResult pr = commandLine.parseArgs(words.toArray(new String[0]));
            while (pr.hasSubcommand()) pr = pr.subcommand();
            ((MonitorCommand) pr.commandSpec().userObject()).call();
            return Outcome.OK;
        } catch (ParameterException e) {
            return failed(name + ": " + firstLine(e.getMessage()) + " (see: help " + name + ")");
        } catch (ExpectFailure e) {
            return new Outcome(Outcome.Kind.EXPECT_FAILED, e.getMessage());
        } catch (ExprException e) {
            return failed(unknownSymbolExplained(name, words, e.getMessage()));
        } catch (CommandException | FormatException e) {
            return failed(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a bug of ours must not end the session: one line that says what broke
            return failed("internal error in " + name + ": " + e);
        }
    }

    /**
     * Options a command does not have reach its expression as words ({@code -1} must stay a value):
     * "unknown symbol: json" for {@code --json} is told as the unknown option it is, and {@code i r}
     * (gdb's info registers) as what QEMU's {@code i} does.
     */
    private static String unknownSymbolExplained(String name, List<String> words, String message) {
        String prefix = "unknown symbol: ";
        if (message == null || !message.startsWith(prefix)) return message;
        String symbol = message.substring(prefix.length());
        for (String w : words.subList(Math.min(1, words.size()), words.size())) {
            if (w.equals("-" + symbol) || w.equals("--" + symbol) || w.startsWith("--" + symbol + "=")) {
                return name + ": unknown option: " + w + " (see: help " + name + ")";
            }
        }
        if (name.equals("i")) return message + " (i reads an I/O port, as QEMU's i; the registers are: info registers)";
        return message;
    }

    private static Outcome failed(String message) {
        return new Outcome(Outcome.Kind.FAILED, message);
    }

    private static String firstLine(String s) {
        if (s == null) return "bad arguments";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
