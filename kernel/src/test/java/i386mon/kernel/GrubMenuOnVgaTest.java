package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.board.Report;
import i386mon.machine.pci.StdVgaFunction;
import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GRUB rescue image with a menu on the screen: SeaBIOS with the std VGA boots it and GRUB's menu shows in info vga. */
class GrubMenuOnVgaTest {
    private static final String MENU = "set timeout=30\n"
            + "menuentry \"demo kernel\" {\n  multiboot /boot/demo.elf\n  boot\n}\n";
    /** GRUB reaches its menu after about 400 million instructions; far more is allowed. */
    private static final long BUDGET = 1_500_000_000L, STEP = 25_000_000L;

    @TempDir
    Path dir;

    @Test
    void grubsMenuShowsInInfoVga() throws Exception {
        Path vgaBios = Path.of(StdVgaFunction.VGA_BIOS);
        Assumptions.assumeTrue(Files.isReadable(vgaBios), "no VGA BIOS at " + vgaBios + " (apt-get install seabios): skipped");
        Path iso = GrubRescueImage.build(dir, "menu", MENU);
        Machine m = new Machine(MachineConfig.defaults()
                .withStorage(new StorageConfig(List.of(new DriveSpec(2, iso, DriveMedia.CDROM, true)), false, "d")));
        try {
            m.devices().plugStdVga(Files.readAllBytes(vgaBios));
            m.powerOn(GrubRescueImage.seabios());
            String screen = "";
            for (long n = 0; n < BUDGET && !screen.contains("*demo kernel"); n += STEP) {
                m.run(STEP);
                screen = String.join("\n", m.board().report("vga").lines().stream().map(Report.Line::text).toList());
            }
            assertTrue(screen.contains("GNU GRUB  version "), screen);
            assertTrue(screen.contains("\u2502*demo kernel"), screen);
            assertTrue(screen.contains("The highlighted entry will be executed automatically in"), screen);
        } finally {
            m.debugTarget().close();
        }
    }
}
