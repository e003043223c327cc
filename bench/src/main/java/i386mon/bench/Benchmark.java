package i386mon.bench;

import i386mon.kernel.KernelImages;
import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Guest instructions per second on the bundled benchmark kernels, in i386mon and (when installed)
 * in qemu-system-i386 with TCG, in the same run, with the ratio. i386mon's figure is retired
 * instructions over wall time, the median of several runs after warm-up runs in the same JVM.
 * QEMU's is the difference of two runs with different iteration counts (which cancels firmware
 * and boot time) over their time difference, the median of several pairs.
 *
 * <p>Usage: {@code scripts/bench [--quick] [--no-qemu] [--runs N]}.
 */
public final class Benchmark {
    /** One workload: a scenario of the demo kernel at an iteration count. */
    record Workload(String name, String scenario, long iterations) { }

    record Result(String name, double i386monMips, double qemuMips) {
        double ratio() { return qemuMips > 0 ? i386monMips / qemuMips : Double.NaN; }
    }

    private final PrintStream out;
    private final int runs, warmups;
    private final boolean quick, withQemu;

    Benchmark(PrintStream out, int runs, int warmups, boolean quick, boolean withQemu) {
        this.out = out;
        this.runs = runs;
        this.warmups = warmups;
        this.quick = quick;
        this.withQemu = withQemu;
    }

