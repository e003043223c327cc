package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** demo-higher-half.elf under QEMU. */
class HigherHalfTest {

    @Test
    void bootDirectoryJumpsHighThenDropsTheLowMapping() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.HIGHER_HALF, "exit");
        assertEquals(List.of("i386mon demo kernel (higher half)", "paging: enabled (higher-half, 4 KiB pages)",
                "paging: low mapping removed"), r.lines().subList(0, 3), r::toString);
    }

    @Test
    void defaultScenarioProvesTheKernelRunsHighAndLowAddressesFault() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.HIGHER_HALF, "exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertEquals(List.of("scenario: higher-half",
                "higher-half: kernel linked at 0xc0100000, loaded at 0x00100000, running high",
                "higher-half: translate 0xc0100000 -> 0x00100000 ok",
                "higher-half: reading 0x00100000 faults, err=0x0 (not-present)",
                "higher-half: 0x00100000 has no mapping (read faults)",
                "higher-half: multiboot header visible at 0xc0100000 ok",
                "selftest: ok"), r.linesFrom("scenario: higher-half").subList(0, 7), r::toString);
    }

    @Test
    void userTasksWorkUnderTheHigherHalfKernel() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.HIGHER_HALF, "scenario=user exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("user: all tasks ended (task 1 exited, task 2 killed touching task 1's page) ok"),
                r::toString);
    }

    @Test
    void identityScenariosAreRefusedByTheHigherHalfImage() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.HIGHER_HALF, "scenario=identity exit");
        assertEquals(0x11, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("scenario: identity needs demo.elf (this kernel lives in the higher half)"), r::toString);
    }
}
