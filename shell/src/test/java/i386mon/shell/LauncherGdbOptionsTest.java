package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** -s, -S and -gdb as QEMU spells them. */
class LauncherGdbOptionsTest {
    @TempDir
    Path dir;

    private BatchLauncher i386mon;

    private int run(String... args) {
        i386mon = new BatchLauncher(dir);
        return i386mon.run(args);
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
        assertEquals(33, run("--batch", "-gdb", "tcp::0", "--serial", "none", "-a", "exit"), i386mon.err());
        assertTrue(i386mon.err().startsWith("gdb: waiting for a connection on tcp:127.0.0.1:"), i386mon.err());
    }

    @Test
    void aBadGdbAddressIsOneLineAndStatus2() {
        assertEquals(2, run("--batch", "-gdb", "tcp:nohost", "--serial", "none"));
        assertEquals("bad gdb address: tcp:nohost (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)\n", i386mon.err());
    }

    @Test
    void helpListsTheStubOptions() {
        assertEquals(0, run("--help"));
        String help = i386mon.out();
        assertTrue(help.contains("  -s ") && help.contains("  -S ") && help.contains("  -gdb=tcp:[HOST]:PORT|unix:PATH"), help);
    }
}
