package i386mon.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the plain launch command lines (every option word spelled out, each value its own word)
 * without picocli. Building picocli's model of {@link LaunchOptions} - its annotations, their
 * proxy classes, its converters' set-up - took 100-150 ms of every start, a sixth of a SeaBIOS boot's
 * whole process (#15); reading this table takes a few. Anything else (help, version, a glued or
 * {@code =} value, a repeated single option, an unknown word, a value that starts with '-', a number
 * that is not plain digits) is left to picocli, which parses it and words its errors as before.
 * The table is generated from picocli's model ({@link ReferenceDocs}), and a test compares the two
 * parsers' results, so the options are defined in one place: the annotations.
 */
final class QuickLaunchParser {
    static final String TABLE = "launch-options.tsv";

    private record Entry(String kind, String type, String field, String defaultValue) { }

    private QuickLaunchParser() { }

    /** The options {@code args} give, or null when picocli must parse them. */
    static LaunchOptions parse(String[] args) {
        List<String> table = tableLines();
        if (table.isEmpty()) return null; // no table (a build without it): no defaults either, picocli parses
        Map<String, Entry> byName = new HashMap<>();
        Entry positional = null;
        List<Entry> entries = new ArrayList<>();
        for (String line : table) {
            String[] c = line.split("\t", -1);
            Entry e = new Entry(c[0], c[1], c[2], c.length > 4 ? c[4] : null);
            entries.add(e);
            if (e.kind.equals("positional")) positional = e;
            else for (String name : c[3].split(" ")) byName.put(name, e);
        }
        try {
            LaunchOptions opts = new LaunchOptions();
            Set<Entry> seen = new HashSet<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("-")) {
                    Entry e = byName.get(a);
                    if (e == null) return null;
                    boolean again = !seen.add(e);
                    switch (e.kind) {
                        case "flag":
                            if (again || !e.type.equals("boolean")) return null;
                            set(opts, e.field, true);
                            break;
                        case "value":
                        case "list":
                            if ((again && e.kind.equals("value")) || i + 1 >= args.length || args[i + 1].startsWith("-")) return null;
                            Object v = convert(e.type, args[++i]);
                            if (v == null) return null;
                            if (e.kind.equals("value")) set(opts, e.field, v);
                            else add(opts, e.field, v);
                            break;
                        default:
                            return null;
                    }
                } else {
                    if (positional == null || !seen.add(positional) || a.isEmpty()) return null;
                    Object v = convert(positional.type, a);
                    if (v == null) return null;
                    set(opts, positional.field, v);
                }
            }
            for (Entry e : entries) {
                if (e.defaultValue == null || seen.contains(e)) continue;
                if (e.defaultValue.contains("${")) return null;
                Object v = convert(e.type, e.defaultValue);
                if (v == null) return null;
                set(opts, e.field, v);
            }
            return opts;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null; // a table out of step with the code (a test catches it): picocli's parse is right
        }
    }

    /** The table's lines, none when it cannot be read. */
    private static List<String> tableLines() {
        InputStream in = QuickLaunchParser.class.getResourceAsStream(TABLE);
        if (in == null) return List.of();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isEmpty()).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** {@code text} as picocli's converter for {@code type} gives it, or null where we leave it to picocli. */
    private static Object convert(String type, String text) {
        switch (type) {
            case "java.lang.String":
                return text;
            case "java.nio.file.Path":
                try {
                    return Path.of(text);
                } catch (InvalidPathException e) {
                    return null;
                }
            case "long":
            case "java.lang.Long":
                return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : null;
            default:
                return null;
        }
    }

    private static void set(LaunchOptions opts, String path, Object value) throws ReflectiveOperationException {
        Target t = target(opts, path);
        t.field.set(t.owner, value);
    }

    @SuppressWarnings("unchecked")
    private static void add(LaunchOptions opts, String path, Object value) throws ReflectiveOperationException {
        Target t = target(opts, path);
        ((List<Object>) t.field.get(t.owner)).add(value);
    }

    /** A field of the options: {@code memory} of LaunchOptions, {@code qemu.log} of its mixin. */
    private record Target(Object owner, Field field) { }

    private static Target target(LaunchOptions opts, String path) throws ReflectiveOperationException {
        int dot = path.indexOf('.');
        if (dot < 0) return new Target(opts, LaunchOptions.class.getDeclaredField(path));
        Object mixin = LaunchOptions.class.getDeclaredField(path.substring(0, dot)).get(opts);
        return new Target(mixin, mixin.getClass().getDeclaredField(path.substring(dot + 1)));
    }
}
