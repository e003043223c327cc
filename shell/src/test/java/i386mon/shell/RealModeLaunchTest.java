package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch options that start real-mode code: --bios FILE (reset vector) and --boot-sector FILE (0x7C00). */
class RealModeLaunchTest {
    /** mov $'o',%al ; mov $0x3f8,%dx ; out %al,%dx ; mov $'k',%al ; out %al,%dx ; mov $0,%al ; out %al,$0xf4 ; hlt */
    private static final int[] SAY_OK_AND_EXIT = {0xB0, 'o', 0xBA, 0xF8, 0x03, 0xEE, 0xB0, 'k', 0xEE, 0xB0, 0x00, 0xE6, 0xF4, 0xF4};

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new java.util.HashMap<>();

    private int run(String... args) {
        env.putIfAbsent("HOME", dir.toString());
        Launcher l = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
        return l.run(args);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A 64 KiB ROM whose reset vector jumps to F000:0000, where the code is. */
    private static byte[] rom(int size) {
        byte[] rom = new byte[size];
        for (int k = 0; k < SAY_OK_AND_EXIT.length; k++) rom[size - 0x10000 + k] = (byte) SAY_OK_AND_EXIT[k];
        int[] jump = {0xEA, 0x00, 0x00, 0x00, 0xF0};
        for (int k = 0; k < jump.length; k++) rom[size - 16 + k] = (byte) jump[k];
        return rom;
    }

    @Test
    void biosStartsTheRomAtTheResetVector() throws Exception {
        assertEquals(1, run("--batch", "--bios", file("rom.bin", rom(64 << 10)).toString()));
        assertTrue(out().contains("ok"), out());
    }

    @Test
    void biosWithoutAFileRunsSeaBiosToItsBootAttempt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of(i386mon.machine.boot.FirmwareRom.SEABIOS)),
                "SeaBIOS not installed (apt-get install seabios): skipped");
        // SeaBIOS tries QEMU's empty floppy drive A on the way (its motor and READ IDs take it a while)
        assertEquals(0, run("--batch", "--serial", "none", "--bios", "-c", "cont --max=200000000", "-c", "info firmware-log", "-c", "info pci"));
        assertTrue(out().contains("Running on QEMU (i440fx)\n"), out());
        assertTrue(out().contains("No bootable device."), out());
        assertTrue(out().contains("      BAR4: I/O at 0xc000 [0xc00f].\n"), out());
    }

    @Test
    void qemusSpellingDashBiosWorksToo() throws Exception {
        assertEquals(1, run("--batch", "-bios", file("rom.bin", rom(64 << 10)).toString()));
        assertTrue(out().contains("ok"), out());
    }

    @Test
    void aMissingDefaultSeaBiosNamesThePackage() {
        Path missing = dir.resolve("no-seabios/bios-256k.bin");
        env.put("I386MON_SEABIOS", missing.toString());
        assertEquals(2, run("--batch", "--bios"));
        assertEquals("no SeaBIOS at " + missing + ": apt-get install seabios (or give --bios FILE)\n", err());
    }

    @Test
    void bootSectorStartsTheSectorAt7c00() throws Exception {
        byte[] sector = new byte[512];
        for (int k = 0; k < SAY_OK_AND_EXIT.length; k++) sector[k] = (byte) SAY_OK_AND_EXIT[k];
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        assertEquals(1, run("--batch", "--boot-sector", file("boot.bin", sector).toString()));
        assertTrue(out().contains("ok"), out());
    }

    @Test
    void aBiosImageOfAWrongSizeIsOneLine() throws Exception {
        Path rom = file("rom.bin", new byte[1000]);
        assertEquals(2, run("--batch", "--bios", rom.toString()));
        assertEquals(rom + ": a BIOS ROM image must be 64, 128, 192 or 256 KiB (a multiple of 64 KiB, as QEMU requires), not 1000 bytes\n",
                err());
    }

    @Test
    void aMissingBiosFileIsOneLine() {
        assertEquals(2, run("--batch", "--bios", dir.resolve("none.bin").toString()));
        assertEquals("no such BIOS image file: " + dir.resolve("none.bin") + "\n", err());
    }

    @Test
    void aBootSectorOfAWrongSizeIsOneLine() throws Exception {
        Path sector = file("boot.bin", new byte[100]);
        assertEquals(2, run("--batch", "--boot-sector", sector.toString()));
        assertEquals(sector + ": a boot sector must be exactly 512 bytes, not 100\n", err());
    }

    @Test
    void biosAndAKernelCannotBeCombined() throws Exception {
        assertEquals(2, run("--batch", "--bios", file("rom.bin", rom(64 << 10)).toString(), "k.elf"));
        assertTrue(err().startsWith("KERNEL and --bios cannot be combined: each names what the machine starts\nUsage:"), err());
    }
}
