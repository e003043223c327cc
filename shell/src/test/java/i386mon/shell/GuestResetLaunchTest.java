package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's reset request restarts the machine as under QEMU, with a note line and a history mark;
 * -no-reboot stops instead; the monitor's system_reset is the same reset. The guest is
 * kernel/src/main/rom/resetboot.S, which resets through 0xCF9, the 8042 and port 0x92.
 */
class GuestResetLaunchTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path sector;

    @BeforeEach
    void stageBootSector() throws Exception {
        try (InputStream in = GuestResetLaunchTest.class.getResourceAsStream("/i386mon/kernel/resetboot.bin")) {
            sector = Files.write(dir.resolve("resetboot.bin"), in.readAllBytes());
        }
    }

    private int run(String... args) {
        Launcher l = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
        return l.run(args);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void eachResetRestartsTheMachineAndSaysSo() {
        assertEquals(1, run("--batch", "--boot-sector", sector.toString()), err());
        assertTrue(out().contains("resetboot: boot 04, marker b003\r\nresetboot: done\r\n"), out());
        assertTrue(err().startsWith("note: system reset: the guest wrote 0x06 to port 0xcf9 (PIIX reset control); the machine restarts\n"
                + "note: system reset: the guest wrote 0xfe to port 0x64 (8042: pulse the reset line); the machine restarts\n"
                + "note: system reset: the guest wrote 0x03 to port 0x92 (fast reset); the machine restarts\n"), err());
    }

    @Test
    void noRebootStopsAtTheFirstRequest() {
        assertEquals(0, run("--batch", "-no-reboot", "--boot-sector", sector.toString()), err());
        assertEquals("resetboot: boot 01, marker 0000\r\nresetboot: reset via 0xcf9\r\n", out());
        assertTrue(err().startsWith("Stopped: guest requested a machine reset at 0x"), err());
    }

    @Test
    void dCpuResetLogsTheStateBeforeEachGuestReset() {
        assertEquals(1, run("--batch", "--serial", "none", "-d", "cpu_reset", "--boot-sector", sector.toString()), err());
        assertEquals(3, err().split("CPU Reset \\(CPU 0\\)\n", -1).length - 1, err());
    }

    @Test
    void theHistoryMarksTheReset() {
        assertEquals(0, run("--batch", "--serial", "none", "--boot-sector", sector.toString(), "-c", "history on", "-c", "cont --max 2000",
                "-c", "info history 3000"), err());
        assertTrue(out().contains("\n  -- system reset: the guest wrote 0x06 to port 0xcf9 (PIIX reset control)\n0x00007c00"), out());
    }

    @Test
    void systemResetKeepsRamAndStartsTheBootSectorAgain() {
        assertEquals(0, run("--batch", "--serial", "none", "--boot-sector", sector.toString(), "-c", "step 3", "-c", "set/b 0x90000 = 0x42",
                "-c", "system_reset", "-c", "xp/1bx 0x90000", "-c", "print/x $eip"), err());
        assertTrue(out().endsWith("0000000000090000: 0x42\n0x7c00\n"), out());
    }
}
