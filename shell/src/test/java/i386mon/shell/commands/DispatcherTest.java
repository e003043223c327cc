package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final Harness h = new Harness();

    @Test
    void unknownCommandIsOneLine() {
        assertEquals("unknown command: frobnicate (type help for the list)", h.fails("frobnicate 1 2"));
    }

    @Test
    void badOptionIsOneLineNamingTheCommand() {
        assertTrue(h.fails("cont --max").startsWith("cont: "));
    }

    @Test
    void expressionErrorIsOneLine() {
        assertEquals("division by zero", h.fails("print 1/0"));
    }

    @Test
    void failuresCountTowardsTheExitStatus() {
        h.fails("nosuch");
        assertEquals(2, h.session.exitStatus().value());
    }

    @Test
    void blankLineDoesNothing() {
        assertEquals("", h.ok("   "));
    }

    @Test
    void helpListsCommandsFromTheModel() {
        String help = h.ok("help");
        assertTrue(help.contains("x              Dump virtual memory"), help);
        assertTrue(help.contains("cont|c"), help);
    }

    @Test
    void helpForOneCommandShowsItsUsage() {
        assertTrue(h.ok("help cont").startsWith("Usage: cont [--max=N]"), h.out.toString());
        assertTrue(h.ok("help info registers").contains("Usage: info registers"));
    }

    @Test
    void unterminatedStringIsReported() {
        assertEquals("unterminated string: missing closing \"", h.fails("expect serial \"abc"));
    }

    @Test
    void loadOfAMissingFileIsOneLine() {
        assertEquals("no such file: /nonexistent/k.elf", h.fails("load /nonexistent/k.elf"));
    }
}
