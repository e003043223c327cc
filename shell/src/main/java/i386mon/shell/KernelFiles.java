package i386mon.shell;

import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the kernel and module files named on the command line, or the bundled demo kernel. */
final class KernelFiles {
    /** Where the kernel module packages the demo kernel on the class path. */
    static final String DEMO_RESOURCE = "i386mon/kernel/demo.elf";

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

    static byte[] demoKernel() {
        ClassLoader cl = KernelFiles.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new CommandException("the bundled demo kernel (" + DEMO_RESOURCE
                        + ") is not in this build; give a KERNEL file");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CommandException("cannot read the bundled demo kernel: " + e.getMessage());
        }
    }

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
