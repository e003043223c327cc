package i386mon.machine.board;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a view shows now: lines of plain text as the monitor prints them (QEMU's text where QEMU
 * has the command), each with the values it shows by name, for machine-readable output, and
 * optionally the same text in coloured runs for a colour terminal.
 */
public final class Report {
    private final List<Line> lines = new ArrayList<>();

    /** Appends a line and returns it, to add its fields. */
    public Line line(String text) {
        Line l = new Line(text);
        lines.add(l);
        return l;
    }

    public List<Line> lines() { return Collections.unmodifiableList(lines); }

    /** A run of text in one colour pair. */
    public record Span(String text, TextColour foreground, TextColour background) { }

    /** One line: its text, its named values (insertion order) and its coloured runs, if any. */
    public static final class Line {
        private final String text;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<Span> spans = new ArrayList<>();

        private Line(String text) { this.text = text; }

        /** Adds a named value: a String, Integer, Long, Boolean or a List of those. */
        public Line field(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        /** Adds a coloured run; the runs together may be longer than {@link #text()} (e.g. trailing blanks). */
        public Line span(String runText, TextColour foreground, TextColour background) {
            spans.add(new Span(runText, foreground, background));
            return this;
        }

        public String text() { return text; }

        public Map<String, Object> fields() { return Collections.unmodifiableMap(fields); }

        /** Empty when the line has no colours. */
        public List<Span> spans() { return Collections.unmodifiableList(spans); }
    }
}
