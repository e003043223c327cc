package i386mon.shell.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Host files named by the user: {@code ~} expanded as a shell would, images read only after their
 * type and size were checked (a device or a 3 GiB file is refused before a byte is read), and
 * I/O errors told as one line with their reason.
 */
public final class HostFiles {
    private HostFiles() { }

    /** {@code name} as a path, {@code ~} and {@code ~/...} meaning the user's home directory. */
    public static Path path(String name) {
        String home = System.getProperty("user.home");
        try {
            if (home != null && (name.equals("~") || name.startsWith("~/"))) return Path.of(home + name.substring(1));
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new CommandException("bad file name: " + name + " (" + e.getReason() + ")");
        }
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}; else a one-line CommandException
     * naming it as {@code what} ("kernel", "module").
     */
    public static byte[] read(Path file, String what, long maxBytes) {
        try {
            if (!Files.exists(file)) throw new CommandException("no such " + what + " file: " + file);
            if (!Files.isRegularFile(file)) throw new CommandException("not a regular file: " + file + " (a " + what + " must be a file)");
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new CommandException(String.format("%s is too large for a %s: %s (at most %s, the guest's RAM)",
                        file, what, bytes(size), bytes(maxBytes)));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // no more than the size checked: a file that grows meanwhile cannot take the heap
                byte[] b = in.readNBytes((int) size);
                if (in.read() >= 0) throw new CommandException(file + " changed while it was read");
                return b;
            }
        } catch (IOException e) {
            throw new CommandException("cannot read " + what + " " + file + ": " + reason(e));
        }
    }

    /** An I/O error's reason as a user reads it ("no such directory", "permission denied"...). */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A size for a message: 3 GiB, 128 MiB, 4096 bytes. */
    static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) return (n >> 30) + " GiB";
        if (n >= 1L << 20 && n % (1L << 20) == 0) return (n >> 20) + " MiB";
        if (n >= 1L << 30) return String.format("%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format("%.1f MiB", n / (double) (1L << 20));
        return n + " bytes";
    }
}
