package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The paging scenarios of demo.elf under QEMU. */
class PagingScenarioTest {

    private static QemuRunner.Result run(String scenarios) {
        return QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=" + scenarios + " exit");
    }

    @Test
    void identity4mMapsWithPsePagesAndPassesTheSelfTest() {
        QemuRunner.Result r = run("identity-4m");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertEquals(List.of("scenario: identity-4m", "paging: enabled (identity, 4 MiB pages)",
                "paging: first 16 MiB mapped by 4 directory entries with PS=1", "selftest: ok"),
                r.linesFrom("scenario: identity-4m").subList(0, 4), r::toString);
    }

    @Test
    void identity4mOnACpuWithoutPseFailsWithAReason() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=identity-4m exit",
                java.time.Duration.ofSeconds(60), "-cpu", "qemu32,-pse");
        assertEquals(0x11, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("paging: CPU lacks PSE (no CPUID, or CPUID.1:EDX bit 3 clear)"), r::toString);
    }

    @Test
    void identityAllTranslatesKnownAddressesInC() {
        QemuRunner.Result r = run("identity-all");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("paging: all 4 GiB mapped by 1024 tables from the allocator"), r::toString);
        for (String a : List.of("0x00000000", "0x000b8000", "0x00100000", "0x00fff123", "0x7ffffffc", "0xc0000000",
                "0xfee00020", "0xffffffff")) {
            assertTrue(r.hasLine("translate: " + a + " -> " + a + " ok"), a + "\n" + r);
        }
        assertTrue(r.hasLine("translate: 0xe0000123 -> allocated frame + 0x123 ok"), r::toString);
        assertTrue(r.hasLine("translate: 0xe0000000 unmapped -> no translation, read faults ok"), r::toString);
        assertTrue(r.hasLine("selftest: ok"), r::toString);
    }

    @Test
    void userTasksRunInRing3AndATaskTouchingTheOthersPageFaults() {
        QemuRunner.Result r = run("user");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        List<String> from = r.linesFrom("user: task 1 at 0x40000000, task 2 at 0x40400000, each with its own page directory");
        assertEquals(List.of("user: task 1 at 0x40000000, task 2 at 0x40400000, each with its own page directory",
                "user[1] cpl=3: hello from ring 3",
                "user[2] cpl=3: hello from ring 3",
                "user[1] cpl=3: goodbye",
                "user: task 1 exited with code 0"), from.subList(0, 5), r::toString);
        assertTrue(from.get(5).matches(
                "pf: cr2=0x40000000 eip=0x404[0-9a-f]{5} err=0x4 \\(not-present, read, user\\)"), r::toString);
        assertEquals("user: task 2 killed by #PF page fault", from.get(6), r::toString);
    }

    @Test
    void staleTlbReadsTheOldFrameUntilInvlpg() {
        QemuRunner.Result r = run("stale-tlb");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        Matcher m = r.find("stale-tlb: before=(0x[0-9a-f]{8}) after=(0x[0-9a-f]{8})").orElseThrow(
                () -> new AssertionError(r));
        // Only "after" is architectural (SDM 4.10.4); "before" may come from the TLB or the new entry.
        assertEquals("0x22222222", m.group(2));
        assertTrue(m.group(1).equals("0x11111111") || m.group(1).equals("0x22222222"), r::toString);
    }

    @Test
    void adBitsShowWhichPagesWereReadAndWritten() {
        QemuRunner.Result r = run("ad-bits");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertEquals(List.of("ad-bits: untouched page A=0 D=0", "ad-bits: read page A=1 D=0",
                "ad-bits: written page A=1 D=1", "ad-bits: directory entry A=1"),
                r.linesFrom("ad-bits: untouched page A=0 D=0").subList(0, 4), r::toString);
    }

    @Test
    void scenariosCombineInOrderOnOneDirectory() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT,
                "scenario=identity-4m,stale-tlb scenario=ad-bits,user exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        List<String> started = r.lines().stream().filter(l -> l.startsWith("scenario: ")).toList();
        assertEquals(List.of("scenario: identity-4m", "scenario: stale-tlb", "scenario: ad-bits", "scenario: user"),
                started, r::toString);
    }
}
