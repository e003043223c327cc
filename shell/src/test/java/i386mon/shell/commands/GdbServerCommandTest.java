package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gdbserver: starts the GDB stub from the prompt, says where it listens, stops it; bad input is one line. */
class GdbServerCommandTest {
    private final DemoSession d = new DemoSession("");

    @AfterEach
    void stop() {
        if (d.session.remoteDebugger() != null) d.session.remoteDebugger().close();
    }

    @Test
    void startsOnTheLoopbackInterface() {
        String out = d.ok("gdbserver 0");
        assertTrue(out.matches("gdbserver: waiting for gdb on tcp:127\\.0\\.0\\.1:\\d+\n"), out);
    }

    @Test
    void aloneItSaysWhereItListens() {
        d.ok("gdbserver 0");
        assertTrue(d.ok("gdbserver").matches("gdbserver on tcp:127\\.0\\.0\\.1:\\d+, no client attached\n"));
    }

    @Test
    void noneStopsIt() {
        d.ok("gdbserver tcp::0");
        assertEquals("gdbserver: stopped\n", d.ok("gdbserver none"));
        assertEquals("gdbserver: no GDB stub is running", d.fails("gdbserver none"));
    }

    @Test
    void aSecondOneIsRefused() {
        d.ok("gdbserver 0");
        assertTrue(d.fails("gdbserver 0").startsWith("gdbserver: already running (gdbserver on tcp:127.0.0.1:"));
    }

    @Test
    void aBadAddressIsOneLine() {
        assertEquals("bad gdb address: 99999 (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)", d.fails("gdbserver 99999"));
        assertEquals("bad gdb address: tcp:x:y (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)", d.fails("gdbserver tcp:x:y"));
    }

    @Test
    void helpDocumentsIt() {
        String help = d.ok("help gdbserver");
        assertTrue(help.startsWith("Usage: gdbserver [PORT|tcp:HOST:PORT|unix:PATH|none]"), help);
        assertTrue(help.contains("target remote") && help.contains("monitor CMD") && help.contains("Qqemu.PhyMemMode:1"), help);
    }
}