    static List<Workload> workloads(boolean quick) {
        long scale = quick ? 1 : 100;
        return List.of(
                new Workload("alu loop", "bench-alu", 1_000_000 * scale),
                new Workload("memory loop (paging, 4 KiB pages)", "bench-mem", 1_000_000 * scale),
                new Workload("mixed (sort, matmul, crc32, fsm, memcpy)", "bench-mix", quick ? 1 : 200));
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false, qemu = true;
        int runs = 5;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--quick": quick = true; break;
                case "--no-qemu": qemu = false; break;
                case "--runs": runs = Integer.parseInt(args[++k]); break;
                default:
                    System.err.println("bench: unknown option " + args[k] + " (use --quick, --no-qemu, --runs N)");
                    System.exit(2);
            }
        }
        new Benchmark(System.out, runs, quick ? 1 : 2, quick, qemu).run();
    }

    List<Result> run() throws IOException, InterruptedException {
        Path qemu = withQemu ? findQemu() : null;
        out.printf("i386mon benchmark (%s); guest MIPS = million guest instructions per second%n", quick ? "quick" : "full");
        if (withQemu && qemu == null) out.println("qemu-system-i386 not found: QEMU column skipped (apt-get install qemu-system-x86)");
        out.printf("%-42s %12s %12s %8s%n", "workload", "i386mon", "qemu (tcg)", "ratio");
        List<Result> results = new ArrayList<>();
        for (Workload w : workloads(quick)) {
            double ours = median(measureI386mon(w));
            double theirs = qemu != null ? median(measureQemu(qemu, w)) : Double.NaN;
            Result r = new Result(w.name(), ours, theirs);
            results.add(r);
            out.printf("%-42s %12.1f %12s %8s%n", w.name(), ours, Double.isNaN(theirs) ? "-" : String.format("%.1f", theirs),
                    Double.isNaN(r.ratio()) ? "-" : String.format("%.3f", r.ratio()));
        }
        debuggingCosts();
        double[] inspection = inspectionMillis();
        out.printf("%-42s %9.1f ms%n", "pte dump, 4 GiB identity map", inspection[0]);
        out.printf("%-42s %9.1f ms%n", "info mem, 4 GiB identity map", inspection[1]);
        if (!quick) {
            double launch = launchToPromptMillis();
            out.printf("%-42s %9s%n", "launch to first prompt (scripts/i386mon)", Double.isNaN(launch) ? "-" : String.format("%.0f ms", launch));
        }
        return results;
    }

    /**
     * Median milliseconds of {@code pte dump} and {@code info mem} through the monitor's own command
     * dispatcher, on the demo kernel after it identity-mapped all 4 GiB (scenario identity-all).
     */
    double[] inspectionMillis() {
        Writer sink = Writer.nullWriter();
        Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(null), new PrintWriter(sink), new PrintWriter(sink));
        CommandDispatcher dispatcher = new CommandDispatcher(session);
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), "scenario=identity-all", List.of(), 128 << 20));
        dispatcher.execute("cont --max 50000000");
        double[] pte = new double[runs], mem = new double[runs];
        for (int k = -warmups - 2; k < runs; k++) {
            long t0 = System.nanoTime();
            if (!dispatcher.execute("pte dump").ok()) throw new IllegalStateException("pte dump failed");
            long t1 = System.nanoTime();
            if (!dispatcher.execute("info mem").ok()) throw new IllegalStateException("info mem failed");
            long t2 = System.nanoTime();
            if (k >= 0) {
                pte[k] = (t1 - t0) / 1e6;
                mem[k] = (t2 - t1) / 1e6;
            }
        }
        return new double[] {median(pte), median(mem)};
    }

    /** Median milliseconds from starting scripts/i386mon to its first prompt (the project must be built). */
    static double launchToPromptMillis() {
        Path launcher = Path.of("scripts", "i386mon");
        if (!Files.isExecutable(launcher)) return Double.NaN;
        double[] ms = new double[3];
        try {
            for (int k = -1; k < ms.length; k++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(launcher.toString(), "--serial", "none").redirectErrorStream(true).start();
                InputStream in = p.getInputStream();
                StringBuilder seen = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0) {
                    seen.append((char) b);
                    if (seen.indexOf(Session.PROMPT) >= 0) break;
                }
                long dt = System.nanoTime() - t0;
                p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                p.waitFor(30, TimeUnit.SECONDS);
                p.destroyForcibly();
                if (seen.indexOf(Session.PROMPT) < 0) return Double.NaN;
                if (k >= 0) ms[k] = dt / 1e6;
            }
        } catch (IOException | InterruptedException e) {
            return Double.NaN;
        }
        return median(ms);
    }

    /** MIPS of each measured run (after the warm-up runs). */
    double[] measureI386mon(Workload w) {
        return measureI386mon(w, m -> { });
    }

    /** The same with {@code setup} applied to each machine after boot (a catchpoint, a breakpoint, the history ring). */
    double[] measureI386mon(Workload w, java.util.function.Consumer<Machine> setup) {
        double[] mips = new double[runs];
        for (int k = -warmups; k < runs; k++) {
            long t0 = System.nanoTime();
            long retired = runToExit(w, w.iterations(), setup);
            long dt = System.nanoTime() - t0;
            if (k >= 0) mips[k] = retired * 1e3 / dt;
        }
        return mips;
    }

    /**
     * The cost of the debugging aids on the ALU loop, as ratios to the plain run (issue 8 asks for
     * the catchpoint's): a page-fault catchpoint, a breakpoint outside the loop, the history ring on.
     */
    void debuggingCosts() {
        Workload alu = workloads(quick).get(0);
        double plain = median(measureI386mon(alu));
        int elsewhere = (int) KernelSymbols.address("panic");
        String[] names = {"with a page-fault catchpoint", "with a breakpoint outside the loop", "with the history ring on (10000)"};
        List<java.util.function.Consumer<Machine>> setups = List.of(
                m -> m.cpu().setCatch(14, true),
                m -> m.addBreakpoint(elsewhere),
                m -> m.debugger().setHistory(10_000));
        for (int k = 0; k < names.length; k++) {
            double with = median(measureI386mon(alu, setups.get(k)));
            out.printf("%-42s %12.1f %12s %8.3f%n", "alu loop " + names[k], with, "(x plain)", with / plain);
        }
    }

    /** Boots the workload at {@code iters} iterations, runs it to its passing exit and returns the instructions retired. */
    static long runToExit(Workload w, long iters) {
        return runToExit(w, iters, m -> { });
    }

    static long runToExit(Workload w, long iters, java.util.function.Consumer<Machine> setup) {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(KernelImages.bytes(KernelImages.DEFAULT), "demo.elf scenario=" + w.scenario() + " iters=" + iters + " exit", List.of());
        setup.accept(m);
        StopReason r = m.run(Long.MAX_VALUE);
        if (r.kind() != StopReason.Kind.EXIT || r.exitStatus() != 0x21) {
            throw new IllegalStateException(w.name() + ": the guest did not pass (" + r.description() + "):\n"
                    + serial.toString(StandardCharsets.ISO_8859_1));
        }
        return m.cpu().retired();
    }

    /**
     * QEMU MIPS from pairs of runs (N and 5N iterations): the instruction difference over the time
     * difference. The same guest code retires the same instructions on any correct CPU, so the
     * difference is counted exactly by i386mon.
     */
    double[] measureQemu(Path qemu, Workload w) throws IOException, InterruptedException {
        Path image = Files.createTempFile("i386mon-bench", ".elf");
        try {
            Files.write(image, KernelImages.bytes(KernelImages.DEFAULT));
            long small = w.iterations(), large = 5 * w.iterations();
            long instructions = runToExit(w, large) - runToExit(w, small);
            double[] mips = new double[Math.max(1, runs / 2 + 1)];
            for (int k = -1; k < mips.length; k++) {
                double t1 = qemuSeconds(qemu, image, w.scenario(), small), t2 = qemuSeconds(qemu, image, w.scenario(), large);
                if (k >= 0) mips[k] = instructions / Math.max(1e-6, t2 - t1) / 1e6;
            }
            return mips;
        } finally {
            Files.deleteIfExists(image);
        }
    }

    private static double qemuSeconds(Path qemu, Path image, String scenario, long iters) throws IOException, InterruptedException {
        List<String> cmd = List.of(qemu.toString(), "-kernel", image.toString(), "-append", "scenario=" + scenario + " iters=" + iters + " exit",
                "-display", "none", "-serial", "null", "-monitor", "none", "-no-reboot", "-m", "128",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("qemu did not finish " + scenario);
        }
        if (p.exitValue() != 0x21) throw new IOException("qemu run of " + scenario + " exited with " + p.exitValue() + " (expected 33: pass)");
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Symbols of the bundled demo kernel. */
    static final class KernelSymbols {
        private KernelSymbols() { }

        static long address(String name) {
            Machine m = new Machine(MachineConfig.defaults());
            m.boot(KernelImages.bytes(KernelImages.DEFAULT), "", List.of());
            return m.symbols().lookup(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
        }
    }

    static Path findQemu() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "qemu-system-i386");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
