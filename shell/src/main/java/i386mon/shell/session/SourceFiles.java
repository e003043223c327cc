package i386mon.shell.session;

import i386mon.machine.debug.dwarf.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's source files as the host has them, read from where DWARF says they were compiled
 * (DW_AT_comp_dir joined with the file name) and kept for the session. A file that cannot be read
 * is remembered with its reason, so {@code list} reports it in one line.
 */
public final class SourceFiles {
    /** Larger files are not source a listing wants. */
    private static final long MAX_BYTES = 16 << 20;

    /** A file's lines, or why there are none. */
    public record Text(List<String> lines, String problem) { }

    private final Map<String, Text> cache = new HashMap<>();

    public Text read(SourceFile file) {
        return cache.computeIfAbsent(file.path(), SourceFiles::load);
    }

    /** Line {@code line} (from 1) of {@code file}, or null when it cannot be read or has no such line. */
    public String line(SourceFile file, int line) {
        Text t = read(file);
        return t.lines == null || line < 1 || line > t.lines.size() ? null : t.lines.get(line - 1);
    }

    private static Text load(String path) {
        Path p = Path.of(path);
        try {
            if (!Files.isRegularFile(p)) return new Text(null, path + ": " + (Files.exists(p) ? "not a regular file" : "no such file or directory"));
            if (Files.size(p) > MAX_BYTES) return new Text(null, path + ": larger than 16 MiB");
            return new Text(List.copyOf(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList()), null);
        } catch (IOException e) {
            return new Text(null, path + ": " + HostFiles.reason(e));
        }
    }
}
