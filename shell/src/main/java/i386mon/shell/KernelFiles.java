package i386mon.shell;

import i386mon.shell.session.BootRequest;
import i386mon.kernel.KernelImages;
import i386mon.shell.session.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the kernel and module files named on the command line, or the bundled demo kernel. */
final class KernelFiles {
    /** Where the kernel module packages the demo kernel on the class path. */
    static final String DEMO_RESOURCE = "i386mon/kernel/" + KernelImages.DEFAULT;

    private KernelFiles() { }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandException("no such " + what + " file: " + file);
        } catch (IOException e) {
            throw new CommandException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** The bundled demo kernel from the kernel module's jar. */
    static byte[] demoKernel() {
        return bundled(KernelImages.DEFAULT);
    }

    /** A kernel image bundled in the kernel module's jar, by name (e.g. demo-higher-half.elf). */
    static byte[] bundled(String name) {
        try {
            return KernelImages.bytes(name);
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CommandException("the bundled kernel " + name + " is not available: " + e.getMessage());
        }
    }

    /** Whether {@code name} is a kernel image bundled in this build. */
    static boolean isBundled(String name) {
        try {
            return KernelImages.names().contains(name);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Files first, then the images bundled in the kernel module's jar. */
    static final i386mon.shell.session.KernelSource FILES_OR_BUNDLED = new i386mon.shell.session.KernelSource() {
        @Override public byte[] read(String name) {
            if (!Files.exists(Path.of(name)) && isBundled(name)) return bundled(name);
            return KernelFiles.read(Path.of(name), "kernel");
        }

        @Override public List<String> bundledNames() {
            try {
                return KernelImages.names();
            } catch (IllegalStateException e) {
                return List.of();
            }
        }
    };

    /** {@code FILE[=STRING]}: the string defaults to the file name as given. */
    static List<BootRequest.Module> modules(List<String> specs) {
        List<BootRequest.Module> out = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String file = eq < 0 ? spec : spec.substring(0, eq);
            String string = eq < 0 ? spec : spec.substring(eq + 1);
            if (file.isEmpty()) throw new CommandException("--module needs a FILE: " + spec);
            out.add(new BootRequest.Module(file, read(Path.of(file), "module"), string));
        }
        return out;
    }
}
