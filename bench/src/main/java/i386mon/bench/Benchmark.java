package i386mon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/bench: i386mon beside qemu-system-i386 (TCG) on the benchmark kernel's workloads, as whole
 * processes alternately over several rounds (start-up subtracted, instruction counts exact from
 * i386mon's counter, ratios per round by wall and CPU time), with the warm in-JVM rates, the cost
 * of the debugging aids, the inspection commands' time on a 4 GiB map, the start-up to the prompt
 * at two RAM sizes and SeaBIOS's boot of a disk and a floppy to their boot sector.
 *
 * <p>Usage: {@code scripts/bench [--smoke | --quick | --scale N | --boot] [--rounds N] [--only W,...] [--no-qemu] [--json | --markdown]};
 * {@code --boot} measures the firmware-to-boot-sector row alone.
 */
public final class Benchmark {
    static final String USAGE = "usage: scripts/bench [--smoke | --quick | --scale N | --boot] [--rounds N] [--only WORKLOAD,...] [--no-qemu] [--json | --markdown]";

    /** How to run: the options; {@code scale} divides the full sizes (--quick: 100). */
    record Options(boolean smoke, long scale, int rounds, List<Workload> workloads, boolean qemu, boolean json, boolean markdown, boolean bootOnly) {
        boolean quick() {
            return scale >= 100;
        }

        static Options parse(String[] args) {
            boolean smoke = false, qemu = true, json = false, markdown = false, bootOnly = false;
            int rounds = -1, scale = 1;
            List<Workload> only = Workload.ALL;
            for (int k = 0; k < args.length; k++) {
                switch (args[k]) {
                    case "--smoke": smoke = true; break;
                    case "--quick": scale = 100; break;
                    case "--scale":
                        scale = positive(args, ++k, args[k - 1]);
                        break;
                    case "--no-qemu": qemu = false; break;
                    case "--boot": bootOnly = true; break;
                    case "--json": json = true; break;
                    case "--markdown": markdown = true; break;
                    case "--rounds": case "--runs":
                        rounds = positive(args, ++k, args[k - 1]);
                        break;
                    case "--only":
                        only = workloads(k + 1 < args.length ? args[++k] : "");
                        break;
                    default: throw new IllegalArgumentException("unknown option " + args[k] + "\n" + USAGE);
                }
            }
            if (smoke && scale != 1) throw new IllegalArgumentException("--smoke has its own sizes (no --quick or --scale)\n" + USAGE);
            if (json && markdown) throw new IllegalArgumentException("--json or --markdown, not both\n" + USAGE);
            if (bootOnly && (smoke || scale != 1)) throw new IllegalArgumentException("--boot has no sizes (no --smoke, --quick or --scale)\n" + USAGE);
            return new Options(smoke, scale, rounds > 0 ? rounds : scale >= 100 ? 3 : 5, only, qemu, json, markdown, bootOnly);
        }

        private static int positive(String[] args, int k, String option) {
            try {
                int n = Integer.parseInt(k < args.length ? args[k] : "");
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " takes a positive count\n" + USAGE);
        }

        private static List<Workload> workloads(String list) {
            List<Workload> chosen = new ArrayList<>();
            for (String name : list.split(",")) {
                Workload w = Workload.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("--only: no workload '" + name + "' (alu, mem-flat, mem-4k, mem-4m, call, rep, mix)"));
                chosen.add(w);
            }
            return List.copyOf(chosen);
        }
    }

    private Benchmark() { }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Progress progress = new Progress(System.err);
            BenchKernel kernel = BenchKernel.load();
            Path qemuBinary = options.qemu() ? Side.findQemu() : null;
            if (options.qemu() && qemuBinary == null) {
                System.err.println("bench: qemu-system-i386 not found: the QEMU side is skipped (apt-get install qemu-system-x86)");
            }
            Side qemu = qemuBinary == null ? null : Side.qemu(qemuBinary);
            Path launcher = launcher();
            Side ours = launcher != null ? Side.launcher(launcher) : Side.javaMain();
            if (options.smoke()) {
                Smoke.Result smoke = Smoke.run(kernel, ours, qemu, progress);
                if (options.json()) Smoke.json(smoke, System.out);
                else Smoke.print(smoke, System.out);
                return;
            }
            Results results = options.bootOnly() ? bootOnly(options, ours, qemu, launcher, progress) : run(options, kernel, ours, qemu, launcher, progress);
            if (options.json()) Report.json(results, System.out);
            else if (options.markdown()) Report.markdown(results, System.out);
            else Report.text(results, System.out);
        } catch (BenchmarkException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    static Results run(Options o, BenchKernel kernel, Side ours, Side qemu, Path launcher, Progress progress) {
        String loadBefore = loadAverage();
        InJvmFigures inJvm = new InJvmFigures(kernel, progress);
        WholeProcessRounds.Subject empty = inJvm.empty();
        List<InJvmFigures.Row> warm = inJvm.measure(empty, o.workloads(), o.scale(), 3);
        List<WholeProcessRounds.Subject> subjects = new ArrayList<>();
        for (InJvmFigures.Row row : warm) subjects.add(row.subject());
        WholeProcessRounds.Result whole = new WholeProcessRounds(ours, qemu, kernel, progress).measure(empty, subjects, o.rounds());
        Workload mix = Workload.ALL.get(Workload.ALL.size() - 1);
        long aidsIters = mix.iters(o.scale() * 8);
        List<DebugCosts.Cost> aids = new DebugCosts(kernel, progress).measure(mix, aidsIters, 3);
        progress.note("inspection commands");
        List<InspectionTimes.Figure> inspection = InspectionTimes.measure(5);
        List<StartupProbe.Figure> startup = StartupProbe.alternating(launcher != null ? StartupProbe.launcher(launcher, kernel) : null,
                kernel, List.of("128M", "3G"), o.quick() ? 3 : 5, progress);
        List<FirmwareBoot.Figure> boot = List.of();
        if (FirmwareBoot.firmwarePresent()) boot = new FirmwareBoot(BootImages.load(), ours, qemu, progress).measure(o.rounds());
        else progress.note("SeaBIOS not installed (apt-get install seabios): no firmware-to-boot-sector row");
        String settings = (o.scale() == 1 ? "full sizes" : "full sizes / " + o.scale()) + ", " + o.rounds() + " round(s); i386mon: "
                + (launcher != null ? "scripts/i386mon" : "java i386mon.shell.Main") + ", QEMU: "
                + (qemu != null ? "qemu-system-i386 -accel tcg" : "not run") + "; load average " + loadBefore + " before, "
                + loadAverage() + " after, on " + Runtime.getRuntime().availableProcessors() + " CPUs";
        return new Results(settings, whole, warm, mix, aidsIters, aids, inspection, startup, boot);
    }

    /** The firmware-to-boot-sector row alone (--boot). */
    static Results bootOnly(Options o, Side ours, Side qemu, Path launcher, Progress progress) {
        if (!FirmwareBoot.firmwarePresent()) throw new BenchmarkException("--boot: SeaBIOS is not installed (apt-get install seabios)");
        String loadBefore = loadAverage();
        List<FirmwareBoot.Figure> boot = new FirmwareBoot(BootImages.load(), ours, qemu, progress).measure(o.rounds());
        String settings = o.rounds() + " round(s) of SeaBIOS to the boot sector only; i386mon: "
                + (launcher != null ? "scripts/i386mon" : "java i386mon.shell.Main") + ", QEMU: "
                + (qemu != null ? "qemu-system-i386 -accel tcg" : "not run") + "; load average " + loadBefore + " before, "
                + loadAverage() + " after, on " + Runtime.getRuntime().availableProcessors() + " CPUs";
        return new Results(settings, null, List.of(), Workload.ALL.get(Workload.ALL.size() - 1), 0, List.of(), List.of(), List.of(), boot);
    }

    /** The 1-minute load average of the machine (how busy the other processes kept it), or "?". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * scripts/i386mon when the reactor build made what it starts (its jar and lib/): otherwise it
     * would build with mvn install, which the benchmark must not do; then i386mon's main class is run directly.
     */
    static Path launcher() {
        Path script = Path.of("scripts", "i386mon");
        Path target = Path.of("shell", "target");
        if (!Files.isExecutable(script) || !Files.isDirectory(target.resolve("lib"))) return null;
        try (var jars = Files.list(target)) {
            boolean built = jars.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith("i386mon-shell-") && n.endsWith(".jar") && !n.contains("-sources") && !n.contains("-tests"));
            return built ? script : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
