package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The common boot path of demo.elf under QEMU. */
class BootTest {

    @Test
    void defaultScenarioIsIdentityAndExitsWithThePassCode() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertEquals(java.util.List.of("scenario: identity", "paging: enabled (identity, 4 KiB pages)",
                "paging: first 16 MiB mapped from static tables", "selftest: ok", "done: all scenarios passed",
                "exit: pass (0x10)"), r.linesFrom("scenario: identity"), r::toString);
    }

    @Test
    void bootBringsUpDescriptorTablesInterruptControllerAndTimer() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "exit");
        assertEquals(java.util.List.of("i386mon demo kernel",
                "gdt: loaded (kernel code 0x08, user code 0x1b, tss 0x28)",
                "idt: loaded (32 exceptions, 16 irqs, int 0x80)",
                "pic: remapped to 0x20-0x2f",
                "pit: 100 Hz",
                "kbd: irq1, scancode set 1"), r.lines().subList(0, 6), r::toString);
    }

    @Test
    void physicalAllocatorReadsTheMemoryMapAndPassesItsSelfTest() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "exit");
        assertTrue(r.hasLine("multiboot: mmap base=0x0000000000100000 len=0x0000000007ee0000 type=1"), r::toString);
        assertTrue(r.find("pmm: \\d+ KiB usable, \\d+ KiB free after reserving kernel and multiboot data").isPresent(),
                r::toString);
        assertTrue(r.hasLine("pmm: selftest ok"), r::toString);
    }

    @Test
    void withoutExitTheKernelIdlesAfterPassing() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=identity", Duration.ofSeconds(5));
        assertTrue(r.timedOut(), r::toString);
        assertTrue(r.hasLine("done: all scenarios passed"), r::toString);
    }

    @Test
    void unknownScenarioIsReportedAndExitsWithTheFailCode() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=bogus exit");
        assertEquals(0x11, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("cmdline: unknown scenario 'bogus'"), r::toString);
    }

    @Test
    void higherHalfScenarioIsRefusedByTheIdentityLinkedImage() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=higher-half exit");
        assertEquals(0x11, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("scenario: higher-half needs demo-higher-half.elf"), r::toString);
    }
}
