package i386mon.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No package of the machine uses, directly or through others, a package that uses it (issue 12). */
class PackageCyclesTest {
    /**
     * Cycles allowed while they are being removed. It must only shrink, and the test fails on a
     * listed cycle that is gone as well as on a new one. An entry is the whole set of packages
     * that reach each other, e.g. {@code Set.of("i386mon.machine.cpu", "i386mon.machine.mmu")}.
     * Empty since the merge of issue 12's steps (mmu <-> cpu through CpuException, debug <-> the
     * machine through FaultExplainer are gone).
     */
    static final Set<Set<String>> KNOWN_CYCLES = Set.of();

    @Test
    void machinePackagesFormNoCycleButTheKnownOnes() {
        List<String> problems = PackageGraph.ofClassesBeside(Machine.class, "i386mon.machine").problemsAllowing(KNOWN_CYCLES);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void scanSeesEveryMachinePackage() {
        Set<String> packages = PackageGraph.ofClassesBeside(Machine.class, "i386mon.machine").packages();
        for (String p : List.of("i386mon.machine", "i386mon.machine.cpu", "i386mon.machine.mmu", "i386mon.machine.debug"))
            assertTrue(packages.contains(p), p + " in " + packages);
    }
}
