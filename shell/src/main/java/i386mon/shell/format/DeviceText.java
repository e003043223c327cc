package i386mon.shell.format;

import i386mon.machine.board.Report;
import i386mon.machine.board.TextColour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text and JSON of any device view: the report's lines, in colour where the report has colours and the terminal shows them. */
public final class DeviceText {
    private DeviceText() { }

    /** One string per line; with {@code colour}, lines that have coloured runs as ANSI SGR colours, reset at the end. */
    public static List<String> lines(Report report, boolean colour) {
        List<String> out = new ArrayList<>();
        for (Report.Line line : report.lines()) {
            if (!colour || line.spans().isEmpty()) {
                out.add(line.text());
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (Report.Span s : line.spans()) {
                b.append(String.format("\u001b[%d;%dm", (s.foreground().bright() ? 90 : 30) + ansi(s.foreground()),
                        (s.background().bright() ? 100 : 40) + ansi(s.background())));
                b.append(s.text());
            }
            out.add(b.append("\u001b[0m").toString());
        }
        return out;
    }

    /** {@code {"view": TOPIC, "lines": [{"text": ..., FIELD: VALUE, ...}, ...]}}. */
    public static Map<String, Object> json(String topic, Report report) {
        List<Object> lines = new ArrayList<>();
        for (Report.Line line : report.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", line.text());
            m.putAll(line.fields());
            lines.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("view", topic);
        doc.put("lines", lines);
        return doc;
    }

    /** ANSI's colour number (0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white) of the colour's base. */
    private static int ansi(TextColour c) {
        switch (c.base()) {
            case BLACK: return 0;
            case RED: return 1;
            case GREEN: return 2;
            case BROWN: return 3;
            case BLUE: return 4;
            case MAGENTA: return 5;
            case CYAN: return 6;
            default: return 7; // LIGHT_GREY
        }
    }
}
