package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QEMU's {@code -vga std|none}: the std VGA function when the firmware runs, unless -vga none. */
class VgaOptionLaunchTest {
    @TempDir Path dir;

    /** A disk whose boot sector halts with interrupts off: SeaBIOS's screen stays as it left it. */
    private Path disk() throws Exception {
        byte[] b = new byte[1 << 20];
        b[0] = (byte) 0xFA; // cli
        b[1] = (byte) 0xF4; // hlt
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return Files.write(dir.resolve("disk.img"), b);
    }

    private static void needsSeaBios() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(i386mon.machine.boot.FirmwareRom.SEABIOS))
                && Files.isReadable(Path.of(i386mon.machine.pci.StdVgaFunction.VGA_BIOS)), "SeaBIOS or its VGA BIOS not installed: skipped");
    }

    @Test
    void theFirmwareGetsTheStdVgaAndItsBiosWritesTheScreen() throws Exception {
        needsSeaBios();
        BatchLauncher l = new BatchLauncher(dir);
        l.run("--batch", "--timeout", "60", "-hda", disk().toString(), "-c", "cont", "-c", "info pci", "-c", "info vga");
        assertTrue(l.out().contains("    VGA controller: PCI device 1234:1111\n"), l.out() + l.err());
        assertTrue(l.out().contains("      BAR0: 32 bit prefetchable memory at 0xfd000000 [0xfdffffff].\n"), l.out());
        assertTrue(l.out().contains("\nSeaBIOS (version "), l.out());
        assertTrue(l.out().contains("\nBooting from Hard Disk..."), l.out());
    }

    @Test
    void vgaNoneLeavesSlotTwoEmpty() throws Exception {
        needsSeaBios();
        BatchLauncher l = new BatchLauncher(dir);
        l.run("--batch", "--timeout", "60", "-vga", "none", "-hda", disk().toString(), "-c", "cont", "-c", "info pci");
        assertTrue(l.out().contains("Bus  0, device   1, function 3:"), l.out() + l.err());
        assertFalse(l.out().contains("VGA controller"), l.out());
    }

    @Test
    void aMultibootKernelHasNoVgaFunctionUnlessAskedFor() {
        BatchLauncher plain = new BatchLauncher(dir);
        plain.run("--batch", "-c", "info pci");
        assertFalse(plain.out().contains("VGA controller"), plain.out() + plain.err());
        BatchLauncher std = new BatchLauncher(dir);
        std.run("--batch", "-vga", "std", "-c", "info pci");
        assertTrue(std.out().contains("      BAR2: 32 bit memory at 0xfebf0000 [0xfebf0fff].\n"), std.out() + std.err());
    }

    @Test
    void anotherAdapterIsRefusedInOneLine() {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(2, l.run("--batch", "-vga", "cirrus"));
        assertEquals("not supported: -vga cirrus (std or none)\n", l.err());
    }
}
