package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a real terminal: tmux runs it, the test types (with TAB completion and a
 * Ctrl-C while the guest runs) and reads the screen. Skipped when tmux is not installed, except in CI.
 */
class TmuxEndToEndTest {
    private final TmuxTerminal t = new TmuxTerminal();
    @TempDir Path home;

    private String tmux(String... args) throws IOException, InterruptedException {
        return t.tmux(args);
    }

    private static boolean tmuxAvailable() {
        return TmuxTerminal.available();
    }

    /** Waits until the screen contains {@code text}; returns the screen. */
    private String waitFor(String text) throws Exception {
        return t.waitFor(text);
    }

    /** Starts the monitor in a tmux pane {@code columns} wide (skipped without tmux, except in CI) and waits for its prompt. */
    private void startMonitor(int columns) throws Exception {
        // CI installs tmux (.ci/run) and must never skip this; elsewhere it is skipped without tmux.
        if (System.getenv("CI") != null && !tmuxAvailable()) throw new IllegalStateException("tmux is not installed");
        assumeTrue(tmuxAvailable(), "tmux is not installed (apt-get install tmux): skipped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.format("env HOME=%s TERM=xterm-256color %s -cp '%s' i386mon.shell.Main",
                home, java, System.getProperty("java.class.path"));
        tmux("new-session", "-d", "-s", "mon", "-x", String.valueOf(columns), "-y", "50", command);
        waitFor("(i386mon)");
    }

    @AfterEach
    void killServer() throws Exception {
        t.kill();
    }

    @Test
    void typesCompletesForwardsKeysInterruptsAndQuitsInARealTerminal() throws Exception {
        startMonitor(160);

        tmux("send-keys", "-t", "mon", "info reg", "Tab");
        waitFor("info registers");
        tmux("send-keys", "-t", "mon", "Enter");
        waitFor("EAX=2badb002");

        // the demo kernel idles forever after its scenarios: only Ctrl-C brings the prompt back
        tmux("send-keys", "-t", "mon", "cont", "Enter");
        waitFor("done: all scenarios passed");
        // keys typed while the guest runs reach its keyboard; the demo kernel echoes them
        tmux("send-keys", "-t", "mon", "zq7");
        waitFor("zq7");
        tmux("send-keys", "-t", "mon", "C-c");
        waitFor("Stopped: interrupted at");

        tmux("send-keys", "-t", "mon", "print/x 0x2a", "Enter");
        waitFor("0x2a\n");
        tmux("send-keys", "-t", "mon", "frobnicate", "Enter");
        String s = waitFor("unknown command: frobnicate");
        assertFalse(s.contains("Exception"), s);

        // Ctrl-D once the line reader is back, so that it ends the session rather than racing the command
        t.waitUntil(sc -> sc.contains("unknown command: frobnicate") && TmuxTerminal.lastLine(sc).startsWith("(i386mon)"),
                "the prompt after the error");
        tmux("send-keys", "-t", "mon", "C-d");
        for (int i = 0; i < 300 && tmux("has-session", "-t", "mon").isEmpty(); i++) Thread.sleep(100);
        assertTrue(tmux("has-session", "-t", "mon").contains("can't find session")
                || tmux("has-session", "-t", "mon").contains("no server"), "the session should have ended on Ctrl-D");
        assertTrue(home.resolve(".i386mon_history").toFile().isFile(), "history saved in HOME");
    }

    @Test
    void completesTheWordsACommandTakesInARealTerminal() throws Exception {
        startMonitor(160);

        tmux("send-keys", "-t", "mon", "catch pagef", "Tab");
        waitFor("catch pagefault");
        tmux("send-keys", "-t", "mon", "C-u", "help screend", "Tab");
        waitFor("help screendump");
        tmux("send-keys", "-t", "mon", "Enter");
        waitFor("Usage: screendump");

        // prefix matching only: "_init" is inside gdt_init and idt_init but starts no symbol
        tmux("send-keys", "-t", "mon", "break _init", "Tab", "X");
        String s = waitFor("break _initX");
        assertFalse(s.contains("gdt_init"), s);
        // symbols where an address is taken
        tmux("send-keys", "-t", "mon", "C-u", "x/2x hell", "Tab");
        waitFor("x/2x hello");
    }

    @Test
    void helpWrapsBetweenWordsInANarrowTerminal() throws Exception {
        startMonitor(46);
        tmux("send-keys", "-t", "mon", "C-l", "help reverse", "Enter");
        String s = waitFor("[INTERVAL]   ");
        Set<String> shown = new HashSet<>(Arrays.asList(s.split("\\s+")));
        for (String word : "Record for reverse execution: reverse on [INTERVAL] takes a checkpoint (a snapshot) every INTERVAL instructions (default 10000000: about 5% slower than without; at most 200 are kept, the oldest dropped) and records keys and serial input, so that reverse-stepi, reverse-step, reverse-continue and reverse-watch can replay the past exactly;".split(" ")) {
            assertTrue(shown.contains(word), "'" + word + "' is split on the screen:\n" + s);
        }
    }
}
