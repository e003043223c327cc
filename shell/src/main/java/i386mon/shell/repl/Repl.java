package i386mon.shell.repl;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive loop. Ctrl-C at the prompt clears the line; Ctrl-D quits; while a command runs
 * the guest, Ctrl-C asks it to stop (JLine only handles Ctrl-C inside readLine, so the loop
 * installs its own INT handler around each command and restores the previous one after).
 */
public final class Repl {
    public static final String PROMPT = Session.PROMPT;

    private final Terminal terminal;
    private final Session session;
    /** The command model: it may still be in the making when the first prompt shows (the first command waits for it). */
    private final Supplier<CommandDispatcher> dispatcher;
    private final boolean colour;
    private final LineReader reader;
    /** The pager's shell command for output longer than the screen, or null for none. */
    private final String pager;

    /** {@code history} may be null for no persistent history. */
    public Repl(Terminal terminal, Session session, CommandDispatcher dispatcher, Path history, boolean colour) {
        this(terminal, session, dispatcher, history, colour, null);
    }

    /** As above, with output longer than the screen going through {@code pager} (see {@link #pagerFrom}). */
    public Repl(Terminal terminal, Session session, CommandDispatcher dispatcher, Path history, boolean colour, String pager) {
        this(terminal, session, () -> dispatcher, history, colour, pager);
    }

    /** As above, with the command model from {@code dispatcher}, asked for at the first command or completion. */
    public Repl(Terminal terminal, Session session, Supplier<CommandDispatcher> dispatcher, Path history, boolean colour, String pager) {
        this.pager = pager;
        this.terminal = terminal;
        this.session = session;
        this.dispatcher = dispatcher;
        this.colour = colour;
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        parser.setEscapeChars(new char[0]);
        // single quotes are character literals ('K'), not quoting, for completion's word split
        parser.setQuoteChars(new char[] {'"'});
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("i386mon")
                .parser(parser)
                .completer(new DeferredCompleter(() -> new MonitorCompleter(dispatcher.get().commandLine(), session)))
                .completionMatcher(new PrefixCompletionMatcher())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) b.variable(LineReader.HISTORY_FILE, history);
        reader = b.build();
        // a dumb terminal (tests, pipes) has no raw mode to forward keys from
        if (!dumb(terminal)) session.setRunObserver(new KeyForwarder(terminal, session));
    }

    private static boolean dumb(Terminal terminal) {
        return terminal instanceof org.jline.terminal.impl.DumbTerminal
                || Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /** The pager for an interactive session from the environment: $PAGER ("" or cat: none), else less. */
    public static String pagerFrom(java.util.Map<String, String> env) { return CommandOutput.pagerFrom(env); }

    /** Reads and runs commands until quit or end of input. */
    public void run() {
        String prompt = colour
                ? new AttributedString(PROMPT, AttributedStyle.BOLD).toAnsi(terminal)
                : PROMPT;
        while (!session.quitRequested()) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            // Ctrl-C stops a running guest; otherwise it ends the command's output (#18)
            CommandOutput output = new CommandOutput(terminal.writer(), dumb(terminal) ? null : pager, terminal.getHeight());
            PrintWriter console = new PrintWriter(output, true);
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
                session.interruptEchoed();
                if (!session.guestRunning()) output.interrupt();
                session.requestStop();
            });
            session.setConsole(console, console);
            session.setOutputWidth(terminal.getWidth()); // it may have been resized since the last command
            Outcome o;
            try {
                o = dispatcher.get().execute(line);
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                session.setConsole(terminal.writer(), terminal.writer());
                console.close();
            }
            if (output.interrupted()) terminal.writer().println(); // after the echoed ^C
            if (!o.ok()) printError(o.message());
            terminal.writer().flush();
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            printError("could not save history: " + e.getMessage());
        }
    }

    private void printError(String message) {
        if (colour) {
            terminal.writer().println(new AttributedString(message, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal));
        } else {
            terminal.writer().println(message);
        }
    }
}
