package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.PackageGraph;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No package of the shell uses, directly or through others, a package that uses it (issue 12). */
class ShellPackageCyclesTest {
    /** As in the machine's PackageCyclesTest: shrink only; empty since guest and session stopped using each other. */
    static final Set<Set<String>> KNOWN_CYCLES = Set.of();

    @Test
    void shellPackagesFormNoCycleButTheKnownOnes() {
        List<String> problems = PackageGraph.ofClassesBeside(Main.class, "i386mon.shell").problemsAllowing(KNOWN_CYCLES);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }
}
