package i386mon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke form as CI runs it: every workload in i386mon (in this JVM and as a whole
 * process) and, when installed, in QEMU, with the same results. Not a timed test.
 */
class BenchmarkTest {
    private static final BenchKernel KERNEL = BenchKernel.load();

    @Test
    void smokeFormGivesTheSameChecksumsInEveryRun() {
        Path qemu = Side.findQemu();
        if (qemu == null) System.out.println("qemu-system-i386 not installed: the smoke form's QEMU side is skipped");
        Smoke.Result r = Smoke.run(KERNEL, Side.javaMain(), qemu == null ? null : Side.qemu(qemu), Progress.silent());
        assertTrue(r.report().passed());
        assertEquals(Workload.ALL.size() + 1, r.report().lines().stream().filter(l -> l.contains("checksum=")).count(), r.report().lines().toString());
        if (!FirmwareBoot.firmwarePresent()) {
            System.out.println("SeaBIOS not installed: the smoke form's firmware boots are skipped");
            return;
        }
        // SeaBIOS to the boot sector from each medium, the same lines in QEMU (checked inside), and a count of its instructions
        assertEquals(List.of("disk", "floppy"), r.boot().stream().map(FirmwareBoot.Check::medium).toList());
        assertEquals("bootsector: real mode at 0000:7c00, boot drive 80", r.boot().get(0).serial().get(0));
        assertEquals("bootsector: real mode at 0000:7c00, boot drive 00", r.boot().get(1).serial().get(0));
        for (FirmwareBoot.Check c : r.boot()) assertTrue(c.instructions() > 1_000_000, c.medium() + ": " + c.instructions() + " instructions");
    }

    @Test
    void bootImagesCarryTheBootSectorAtTheSizeOfTheirMedium() throws java.io.IOException {
        BootImages images = BootImages.load();
        for (BootImages.Medium m : BootImages.MEDIA) {
            byte[] b = java.nio.file.Files.readAllBytes(images.file(m));
            assertEquals(m.bytes(), b.length, m.name());
            assertEquals(0x55, b[510] & 0xff, m.name());
            assertEquals(0xaa, b[511] & 0xff, m.name());
            assertEquals(0, b[512], m.name());
        }
        assertEquals(List.of("-drive", "file=" + images.file(BootImages.MEDIA.get(1)) + ",format=raw,if=floppy", "-snapshot"),
                images.driveOptions(BootImages.MEDIA.get(1)));
    }

    @Test
    void bootSectorLinesAreTakenFromAMonitorsOutput() {
        String stdout = "bootsector: real mode at 0000:7c00, boot drive 80\r\nnote: I/O port 0x378 was used\n"
                + "bootsector: done\r\nStopped: guest exit\n{\"cpus\":[]}\n";
        assertEquals(List.of("bootsector: real mode at 0000:7c00, boot drive 80", "bootsector: done"), FirmwareBoot.serialLines(stdout));
    }

    @Test
    void registerLoopRetiresTenInstructionsAnIteration() {
        long diff = InJvmRun.run(KERNEL, "workload=alu iters=50000").retired() - InJvmRun.run(KERNEL, "workload=alu iters=10000").retired();
        // the loop retires 10 per iteration; printing the checksum costs a few more or less with its value
        assertEquals(10, Math.round(diff / 40_000.0), "instructions for 40000 more iterations: " + diff);
    }

    @Test
    void loadStoreLoopRetiresTenInstructionsAnIterationWithAnyPaging() {
        for (String name : List.of("mem-flat", "mem-4k", "mem-4m")) {
            long diff = InJvmRun.run(KERNEL, "workload=" + name + " iters=3000").retired()
                    - InJvmRun.run(KERNEL, "workload=" + name + " iters=1000").retired();
            // the loop retires 10 per iteration; printing the numbers costs a few more or less with their values
            assertEquals(10, Math.round(diff / 2000.0), name + ": instructions for 2000 more iterations: " + diff);
        }
    }

    @Test
    void loopCountPrintedIsTheOneTheLoopCounted() {
        GuestReport r = InJvmRun.run(KERNEL, "workload=call,rep iters=37").report();
        assertTrue(r.lines().get(0).startsWith("bench: call iters=37 loops=37 "), r.lines().toString());
        assertTrue(r.lines().get(1).startsWith("bench: rep iters=37 loops=37 "), r.lines().toString());
    }

    @Test
    void differentPagingGivesTheSameLoadStoreChecksum() {
        List<String> lines = InJvmRun.run(KERNEL, "workload=mem-4k,mem-flat,mem-4m iters=500").report().lines();
        assertEquals(lines.get(0).replace("mem-4k", ""), lines.get(1).replace("mem-flat", ""));
        assertEquals(lines.get(0).replace("mem-4k", ""), lines.get(2).replace("mem-4m", ""));
    }

    @Test
    void childCpuTimeIsTheChildrenLineOfBashTimes() {
        assertEquals(1_295_000_000L, ChildRun.childCpuNanos("0m0.004s 0m0.001s\n0m1.234s 0m0.061s\n"));
    }

    @Test
    void childRunReportsStatusAndOutput() {
        ChildRun r = ChildRun.run(List.of("sh", "-c", "echo hi; exit 3"), 30);
        assertEquals(3, r.exitStatus());
        assertEquals("hi\n", r.stdout());
        assertTrue(r.cpuNanos() >= 0 && r.wallNanos() > 0);
    }

    @Test
    void rangeLeavesOutNaNAndTakesTheMiddlePairsMean() {
        Range r = Range.of(new double[] {4, Double.NaN, 1, 3, 2});
        assertEquals(2.5, r.median());
        assertEquals(1, r.min());
        assertEquals(4, r.max());
        assertEquals("2.50 [1.00-4.00]", r.text("%.2f"));
    }

    @Test
    void unknownOptionIsRejectedWithTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Benchmark.Options.parse(new String[] {"--fast"}));
        assertTrue(e.getMessage().startsWith("unknown option --fast\n" + Benchmark.USAGE), e.getMessage());
    }

    @Test
    void onlySelectsWorkloadsByName() {
        Benchmark.Options o = Benchmark.Options.parse(new String[] {"--quick", "--only", "alu,mix"});
        assertEquals(List.of("alu", "mix"), o.workloads().stream().map(Workload::name).toList());
        assertEquals(3, o.rounds());
        assertEquals(100, o.scale());
    }

    @Test
    void bootAloneTakesRoundsButNoSizes() {
        Benchmark.Options o = Benchmark.Options.parse(new String[] {"--boot", "--rounds", "7"});
        assertTrue(o.bootOnly());
        assertEquals(7, o.rounds());
        assertThrows(IllegalArgumentException.class, () -> Benchmark.Options.parse(new String[] {"--boot", "--quick"}));
    }

    @Test
    void scaleDividesTheFullSizes() {
        Benchmark.Options o = Benchmark.Options.parse(new String[] {"--scale", "4"});
        assertEquals(100_000_000L, Workload.ALL.get(0).iters(o.scale()));
        assertEquals(5, o.rounds());
    }

    @Test
    void aGuestThatDidNotPassIsAnError() {
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> InJvmRun.run(KERNEL, "workload=nope"));
        assertTrue(e.getMessage().contains("panic: unknown workload"), e.getMessage());
    }
}
