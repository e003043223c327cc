package i386mon.shell.script;

import i386mon.shell.session.CommandException;
import i386mon.shell.session.LineExecutor;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Runs a script line by line through the same executor as typed commands. A failing line is
 * reported as {@code FILE:LINE: message} and the script goes on; {@code quit} ends it.
 */
public final class ScriptRunner {
    private static final int MAX_DEPTH = 16;

    private final Session session;
    private final LineExecutor executor;

    public ScriptRunner(Session session, LineExecutor executor) {
        this.session = session;
        this.executor = executor;
    }

    /** Runs {@code file}; returns false when any line failed. A missing file is a CommandException. */
    public boolean run(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandException("no such script: " + file);
        } catch (IOException e) {
            throw new CommandException("cannot read script " + file + ": " + e.getMessage());
        }
        if (session.scriptDepth() >= MAX_DEPTH) {
            throw new CommandException("scripts nested too deeply (" + MAX_DEPTH + " levels) at " + file);
        }
        session.enterScript();
        try {
            boolean ok = true;
            for (ScriptLine line : ScriptReader.read(text)) {
                if (session.quitRequested()) break;
                session.echoCommand(line.text());
                Outcome o = executor.execute(line.text());
                if (!o.ok()) {
                    ok = false;
                    session.err().println(file + ":" + line.lineNumber() + ": " + o.message());
                    session.err().flush();
                }
                session.out().flush();
            }
            return ok;
        } finally {
            session.exitScript();
        }
    }
}
