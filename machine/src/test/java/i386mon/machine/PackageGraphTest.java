package i386mon.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package-cycle check on small class sets compiled here, so that it is seen to fail. */
class PackageGraphTest {
    @TempDir Path dir;

    /** Compiles {@code sources} (class name -> body) into dir/classes; returns that directory. */
    private Path compile(String... namesAndBodies) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")), out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        for (int k = 0; k < namesAndBodies.length; k += 2) {
            String name = namesAndBodies[k];
            int dot = name.lastIndexOf('.');
            Path file = src.resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package " + name.substring(0, dot) + ";\npublic class " + name.substring(dot + 1) + " {\n"
                    + namesAndBodies[k + 1] + "\n}\n");
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "javac failed");
        return out;
    }

    @Test
    void twoPackagesUsingEachOtherAreACycleNamedByTheirClasses() throws IOException {
        Path classes = compile("t.a.A", "t.b.B b;", "t.b.B", "void f() { new t.a.A(); }", "t.c.C", "t.a.A a;");
        PackageGraph g = PackageGraph.scan(classes, "t");
        assertEquals(List.of(Set.of("t.a", "t.b")), g.cycles());
        assertEquals(List.of("package cycle t.a -> t.b -> t.a (A -> B; B -> A)"), g.problemsAllowing(Set.of()));
    }

    @Test
    void aCycleThroughThreePackagesIsOneCycleWithItsPath() throws IOException {
        Path classes = compile("t.a.A", "t.b.B b;", "t.b.B", "t.c.C c;", "t.c.C", "t.a.A[] a;");
        assertEquals(List.of("package cycle t.a -> t.b -> t.c -> t.a (A -> B; B -> C; C -> A)"),
                PackageGraph.scan(classes, "t").problemsAllowing(Set.of()));
    }

    @Test
    void aListedCycleIsAllowed() throws IOException {
        Path classes = compile("t.a.A", "t.b.B b;", "t.b.B", "java.util.List<t.a.A> a;");
        assertEquals(List.of(), PackageGraph.scan(classes, "t").problemsAllowing(Set.of(Set.of("t.a", "t.b"))));
    }

    @Test
    void aListedCycleThatIsGoneIsReported() throws IOException {
        Path classes = compile("t.a.A", "t.b.B b;", "t.b.B", "");
        assertEquals(List.of("listed as a known cycle but gone (remove it from the list): [t.a, t.b]"),
                PackageGraph.scan(classes, "t").problemsAllowing(Set.of(Set.of("t.a", "t.b"))));
    }

    @Test
    void packagesOutsideThePrefixCloseNoCycle() throws IOException {
        Path classes = compile("t.a.A", "u.B b;", "u.B", "t.a.A a;");
        assertEquals(List.of(), PackageGraph.scan(classes, "t").cycles());
    }
}
