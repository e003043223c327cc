package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import i386mon.shell.guest.FakeKernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real REPL on a dumb terminal with injected input and captured output. */
class ReplTest {
    @TempDir Path dir;
    private final FakeKernel kernel = new FakeKernel();

    private String session(String input, Path history) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("t", "ansi", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes, StandardCharsets.UTF_8)) {
            t.setSize(new Size(120, 40));
            Session s = new Session(kernel, new SerialCapture(t.output()), t.writer(), t.writer());
            s.boot(new BootRequest("k.elf", new byte[] {0x7f}, "", List.of(), 4 << 20));
            new Repl(t, s, new CommandDispatcher(s), history, false).run();
            t.writer().flush();
        }
        return bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void showsThePromptAndCommandOutput() throws Exception {
        String out = session("print/x 16\nquit\n", null);
        assertTrue(out.contains("(i386mon) print/x 16\n"), out);
        assertTrue(out.contains("0x10\n"), out);
    }

    @Test
    void showsThePromptBeforeItAsksForTheCommandModelThenRunsTheFirstCommand() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder seenAtModel = new StringBuilder();
        try (Terminal t = new DumbTerminal("t", "ansi", new ByteArrayInputStream("print/x 16\n".getBytes(StandardCharsets.UTF_8)), bytes, StandardCharsets.UTF_8)) {
            t.setSize(new Size(120, 40));
            Session s = new Session(kernel, new SerialCapture(t.output()), t.writer(), t.writer());
            s.boot(new BootRequest("k.elf", new byte[] {0x7f}, "", List.of(), 4 << 20));
            new Repl(t, s, () -> {
                t.writer().flush();
                seenAtModel.append(bytes.toString(StandardCharsets.UTF_8));
                return new CommandDispatcher(s);
            }, null, false, null).run();
            t.writer().flush();
        }
        assertTrue(seenAtModel.toString().contains("(i386mon) "), seenAtModel.toString());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("0x10\n"), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputPrintsOneLineAndThePromptReturns() throws Exception {
        String out = session("frob\nprint/x 1\n", null);
        assertTrue(out.contains("unknown command: frob (type help for the list)\n"), out);
        assertTrue(out.contains("0x1\n"), out);
        assertTrue(!out.contains("Exception"), out);
    }

    @Test
    void endOfInputQuits() throws Exception {
        String out = session("print/x 2\n", null);
        assertTrue(out.contains("0x2"), out);
    }

    @Test
    void quitEndsTheLoopBeforeLaterLines() throws Exception {
        String out = session("quit\nprint/x 3\n", null);
        assertTrue(!out.contains("0x3"), out);
    }

    @Test
    void guestSerialOutputAppearsWhileItRuns() throws Exception {
        String out = session("cont\n", null);
        assertTrue(out.contains("Hi\nStopped: guest exit with status 3"), out);
    }

    @Test
    void savesHistoryToTheGivenFile() throws Exception {
        Path history = dir.resolve(".i386mon_history");
        session("print 1\nregs\n", history);
        String saved = Files.readString(history);
        assertTrue(saved.contains("print 1") && saved.contains("regs"), saved);
    }
}
