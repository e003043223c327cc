package i386mon.shell.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns script text into logical lines: {@code #} outside a string or character literal starts a
 * comment, a {@code \} at the end of a line joins it with the next, blank lines are skipped.
 */
public final class ScriptReader {
    private ScriptReader() { }

    public static List<ScriptLine> read(String text) {
        List<ScriptLine> lines = new ArrayList<>();
        String[] physical = text.split("\r?\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = stripComment(physical[i]);
            String trimmed = line.stripTrailing();
            boolean continues = trimmed.endsWith("\\");
            if (continues) trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            } else {
                pending.append(' ');
                trimmed = trimmed.strip();
            }
            pending.append(trimmed);
            if (!continues) {
                if (!pending.toString().isBlank()) lines.add(new ScriptLine(start, pending.toString().strip()));
                pending = null;
            }
        }
        if (pending != null && !pending.toString().isBlank()) lines.add(new ScriptLine(start, pending.toString().strip()));
        return lines;
    }

    /** The line without its comment; quotes and character literals protect a {@code #}. */
    public static String stripComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + (line.startsWith("'\\", i) ? 3 : 2));
                if (end >= 0) i = end; // else: not a literal here; the command reports it
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
