package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long output in a real terminal (#18): a pager past a screenful, Ctrl-C ends it, ^C before a stop line. */
class TmuxOutputTest {
    private final TmuxTerminal t = new TmuxTerminal();
    @TempDir Path home;

    @BeforeEach
    void needsTmux() {
        if (System.getenv("CI") != null && !TmuxTerminal.available()) throw new IllegalStateException("tmux is not installed");
        assumeTrue(TmuxTerminal.available(), "tmux is not installed (apt-get install tmux): skipped");
    }

    @AfterEach
    void killServer() throws Exception {
        t.kill();
    }

    private void startMonitor(String pager) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        t.start(String.format("env HOME=%s TERM=xterm-256color PAGER='%s' %s -cp '%s' i386mon.shell.Main",
                home, pager, java, System.getProperty("java.class.path")), 100, 30);
        t.waitFor("(i386mon)");
    }

    private void theNextCommandRuns() throws Exception {
        t.keys("print 6*7", "Enter");
        t.waitUntil(sc -> sc.contains("\n0x2a\n"), "the next command's output");
    }

    @Test
    void outputLongerThanTheScreenGoesThroughThePager() throws Exception {
        assumeTrue(new java.io.File("/usr/bin/less").canExecute(), "less is not installed: skipped");
        startMonitor("less");
        t.keys("x/4000x 0x100000", "Enter");
        // less waits at its ':' prompt with the first screenful shown
        String s = t.waitUntil(sc -> TmuxTerminal.lastLine(sc).equals(":"), "the pager's ':' prompt");
        assertTrue(s.contains("00100000: "), s);
        assertFalse(s.contains("00103e70: "), s); // the last line is not there yet
        t.keys("q");
        t.waitUntil(sc -> TmuxTerminal.lastLine(sc).startsWith("(i386mon)"), "the prompt after quitting the pager");
        theNextCommandRuns();
    }

    @Test
    void outputThatFitsTheScreenIsNotPaged() throws Exception {
        startMonitor("less");
        t.keys("x/8x 0x100000", "Enter");
        String s = t.waitUntil(sc -> sc.contains("00100010: ") && TmuxTerminal.lastLine(sc).startsWith("(i386mon)"), "the output then the prompt");
        assertFalse(s.contains("\n:\n"), s);
    }

    @Test
    void ctrlCEndsALongListing() throws Exception {
        startMonitor("cat"); // no pager: a million lines stream to the terminal
        t.keys("x/4000000x 0x100000", "Enter");
        t.waitFor("0: 0x");
        t.keys("C-c");
        String s = t.waitFor("output interrupted");
        assertFalse(s.contains("010ffff0: "), "the listing ran to its end:\n" + s);
        theNextCommandRuns();
    }

    @Test
    void theStopLineAfterCtrlCStartsOnANewLine() throws Exception {
        startMonitor("cat");
        t.keys("cont", "Enter");
        t.waitFor("done: all scenarios passed");
        t.keys("C-c");
        String s = t.waitFor("Stopped: interrupted at");
        String stop = s.lines().filter(l -> l.contains("Stopped: interrupted at")).findFirst().orElseThrow();
        assertEquals(0, stop.indexOf("Stopped:"), "the stop line: " + stop);
    }
}
