package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one command line into words: spaces separate, double quotes group (with {@code \"} and
 * {@code \\} inside), single-quoted character literals stay whole with their quotes, and QEMU's
 * {@code x/4x} form becomes the two words {@code x} and {@code /4x}.
 */
public final class LineSplitter {
    /** Commands that take QEMU's {@code /FMT} suffix. */
    static final Set<String> FORMATTED = Set.of("x", "xp", "print", "p", "i", "o", "display", "set", "setp");

    private LineSplitter() { }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '"') {
                inWord = true;
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i++);
                    if (d == '\\' && i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\\')) {
                        cur.append(line.charAt(i++));
                    } else if (d == '"') {
                        closed = true;
                        break;
                    } else {
                        cur.append(d);
                    }
                }
                if (!closed) throw new CommandException("unterminated string: missing closing \"");
            } else if (c == '\'') {
                inWord = true;
                int end = line.indexOf('\'', i + (line.startsWith("'\\", i) ? 3 : 2));
                if (end < 0) throw new CommandException("unterminated character literal: missing closing '");
                cur.append(line, i, end + 1);
                i = end + 1;
            } else {
                inWord = true;
                cur.append(c);
                i++;
            }
        }
        if (inWord) words.add(cur.toString());
        if (!words.isEmpty()) {
            String first = words.get(0);
            int slash = first.indexOf('/');
            if (slash > 0 && FORMATTED.contains(first.substring(0, slash))) {
                words.set(0, first.substring(0, slash));
                words.add(1, first.substring(slash));
            }
        }
        return words;
    }
}
