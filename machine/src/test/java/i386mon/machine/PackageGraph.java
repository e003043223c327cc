package i386mon.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which packages use which, from compiled classes: an edge p -> q when a class of p refers to a
 * class of q. Only packages under one prefix count (the JDK and libraries cannot close a cycle).
 * A package cycle is a strongly connected set of two or more packages.
 */
public final class PackageGraph {
    /** package -> used package -> one example "Class -> UsedClass", for the message. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph() { }

    /** The graph of the compiled classes that {@code member} was loaded with (a module's target/classes). */
    public static PackageGraph ofClassesBeside(Class<?> member, String prefix) {
        Path classes;
        try {
            classes = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(classes)) throw new IllegalStateException("compiled classes expected in a directory: " + classes);
        return scan(classes, prefix);
    }

    /** The graph of the classes under directory {@code classes} whose package starts with {@code prefix}. */
    public static PackageGraph scan(Path classes, String prefix) {
        PackageGraph g = new PackageGraph();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                if (!inside(name, prefix)) continue;
                try (InputStream in = Files.newInputStream(file)) {
                    for (String used : ClassReferences.of(in)) if (inside(used, prefix)) g.add(name, used);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading classes under " + classes, e);
        }
        return g;
    }

    private static boolean inside(String className, String prefix) {
        return className.equals(prefix) || className.startsWith(prefix + ".");
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private void add(String from, String to) {
        String p = packageOf(from), q = packageOf(to);
        edges.computeIfAbsent(p, k -> new TreeMap<>());
        if (!p.equals(q)) edges.get(p).putIfAbsent(q, simple(from) + " -> " + simple(to));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The packages seen. */
    public Set<String> packages() {
        return edges.keySet();
    }

    /** Every package cycle (strongly connected set of two or more packages), in a stable order. */
    public List<Set<String>> cycles() {
        Map<String, Set<String>> reach = new HashMap<>();
        for (String p : edges.keySet()) reach.put(p, reachable(p));
        List<Set<String>> cycles = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (String p : edges.keySet()) {
            if (placed.contains(p)) continue;
            Set<String> component = new TreeSet<>();
            for (String q : reach.get(p)) if (reach.getOrDefault(q, Set.of()).contains(p)) component.add(q);
            component.add(p);
            placed.addAll(component);
            if (component.size() > 1) cycles.add(component);
        }
        return cycles;
    }

    /**
     * What is wrong against a list of cycles still being removed: each cycle not on the list, and
     * each listed cycle that no longer exists (so the list only shrinks and stays true). Empty
     * when all is well.
     */
    public List<String> problemsAllowing(Set<Set<String>> known) {
        List<String> problems = new ArrayList<>();
        List<Set<String>> cycles = cycles();
        for (Set<String> c : cycles) {
            if (!known.contains(c)) problems.add("package cycle " + describe(c));
        }
        for (Set<String> k : known) {
            if (!cycles.contains(k)) problems.add("listed as a known cycle but gone (remove it from the list): " + new TreeSet<>(k));
        }
        problems.sort(null);
        return problems;
    }

    private Set<String> reachable(String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String q : edges.getOrDefault(todo.pop(), Map.of()).keySet()) if (seen.add(q)) todo.push(q);
        }
        return seen;
    }

    /**
     * A cycle as one closed path through its first package and the class references that make
     * each step, e.g. "cpu -> mmu -> cpu (Cpu -> Mmu; Mmu -> CpuException)".
     */
    public String describe(Set<String> cycle) {
        String start = cycle.iterator().next();
        // breadth-first inside the cycle from start back to start: the shortest closed path
        Map<String, String> previous = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        String last = null;
        while (!todo.isEmpty() && last == null) {
            String p = todo.removeFirst();
            for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
                if (!cycle.contains(q)) continue;
                if (q.equals(start)) {
                    last = p;
                    break;
                }
                if (previous.putIfAbsent(q, p) == null) todo.addLast(q);
            }
        }
        List<String> path = new ArrayList<>(List.of(start));
        for (String p = last; p != null && !p.equals(start); p = previous.get(p)) path.add(1, p);
        path.add(start);
        List<String> steps = new ArrayList<>();
        for (int k = 0; k + 1 < path.size(); k++) steps.add(edges.get(path.get(k)).get(path.get(k + 1)));
        return String.join(" -> ", path) + " (" + String.join("; ", steps) + ")";
    }
}
