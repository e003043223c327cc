package i386mon.shell.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small strict JSON reader for tests: objects, arrays, strings, integers, true, false, null. */
final class JsonParser {
    private final String s;
    private int p;

    private JsonParser(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        JsonParser j = new JsonParser(text.strip());
        Object v = j.value();
        if (j.p != j.s.length()) throw new IllegalArgumentException("trailing text at " + j.p + ": " + text);
        return v;
    }

    private Object value() {
        char c = s.charAt(p);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            p++;
            if (s.charAt(p) == '}') { p++; return m; }
            while (true) {
                String k = (String) value();
                expect(':');
                m.put(k, value());
                if (s.charAt(p) == '}') { p++; return m; }
                expect(',');
            }
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            p++;
            if (s.charAt(p) == ']') { p++; return l; }
            while (true) {
                l.add(value());
                if (s.charAt(p) == ']') { p++; return l; }
                expect(',');
            }
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            p++;
            while (s.charAt(p) != '"') {
                char d = s.charAt(p++);
                if (d == '\\') {
                    char e = s.charAt(p++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 'r': b.append('\r'); break;
                        case 't': b.append('\t'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(d);
                }
            }
            p++;
            return b.toString();
        }
        if (s.startsWith("true", p)) { p += 4; return true; }
        if (s.startsWith("false", p)) { p += 5; return false; }
        if (s.startsWith("null", p)) { p += 4; return null; }
        int start = p;
        if (s.charAt(p) == '-') p++;
        while (p < s.length() && Character.isDigit(s.charAt(p))) p++;
        if (start == p) throw new IllegalArgumentException("unexpected '" + c + "' at " + p);
        return Long.parseLong(s.substring(start, p));
    }

    private void expect(char c) {
        if (s.charAt(p) != c) throw new IllegalArgumentException("'" + c + "' expected at " + p + " in " + s);
        p++;
    }
}
