package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCommandTest {
    @TempDir Path dir;
    private final Harness h = new Harness();

    @Test
    void runsEachLineAndReportsFailuresWithFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("t.mon"), "print/x 1\nprint 1/0\nprint 2\n");
        h.ok("source " + f);
        assertEquals("0x1\n0x2\n", h.out.toString());
        assertEquals(f + ":2: division by zero\n", h.err.toString());
        assertEquals(2, h.session.exitStatus().value());
    }

    @Test
    void nestedScriptsReportTheirOwnFile() throws Exception {
        Path inner = Files.writeString(dir.resolve("inner.mon"), "\nnosuch\n");
        Path outer = Files.writeString(dir.resolve("outer.mon"), "source " + inner + "\n");
        h.ok("source " + outer);
        assertEquals(inner + ":2: unknown command: nosuch (type help for the list)\n", h.err.toString());
    }

    @Test
    void aScriptThatSourcesItselfIsStopped() throws Exception {
        Path f = dir.resolve("loop.mon");
        Files.writeString(f, "source " + f + "\n");
        h.ok("source " + f);
        assertEquals(true, h.err.toString().contains("scripts nested too deeply (16 levels)"));
    }
}
