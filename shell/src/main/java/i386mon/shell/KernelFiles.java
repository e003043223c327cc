package i386mon.shell;

import i386mon.shell.session.BootRequest;
import i386mon.kernel.KernelImages;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.HostFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the kernel and module files named on the command line, or the bundled demo kernel. */
final class KernelFiles {
    /** Where the kernel module packages the demo kernel on the class path. */
    static final String DEMO_RESOURCE = "i386mon/kernel/" + KernelImages.DEFAULT;

    private KernelFiles() { }

    /** A kernel or module file of at most {@code maxBytes} (the guest's RAM: a larger one cannot be loaded). */
    static byte[] read(Path file, String what, long maxBytes) {
        return HostFiles.read(file, what, maxBytes);
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
            return read(name, Integer.MAX_VALUE - 8);
        }

        @Override public byte[] read(String name, long maxBytes) {
            Path file = HostFiles.path(name);
            if (!Files.exists(file) && isBundled(name)) return bundled(name);
            return KernelFiles.read(file, "kernel", maxBytes);
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
    static List<BootRequest.Module> modules(List<String> specs, long maxBytes) {
        List<BootRequest.Module> out = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String file = eq < 0 ? spec : spec.substring(0, eq);
            String string = eq < 0 ? spec : spec.substring(eq + 1);
            if (file.isEmpty()) throw new CommandException("--module needs a FILE: " + spec);
            out.add(new BootRequest.Module(file, read(HostFiles.path(file), "module", maxBytes), string));
        }
        return out;
    }
}
