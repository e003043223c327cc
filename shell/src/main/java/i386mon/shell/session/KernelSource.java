package i386mon.shell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Finds a kernel image by the name a user gives: a file, or (in the launcher) a bundled image. */
@FunctionalInterface
public interface KernelSource {
    /** The image's bytes; a CommandException with one line when there is none. */
    byte[] read(String name);

    /** Names that need no file (bundled images), for completion. */
    default java.util.List<String> bundledNames() {
        return java.util.List.of();
    }

    /** Files only. */
    KernelSource FILES = name -> {
        try {
            return Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + name);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CommandException("cannot read " + name + ": " + e.getMessage());
        }
    };
}
