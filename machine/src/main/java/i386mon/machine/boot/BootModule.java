package i386mon.machine.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A boot module: a file loaded into memory next to the kernel, with its string (by convention the
 * file name followed by arguments, as GRUB's {@code module} command and QEMU's {@code -initrd} pass it).
 */
public record BootModule(String string, byte[] data) {
    public BootModule {
        if (string == null) string = "";
        if (data == null) throw new IllegalArgumentException("module data is null");
    }

    /** Reads {@code file}; the module string is the file name, then {@code args} if not blank. */
    public static BootModule fromFile(Path file, String args) {
        try {
            byte[] data = Files.readAllBytes(file);
            String s = args == null || args.isBlank() ? file.toString() : file + " " + args;
            return new BootModule(s, data);
        } catch (IOException e) {
            throw new BootException("cannot read module " + file + ": " + e.getMessage());
        }
    }
}
