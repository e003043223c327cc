package i386mon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The workloads in machines of this JVM (the JIT warmed by earlier runs, no process start-up): the
 * exact instruction count of each at its size (that run's retired count minus the empty kernel's),
 * its expected output, and the warm rate by wall and by CPU time: the median of {@code runs} runs at a quarter of the size
 * after that first run (a quarter: the figure needs no long run once the JIT is warm).
 */
final class InJvmFigures {
    record Row(WholeProcessRounds.Subject subject, Range warmMips, Range warmCpuMips) { }

    private final BenchKernel kernel;
    private final Progress progress;

    InJvmFigures(BenchKernel kernel, Progress progress) {
        this.kernel = kernel;
        this.progress = progress;
    }

    WholeProcessRounds.Subject empty() {
        InJvmRun r = InJvmRun.run(kernel, Workload.EMPTY.cmdline(1));
        return new WholeProcessRounds.Subject(Workload.EMPTY, 1, r.retired(), r.report());
    }

    List<Row> measure(WholeProcessRounds.Subject empty, List<Workload> workloads, long scale, int runs) {
        List<Row> rows = new ArrayList<>();
        for (Workload w : workloads) {
            progress.note("in-JVM: " + w.name());
            long iters = w.iters(scale);
            InJvmRun first = InJvmRun.run(kernel, w.cmdline(iters));
            double[] mips = new double[runs], cpuMips = new double[runs];
            GuestReport warmReport = null;
            for (int k = 0; k < runs; k++) {
                InJvmRun again = InJvmRun.run(kernel, w.cmdline(Math.max(1, iters / 4)));
                if (warmReport != null) warmReport.requireSame(again.report(), "in-JVM " + w.name());
                warmReport = again.report();
                mips[k] = again.mips();
                cpuMips[k] = again.cpuMips();
            }
            rows.add(new Row(new WholeProcessRounds.Subject(w, iters, first.retired() - empty.instructions(), first.report()),
                    Range.of(mips), Range.of(cpuMips)));
        }
        return rows;
    }
}
