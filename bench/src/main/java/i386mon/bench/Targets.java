package i386mon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The #19 targets, each judged on one benchmark run: the workloads' median ratio to QEMU by CPU time
 * (the wall ratio is beside it in the tables; on a shared machine CPU time is the steadier one),
 * start-up to the prompt at {@code -m 128M}, {@code -m 3G} beside it, and the peak resident memory of
 * a 3 GiB guest after it touched {@link StartupProbe#TOUCHED_MIB} MiB, and (#15) SeaBIOS to the boot
 * sector of a disk and of a floppy, the whole process by wall time as a user waits for it. A target
 * the run did not measure is "not measured", never met.
 */
final class Targets {
    /** One target: what it asks, what was measured, and whether it is met (null: not measured). */
    record Verdict(String target, String measured, Boolean met) {
        String mark() {
            return met == null ? "not measured" : met ? "PASS" : "FAIL";
        }
    }

    /** Minimum median ratio to QEMU (by CPU time) per workload. */
    static final Map<String, Double> RATIOS = Map.of("alu", 1.0, "mem-flat", 0.5, "mem-4k", 0.5, "mem-4m", 0.5, "call", 0.5,
            "rep", 1.0, "mix", 0.4);
    static final double STARTUP_MS = 500, LARGE_RAM_EXTRA_MS = 200, TOUCHED_RSS_MIB = 300;
    /** Maximum median whole-process wall milliseconds from start to the boot sector's exit, per medium (#15). */
    static final Map<String, Double> BOOT_MS = Map.of("disk", 700.0, "floppy", 800.0);

    private Targets() { }

    static List<Verdict> judge(Results r) {
        List<Verdict> v = new ArrayList<>();
        for (Workload w : Workload.ALL) {
            double min = RATIOS.get(w.name());
            String target = String.format("%s >= %.1fx QEMU (CPU time)", w.name(), min);
            WholeProcessRounds.Row row = r.whole() == null ? null
                    : r.whole().rows().stream().filter(x -> x.workload().equals(w)).findFirst().orElse(null);
            if (row == null || !row.ratioCpu().present()) {
                v.add(new Verdict(target, "-", null));
            } else {
                v.add(new Verdict(target, row.ratioCpu().text("%.2f"), row.ratioCpu().median() >= min));
            }
        }
        StartupProbe.Figure small = startup(r, "128M"), large = startup(r, "3G");
        String startupTarget = String.format("start-up to the prompt (-m 128M) <= %.0f ms", STARTUP_MS);
        v.add(small == null || !small.promptMs().present() ? new Verdict(startupTarget, "-", null)
                : new Verdict(startupTarget, small.promptMs().text("%.0f") + " ms", small.promptMs().median() <= STARTUP_MS));
        String largeTarget = String.format("-m 3G start-up within %.0f ms of -m 128M", LARGE_RAM_EXTRA_MS);
        if (small == null || large == null || !small.promptMs().present() || !large.promptMs().present()) {
            v.add(new Verdict(largeTarget, "-", null));
        } else {
            double extra = large.promptMs().median() - small.promptMs().median();
            v.add(new Verdict(largeTarget, String.format("%+.0f ms (%.0f vs %.0f)", extra, large.promptMs().median(), small.promptMs().median()),
                    extra <= LARGE_RAM_EXTRA_MS));
        }
        String rssTarget = String.format("-m 3G guest touching %d MiB: peak resident < %.0f MiB", StartupProbe.TOUCHED_MIB, TOUCHED_RSS_MIB);
        v.add(large == null || !large.touchedRssMiB().present() ? new Verdict(rssTarget, "-", null)
                : new Verdict(rssTarget, large.touchedRssMiB().text("%.0f") + " MiB", large.touchedRssMiB().max() < TOUCHED_RSS_MIB));
        for (BootImages.Medium m : BootImages.MEDIA) {
            double max = BOOT_MS.get(m.name());
            String target = String.format("SeaBIOS to the boot sector, %s <= %.0f ms", m.name(), max);
            FirmwareBoot.Figure f = r.boot().stream().filter(x -> x.medium().equals(m.name())).findFirst().orElse(null);
            v.add(f == null || !f.oursWallMs().present() ? new Verdict(target, "-", null)
                    : new Verdict(target, f.oursWallMs().text("%.0f") + " ms", f.oursWallMs().median() <= max));
        }
        return v;
    }

    private static StartupProbe.Figure startup(Results r, String memory) {
        return r.startup().stream().filter(f -> f.memory().equals(memory)).findFirst().orElse(null);
    }
}
