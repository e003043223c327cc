package i386mon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * i386mon and QEMU as whole processes, alternately, several rounds. Each round first runs the empty
 * kernel on both sides (their start-up), then each workload on both sides, the side going first
 * alternating between rounds. A side's rate in a round is the workload's exact instruction count
 * (i386mon's counter, the empty run's subtracted) over its time minus that round's start-up of the
 * same side; the ratio i386mon / QEMU is taken within the round, by wall and by CPU time.
 */
final class WholeProcessRounds {
    /** Per workload: instructions, each side's MIPS and the ratio, by wall and by CPU time. */
    record Row(Workload workload, long iters, long instructions, Range oursWall, Range qemuWall, Range ratioWall,
               Range oursCpu, Range qemuCpu, Range ratioCpu) { }

    /** Start-up of each side: the empty kernel's whole-process wall and CPU milliseconds. */
    record Startup(Range oursWallMs, Range oursCpuMs, Range qemuWallMs, Range qemuCpuMs) { }

    record Result(List<Row> rows, Startup startup, int rounds) { }

    /** What one workload needs: its iteration count, exact instruction count and expected output. */
    record Subject(Workload workload, long iters, long instructions, GuestReport expected) { }

    private static final long TIMEOUT_SECONDS = 1800;

    private final Side ours, qemu;
    private final BenchKernel kernel;
    private final Progress progress;

    WholeProcessRounds(Side ours, Side qemu, BenchKernel kernel, Progress progress) {
        this.ours = ours;
        this.qemu = qemu;
        this.kernel = kernel;
        this.progress = progress;
    }

    Result measure(Subject empty, List<Subject> subjects, int rounds) {
        int n = subjects.size();
        double[][] ow = new double[n][rounds], qw = new double[n][rounds], rw = new double[n][rounds];
        double[][] oc = new double[n][rounds], qc = new double[n][rounds], rc = new double[n][rounds];
        double[] sow = new double[rounds], soc = new double[rounds], sqw = new double[rounds], sqc = new double[rounds];
        // One start of each side that counts for nothing: the launcher may write its class-data
        // archive first, and the files come into the page cache.
        progress.note("warm-up start of each side");
        both(empty, true);
        for (int r = 0; r < rounds; r++) {
            boolean oursFirst = r % 2 == 0;
            progress.note("round " + (r + 1) + "/" + rounds + ": start-up");
            ChildRun[] base = both(empty, oursFirst);
            sow[r] = base[0].wallNanos() / 1e6;
            soc[r] = base[0].cpuNanos() / 1e6;
            if (base[1] != null) {
                sqw[r] = base[1].wallNanos() / 1e6;
                sqc[r] = base[1].cpuNanos() / 1e6;
            } else {
                sqw[r] = sqc[r] = Double.NaN;
            }
            for (int k = 0; k < n; k++) {
                Subject s = subjects.get(k);
                progress.note("round " + (r + 1) + "/" + rounds + ": " + s.workload().name());
                ChildRun[] run = both(s, oursFirst);
                ow[k][r] = mips(s.instructions(), run[0].wallNanos() - base[0].wallNanos());
                oc[k][r] = mips(s.instructions(), run[0].cpuNanos() - base[0].cpuNanos());
                qw[k][r] = run[1] == null ? Double.NaN : mips(s.instructions(), run[1].wallNanos() - base[1].wallNanos());
                qc[k][r] = run[1] == null ? Double.NaN : mips(s.instructions(), run[1].cpuNanos() - base[1].cpuNanos());
                rw[k][r] = ow[k][r] / qw[k][r];
                rc[k][r] = oc[k][r] / qc[k][r];
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Subject s = subjects.get(k);
            rows.add(new Row(s.workload(), s.iters(), s.instructions(), Range.of(ow[k]), Range.of(qw[k]), Range.of(rw[k]),
                    Range.of(oc[k]), Range.of(qc[k]), Range.of(rc[k])));
        }
        return new Result(rows, new Startup(Range.of(sow), Range.of(soc), Range.of(sqw), Range.of(sqc)), rounds);
    }

    /** The subject on both sides in the given order: [ours, qemu (null without QEMU)]. */
    private ChildRun[] both(Subject s, boolean oursFirst) {
        String cmdline = s.workload().cmdline(s.iters());
        ChildRun o = null, q = null;
        if (oursFirst) o = ours.run(kernel.file(), cmdline, s.expected(), TIMEOUT_SECONDS);
        if (qemu != null) q = qemu.run(kernel.file(), cmdline, s.expected(), TIMEOUT_SECONDS);
        if (!oursFirst) o = ours.run(kernel.file(), cmdline, s.expected(), TIMEOUT_SECONDS);
        return new ChildRun[] {o, q};
    }

    /** Millions of instructions per second; NaN when the time left after the start-up is not positive (noise). */
    static double mips(long instructions, long nanos) {
        return nanos > 0 ? instructions * 1e3 / nanos : Double.NaN;
    }
}
