package i386mon.shell.session;

/** Finds a kernel image by the name a user gives: a file, or (in the launcher) a bundled image. */
@FunctionalInterface
public interface KernelSource {
    /** The image's bytes; a CommandException with one line when there is none. */
    byte[] read(String name);

    /** The image's bytes, refused with one line when its file is larger than {@code maxBytes}. */
    default byte[] read(String name, long maxBytes) {
        return read(name);
    }

    /** Names that need no file (bundled images), for completion. */
    default java.util.List<String> bundledNames() {
        return java.util.List.of();
    }

    /** Files only. */
    KernelSource FILES = new KernelSource() {
        @Override public byte[] read(String name) {
            return read(name, Integer.MAX_VALUE - 8);
        }

        @Override public byte[] read(String name, long maxBytes) {
            java.nio.file.Path file = HostFiles.path(name);
            if (!java.nio.file.Files.exists(file)) throw new CommandException("no such file: " + name);
            return HostFiles.read(file, "kernel", maxBytes);
        }
    };
}
