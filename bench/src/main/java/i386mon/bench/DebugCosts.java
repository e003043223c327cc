package i386mon.bench;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the debugging aids cost while they do not fire: one workload run with {@code cont} through
 * the monitor's own command dispatcher, plain and after each aid's commands, as the ratio of the
 * rates by wall and by CPU time (medians of the runs after a warm-up run).
 */
final class DebugCosts {
    /** An aid: its label and the monitor commands that set it up after boot. */
    record Aid(String label, List<String> commands) { }

    record Cost(Aid aid, Range mips, double ratio, Range cpuMips, double cpuRatio) { }

    static final List<Aid> AIDS = List.of(
            new Aid("plain", List.of()),
            new Aid("catchpoint (catch pf)", List.of("catch pf")),
            new Aid("breakpoint elsewhere", List.of("break bench_never_called")),
            new Aid("watchpoint elsewhere", List.of("watch bench_untouched")),
            new Aid("reverse on (checkpoint every 10000000)", List.of("reverse on 10000000")),
            new Aid("reverse on (checkpoint every 1000000)", List.of("reverse on 1000000")));

    private final BenchKernel kernel;
    private final Progress progress;

    DebugCosts(BenchKernel kernel, Progress progress) {
        this.kernel = kernel;
        this.progress = progress;
    }

    List<Cost> measure(Workload w, long iters, int runs) {
        List<Cost> costs = new ArrayList<>();
        double plain = Double.NaN, plainCpu = Double.NaN;
        for (Aid aid : AIDS) {
            progress.note("debugging aids: " + aid.label());
            double[] mips = new double[runs], cpuMips = new double[runs];
            for (int k = -1; k < runs; k++) {
                double[] m = once(w, iters, aid);
                if (k >= 0) {
                    mips[k] = m[0];
                    cpuMips[k] = m[1];
                }
            }
            Range r = Range.of(mips), c = Range.of(cpuMips);
            if (aid.commands().isEmpty()) {
                plain = r.median();
                plainCpu = c.median();
            }
            costs.add(new Cost(aid, r, r.median() / plain, c, c.median() / plainCpu));
        }
        return costs;
    }

    /** [MIPS by wall time, MIPS by CPU time] of one run. */
    private double[] once(Workload w, long iters, Aid aid) {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Writer sink = Writer.nullWriter();
        Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(serial), new PrintWriter(sink), new PrintWriter(sink));
        CommandDispatcher dispatcher = new CommandDispatcher(session);
        session.boot(new BootRequest(BenchKernel.NAME, kernel.image(), w.cmdline(iters), List.of(), 128L << 20));
        for (String command : aid.commands()) require(dispatcher.execute(command), command);
        long before = session.target().instructionsRetired();
        long c0 = JvmCpu.nanos(), t0 = System.nanoTime();
        require(dispatcher.execute("cont"), "cont");
        long dt = System.nanoTime() - t0, dc = JvmCpu.nanos() - c0;
        require(dispatcher.execute("expect stop exit"), aid.label() + ": expect stop exit");
        GuestReport report = GuestReport.parse(serial.toString(StandardCharsets.ISO_8859_1));
        if (!report.passed()) throw new BenchmarkException(aid.label() + ": the guest did not pass: " + report.lines());
        long retired = session.target().instructionsRetired() - before;
        return new double[] {WholeProcessRounds.mips(retired, dt), WholeProcessRounds.mips(retired, dc)};
    }

    private static void require(Outcome o, String command) {
        if (!o.ok()) throw new BenchmarkException("debugging aids: '" + command + "' failed: " + o.message());
    }
}
