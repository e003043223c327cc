package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The differential suite: every scenario boots under qemu-system-i386 -kernel and in i386mon's
 * machine, and the kernel must print the same lines and exit with the same status on both.
 */
class DifferentialTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "demo.elf | scenario=identity exit",
        "demo.elf | scenario=identity-4m exit",
        "demo.elf | scenario=identity-all exit",
        "demo.elf | scenario=user exit",
        "demo.elf | scenario=fault=0xd0000000 exit",
        "demo.elf | scenario=fault=0xd0000000,write exit",
        "demo.elf | scenario=fault=0x00400000,write,user exit",
        "demo.elf | scenario=ad-bits exit",
        "demo.elf | scenario=identity,ad-bits,user exit",
        "demo.elf | scenario=bench-alu iters=20000 exit",
        "demo.elf | scenario=bench-mem iters=20000 exit",
        "demo.elf | scenario=bench-mix iters=2 exit",
        "demo-higher-half.elf | scenario=higher-half exit",
    })
    void kernelPrintsTheSameUnderQemuAndI386mon(String image, String append) {
        QemuRunner.Result qemu = QemuRunner.bootBundled(image, append);
        QemuRunner.Result ours = MachineRunner.bootBundled(image, append);
        assertFalse(qemu.timedOut(), "QEMU run timed out:\n" + qemu.serial());
        assertFalse(ours.timedOut(), "i386mon run did not exit:\n" + ours.serial());
        assertEquals(String.join("\n", qemu.lines()), String.join("\n", ours.lines()));
        assertEquals(qemu.exitStatus(), ours.exitStatus());
    }

    /** stale-tlb: only what the architecture defines is compared (the read after INVLPG). */
    @org.junit.jupiter.api.Test
    void staleTlbAgreesOnTheArchitecturallyDefinedRead() {
        String append = "scenario=stale-tlb exit";
        QemuRunner.Result qemu = QemuRunner.bootBundled("demo.elf", append);
        QemuRunner.Result ours = MachineRunner.bootBundled("demo.elf", append);
        assertEquals(definedLines(qemu.lines()), definedLines(ours.lines()));
        assertEquals(qemu.exitStatus(), ours.exitStatus());
    }

    private static List<String> definedLines(List<String> lines) {
        return lines.stream()
                .map(l -> l.startsWith("stale-tlb: before=") ? l.replaceFirst("before=0x[0-9a-f]+ ", "") : l)
                .filter(l -> !l.startsWith("stale-tlb: stale translation"))
                .collect(Collectors.toList());
    }
}
