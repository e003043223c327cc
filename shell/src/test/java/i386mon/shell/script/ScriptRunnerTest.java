package i386mon.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.session.CommandException;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    @TempDir Path dir;
    private final StringWriter err = new StringWriter();
    private final Session session = new Session((r, s) -> null, new SerialCapture(null), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    private final List<String> ran = new ArrayList<>();

    private ScriptRunner runner() {
        return new ScriptRunner(session, line -> {
            ran.add(line);
            if (line.startsWith("bad")) return new Outcome(Outcome.Kind.FAILED, "unknown command: bad");
            if (line.equals("quit")) session.requestQuit();
            return Outcome.OK;
        });
    }

    @Test
    void reportsErrorsAsFileAndLineAndGoesOn() throws Exception {
        Path f = Files.writeString(dir.resolve("t.mon"), "one\n# note\nbad thing\ntwo\n");
        assertFalse(runner().run(f));
        assertEquals(f + ":3: unknown command: bad\n", err.toString());
        assertEquals(List.of("one", "bad thing", "two"), ran);
    }

    @Test
    void stopsAtQuit() throws Exception {
        Path f = Files.writeString(dir.resolve("t.mon"), "one\nquit\ntwo\n");
        assertTrue(runner().run(f));
        assertEquals(List.of("one", "quit"), ran);
    }

    @Test
    void missingScriptIsOneLine() {
        assertEquals("no such script: " + dir.resolve("none.mon"),
                assertThrows(CommandException.class, () -> runner().run(dir.resolve("none.mon"))).getMessage());
    }
}
