package i386mon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pass/fail lines of the #19 targets, judged on a run's figures. */
class TargetsTest {
    private static Range one(double v) {
        return Range.of(new double[] {v});
    }

    private static Results results(double aluCpuRatio, double smallMs, double largeMs, double touchedMiB) {
        List<WholeProcessRounds.Row> rows = new ArrayList<>();
        Workload alu = Workload.ALL.get(0);
        rows.add(new WholeProcessRounds.Row(alu, 1, 10, one(1), one(1), one(9), one(1), one(1), one(aluCpuRatio)));
        WholeProcessRounds.Startup s = new WholeProcessRounds.Startup(one(1), one(1), one(1), one(1));
        List<StartupProbe.Figure> startup = List.of(
                new StartupProbe.Figure("128M", one(smallMs), one(1), one(90), one(95)),
                new StartupProbe.Figure("3G", one(largeMs), one(1), one(100), one(touchedMiB)));
        return new Results("test", new WholeProcessRounds.Result(rows, s, 1), List.of(), alu, 1, List.of(), List.of(), startup, List.of());
    }

    private static Targets.Verdict verdict(Results r, String startsWith) {
        return Targets.judge(r).stream().filter(v -> v.target().startsWith(startsWith)).findFirst().orElseThrow();
    }

    @Test
    void workloadRatioIsJudgedByCpuTimeNotWall() {
        assertEquals("FAIL", verdict(results(0.9, 400, 450, 120), "alu").mark()); // its wall ratio is 9
        assertEquals("PASS", verdict(results(1.0, 400, 450, 120), "alu").mark());
    }

    @Test
    void workloadNotRunIsNotMeasuredRatherThanMet() {
        Targets.Verdict v = verdict(results(1.2, 400, 450, 120), "mix");
        assertNull(v.met());
        assertEquals("not measured", v.mark());
    }

    @Test
    void startUpTargetsTakeTheMediansAtBothSizes() {
        Results r = results(1, 480, 700, 120);
        assertEquals("PASS", verdict(r, "start-up to the prompt").mark());
        assertEquals("FAIL", verdict(r, "-m 3G start-up").mark()); // 220 ms more
        assertEquals("PASS", verdict(results(1, 480, 680, 120), "-m 3G start-up").mark());
    }

    @Test
    void residentTargetIsThePeakAfterTheTouch() {
        assertEquals("PASS", verdict(results(1, 400, 400, 299), "-m 3G guest").mark());
        assertEquals("FAIL", verdict(results(1, 400, 400, 300), "-m 3G guest").mark());
    }

    @Test
    void bootTargetIsTheMedianWallTimeOfEachMedium() {
        Results base = results(1, 400, 450, 120);
        Results r = new Results("test", base.whole(), List.of(), base.aidsWorkload(), 1, List.of(), List.of(), base.startup(),
                List.of(new FirmwareBoot.Figure("disk", 6_443_047, Range.of(new double[] {650, 900, 700}), one(2000), one(200), one(300))));
        assertEquals("PASS", verdict(r, "SeaBIOS to the boot sector, disk").mark()); // median 700, though one run took 900 ms
        assertEquals("not measured", verdict(r, "SeaBIOS to the boot sector, floppy").mark());
        Results slow = new Results("test", base.whole(), List.of(), base.aidsWorkload(), 1, List.of(), List.of(), base.startup(),
                List.of(new FirmwareBoot.Figure("floppy", 8_327_042, one(801), one(900), one(200), one(300))));
        assertEquals("FAIL", verdict(slow, "SeaBIOS to the boot sector, floppy").mark());
    }

    @Test
    void everyFormOfTheReportEndsWithTheTargets() {
        Results r = results(1.2, 400, 450, 120);
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream(), md = new java.io.ByteArrayOutputStream(),
                json = new java.io.ByteArrayOutputStream();
        Report.text(r, new java.io.PrintStream(text, true));
        Report.markdown(r, new java.io.PrintStream(md, true));
        Report.json(r, new java.io.PrintStream(json, true));
        org.junit.jupiter.api.Assertions.assertTrue(text.toString().contains("  PASS          alu >= 1.0x QEMU (CPU time)"), text.toString());
        org.junit.jupiter.api.Assertions.assertTrue(md.toString().contains("| -m 3G start-up within 200 ms of -m 128M | +50 ms (450 vs 400) | PASS |"),
                md.toString());
        org.junit.jupiter.api.Assertions.assertTrue(json.toString().contains("\"target\":\"mix >= 0.4x QEMU (CPU time)\",\"measured\":\"-\",\"met\":null"),
                json.toString());
    }

    @Test
    void markdownAndJsonAreExclusive() {
        assertEquals(true, Benchmark.Options.parse(new String[] {"--markdown"}).markdown());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Benchmark.Options.parse(new String[] {"--markdown", "--json"}));
    }
}
