package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** -s, -S and -gdb as QEMU spells them. */
class LauncherGdbOptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Launcher l = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
        return l.run(args);
    }

    @Test
    void qemusSpellingsParse() {
        LaunchOptions o = new LaunchOptions();
        new CommandLine(o).parseArgs("-s", "-S", "-gdb", "unix:/tmp/g.sock");
        assertTrue(o.gdbDefaultPort);
        assertTrue(o.gdbWait);
        assertEquals("unix:/tmp/g.sock", o.gdb);
    }

    @Test
    void withoutMinusSTheGuestRunsAndABatchRunEndsWithIt() {
        assertEquals(33, run("--batch", "-gdb", "tcp::0", "--serial", "none", "-a", "exit"), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gdb: waiting for a connection on tcp:127.0.0.1:"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadGdbAddressIsOneLineAndStatus2() {
        assertEquals(2, run("--batch", "-gdb", "tcp:nohost", "--serial", "none"));
        assertEquals("bad gdb address: tcp:nohost (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheStubOptions() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("  -s ") && help.contains("  -S ") && help.contains("  -gdb=tcp:[HOST]:PORT|unix:PATH"), help);
    }
}
