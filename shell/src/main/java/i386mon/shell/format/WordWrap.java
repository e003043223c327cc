package i386mon.shell.format;

/**
 * Wraps text to a width at spaces only: a word is never split (one longer than the line gets a
 * line of its own), continuation lines hang at a given indent (#18: help split words at 80 columns).
 */
public final class WordWrap {
    /** The width when the terminal's is unknown: batch runs, scripts, pipes. */
    public static final int DEFAULT_WIDTH = 80;

    private WordWrap() { }

    /** {@code width} when it is a usable terminal width, else {@link #DEFAULT_WIDTH}. */
    public static int widthOr80(int width) {
        return width > 0 ? width : DEFAULT_WIDTH;
    }

    /**
     * Each line of {@code text} wrapped to {@code width}, its continuations indented as {@link #hangingIndent}
     * finds; the result ends with a newline when {@code text} does.
     */
    public static String text(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        int column = -1; // the second column of the last two-column row, for a row whose first field fills its column
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            int indent = hangingIndent(line, width);
            if (indent > leadingSpaces(line)) {
                column = indent;
            } else if (column > 0 && leadingSpaces(line) > 0 && column < line.length()
                    && line.charAt(column - 1) == ' ' && line.charAt(column) != ' ' && column * 2 <= width) {
                indent = column;
            }
            out.append(line(line, width, indent));
            if (nl >= 0) out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }

    /**
     * Where a line's continuations start: under the second column of a two-column row (a run of
     * two or more spaces after its first field, as in "  --max=N   Stop after ..."), else under its
     * first word; at most half the width, so that a narrow terminal still has room for words.
     */
    static int hangingIndent(String line, int width) {
        int leading = leadingSpaces(line);
        int indent = leading;
        int gap = line.indexOf("  ", leading);
        if (gap > leading) {
            int second = gap;
            while (second < line.length() && line.charAt(second) == ' ') second++;
            if (second < line.length()) indent = second;
        }
        if (indent * 2 > width) indent = leading * 2 > width ? 0 : leading;
        return indent;
    }

    /** One line wrapped to {@code width} at spaces, continuation lines starting with {@code indent} spaces (at most half the width). */
    public static String line(String line, int width, int indent) {
        if (line.length() <= width) return line;
        indent = Math.min(indent, width / 2);
        StringBuilder out = new StringBuilder(line.length() + 16);
        int column = 0;
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') i++;
        out.append(line, 0, i);
        column = i;
        boolean lineHasWord = false;
        while (i < n) {
            int gapStart = i;
            while (i < n && line.charAt(i) == ' ') i++;
            int wordStart = i;
            while (i < n && line.charAt(i) != ' ') i++;
            if (wordStart == i) break; // trailing spaces
            int gap = wordStart - gapStart;
            int word = i - wordStart;
            if (lineHasWord && column + gap + word > width) {
                out.append('\n');
                for (int k = 0; k < indent; k++) out.append(' ');
                column = indent;
                gap = 0;
            }
            for (int k = 0; k < gap; k++) out.append(' ');
            out.append(line, wordStart, i);
            column += gap + word;
            lineHasWord = true;
        }
        return out.toString();
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return n;
    }
}
