package i386mon.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * A GRUB rescue image of the bundled demo kernel, made as a user makes one: {@code grub-mkrescue}
 * (Debian grub-pc-bin and grub-common, with xorriso; mtools when EFI platforms are installed too)
 * over a directory holding boot/demo.elf and a boot/grub/grub.cfg that keeps GRUB on COM1 and boots
 * the kernel at once by multiboot. The image is a hybrid: an El Torito CD and a disk with an MBR.
 */
final class GrubRescueImage {
    /** Which disk drivers GRUB reads the kernel with. */
    enum Drivers {
        /** The firmware's, through INT 13h (GRUB's default on i386-pc). */
        BIOS(""),
        /**
         * GRUB's own ({@code nativedisk}: its ata module drives the IDE controller and sends ATAPI
         * packets itself); {@code ls} then lists the disks GRUB found, e.g. {@code (ata2)}.
         */
        NATIVE("  nativedisk\n  ls\n");

        final String commands;

        Drivers(String commands) {
            this.commands = commands;
        }
    }

    /** GRUB on the serial port only (no VGA menu to compare), no menu delay, the demo kernel's entry. */
    static String config(Drivers drivers, String kernelArguments) {
        return "serial --unit=0 --speed=115200\n"
                + "terminal_input serial\n"
                + "terminal_output serial\n"
                + "set timeout=0\n"
                + "menuentry \"demo\" {\n"
                + drivers.commands
                + "  multiboot /boot/demo.elf " + kernelArguments + "\n"
                + "  boot\n"
                + "}\n";
    }

    private GrubRescueImage() {
    }

    /**
     * Builds {@code dir}/NAME.iso holding the bundled demo kernel, read with {@code drivers} and
     * started with {@code kernelArguments}.
     */
    static Path build(Path dir, String name, Drivers drivers, String kernelArguments) throws IOException, InterruptedException {
        return build(dir, name, config(drivers, kernelArguments));
    }

    /** Builds {@code dir}/NAME.iso holding the bundled demo kernel as boot/demo.elf, with {@code grubCfg} as boot/grub/grub.cfg. */
    static Path build(Path dir, String name, String grubCfg) throws IOException, InterruptedException {
        Path tool = tool("grub-mkrescue");
        tool("xorriso");
        Path root = dir.resolve(name);
        Path tree = Files.createDirectories(root.resolve("boot/grub"));
        Files.write(root.resolve("boot/demo.elf"), KernelImages.bytes(KernelImages.DEFAULT));
        Files.writeString(tree.resolve("grub.cfg"), grubCfg, StandardCharsets.US_ASCII);
        Path iso = dir.resolve(name + ".iso");
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(tool.toString(), "-o", iso.toString(), root.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("grub-mkrescue did not finish in 120 s");
        }
        if (p.exitValue() != 0 || !Files.exists(iso)) {
            throw new IllegalStateException("grub-mkrescue failed (status " + p.exitValue() + "):\n" + Files.readString(log));
        }
        return iso;
    }

    /** Debian's SeaBIOS, the firmware that boots the image under i386mon as under QEMU. */
    static byte[] seabios() throws IOException {
        Path bios = Paths.get(i386mon.machine.boot.FirmwareRom.SEABIOS);
        if (!Files.exists(bios)) missing("no SeaBIOS at " + bios + ": install it (apt-get install seabios)");
        return Files.readAllBytes(bios);
    }

    /** {@code name} on the PATH, or a skip (a failure under CI, which installs it) saying what to install. */
    private static Path tool(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Paths.get(d, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return missing(name + " not found on PATH: install it (apt-get install grub-pc-bin grub-common xorriso mtools)");
    }

    private static <T> T missing(String what) {
        // CI installs the tools (.ci/run) and must never skip the comparisons; elsewhere they are skipped.
        if (System.getenv("CI") != null) throw new IllegalStateException(what);
        return org.junit.jupiter.api.Assumptions.abort(what + "; the GRUB image tests are skipped");
    }
}
