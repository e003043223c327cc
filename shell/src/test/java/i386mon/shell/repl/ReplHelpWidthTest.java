package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.guest.FakeKernel;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The real REPL wraps help to its terminal's width (#18). */
class ReplHelpWidthTest {
    private static String session(String input, int columns) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("t", "ansi", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes, StandardCharsets.UTF_8)) {
            t.setSize(new Size(columns, 40));
            Session s = new Session(new FakeKernel(), new SerialCapture(t.output()), t.writer(), t.writer());
            s.boot(new BootRequest("k.elf", new byte[] {0x7f}, "", List.of(), 4 << 20));
            new Repl(t, s, new CommandDispatcher(s), null, false).run();
            t.writer().flush();
        }
        // without the bracketed-paste switches JLine writes around each prompt
        return bytes.toString(StandardCharsets.UTF_8).replace("\r", "").replaceAll("\u001b\\[\\?2004[hl]", "");
    }

    /** The longest line but for the prompts and for single words longer than a line (never split, so they overhang). */
    private static long longestLine(String text) {
        return text.lines().filter(l -> !l.startsWith(Repl.PROMPT) && l.strip().contains(" ")).mapToInt(String::length).max().orElse(0);
    }

    @Test
    void helpFitsANarrowTerminal() throws Exception {
        String out = session("help\nhelp reverse\nhelp watch\n", 52);
        assertTrue(longestLine(out) <= 52, out);
        assertTrue(out.contains("reverse-stepi,"), out);
    }

    @Test
    void helpUsesTheWidthOfAWideTerminal() throws Exception {
        String out = session("help reverse\n", 160);
        assertTrue(longestLine(out) > 100 && longestLine(out) <= 160, out);
    }

    @Test
    void aTerminalOfUnknownWidthGetsEightyColumns() throws Exception {
        String out = session("help reverse\n", 0);
        long longest = longestLine(out);
        assertTrue(longest > 60 && longest <= 80, out);
    }
}
