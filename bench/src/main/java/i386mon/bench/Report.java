package i386mon.bench;

import i386mon.shell.format.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's results as plain tables, or as one JSON document ({@code --json}). */
final class Report {
    private Report() { }

    static void text(Results r, PrintStream out) {
        out.println("i386mon benchmark: " + r.settings());
        out.println("MIPS = million guest instructions per second; ratio = i386mon / QEMU within a round: median [min-max]");
        if (r.whole() != null) {
            WholeProcessRounds.Result w = r.whole();
            out.println();
            out.printf("Whole processes, %d round(s), each side's start-up (the empty kernel) subtracted:%n", w.rounds());
            out.printf("%-9s %10s | %-34s | %-34s%n", "", "", "by wall time", "by CPU time");
            out.printf("%-9s %10s | %8s %8s %-17s | %8s %8s %-17s%n", "workload", "Minstr", "i386mon", "QEMU", "ratio",
                    "i386mon", "QEMU", "ratio");
            for (WholeProcessRounds.Row row : w.rows()) {
                out.printf("%-9s %10.1f | %8s %8s %-17s | %8s %8s %-17s%n", row.workload().name(), row.instructions() / 1e6,
                        num(row.oursWall()), num(row.qemuWall()), row.ratioWall().text("%.2f"),
                        num(row.oursCpu()), num(row.qemuCpu()), row.ratioCpu().text("%.2f"));
            }
            WholeProcessRounds.Startup s = w.startup();
            out.printf("start-up (empty kernel): i386mon %s ms wall, %s ms CPU; QEMU %s ms wall, %s ms CPU%n",
                    s.oursWallMs().text("%.0f"), s.oursCpuMs().text("%.0f"), s.qemuWallMs().text("%.0f"), s.qemuCpuMs().text("%.0f"));
            for (WholeProcessRounds.Row row : w.rows()) {
                out.printf("  %-9s %s, iters=%d%n", row.workload().name(), row.workload().label(), row.iters());
            }
        }
        if (!r.warm().isEmpty()) {
            out.println();
            out.println("In-JVM, warm (i386mon alone, a machine in the benchmark's JVM; MIPS median [min-max] of 3 runs at a quarter");
            out.println("of the size above, after one at that size):");
            out.printf("%-9s %-22s %-22s%n", "workload", "by wall time", "by CPU time (JVM)");
            for (InJvmFigures.Row row : r.warm()) {
                out.printf("%-9s %-22s %-22s%n", row.subject().workload().name(), row.warmMips().text("%.0f"), row.warmCpuMips().text("%.0f"));
            }
        }
        if (!r.aids().isEmpty()) {
            out.println();
            out.printf("Debugging aids on %s (iters=%d, cont at the monitor, in-JVM): MIPS median [min-max], ratio to plain%n",
                    r.aidsWorkload().name(), r.aidsIters());
            out.printf("%-40s %-18s %6s | %-18s %6s%n", "", "by wall time", "ratio", "by CPU time (JVM)", "ratio");
            for (DebugCosts.Cost c : r.aids()) {
                out.printf("%-40s %-18s %6.2f | %-18s %6.2f%n", c.aid().label(), c.mips().text("%.0f"), c.ratio(),
                        c.cpuMips().text("%.0f"), c.cpuRatio());
            }
        }
        if (!r.inspection().isEmpty()) {
            out.println();
            out.println("Inspection commands on the demo kernel's 4 GiB identity map (scenario=identity-all), in-JVM:");
            for (InspectionTimes.Figure f : r.inspection()) out.printf("%-9s %s ms%n", f.command(), f.ms().text("%.1f"));
        }
        if (!r.startup().isEmpty()) {
            out.println();
            out.println("Start-up to the first prompt (" + startupHow(r) + ", interactive, output on a pipe), and the peak resident");
            out.println("memory (VmHWM) there and after cont ran the touch workload (" + StartupProbe.TOUCHED_MIB + " MiB of the guest written); median [min-max]:");
            out.printf("%-8s %-20s %-20s %-17s %-17s%n", "", "prompt ms (wall)", "CPU ms at prompt", "peak RSS MiB", "after touch MiB");
            for (StartupProbe.Figure f : r.startup()) {
                out.printf("-m %-5s %-20s %-20s %-17s %-17s%n", f.memory(), f.promptMs().text("%.0f"), f.promptCpuMs().text("%.0f"),
                        f.rssMiB().text("%.0f"), f.touchedRssMiB().text("%.0f"));
            }
        }
        if (!r.boot().isEmpty()) {
            out.println();
            out.println("SeaBIOS to the boot sector (kernel/src/main/rom/bootsector.S writing isa-debug-exit), whole processes");
            out.println("alternately, start-up included; i386mon's instructions exact; median [min-max]:");
            out.printf("%-7s %7s | %-17s %-17s | %-17s %-17s%n", "medium", "Minstr", "i386mon wall ms", "i386mon CPU ms", "QEMU wall ms", "QEMU CPU ms");
            for (FirmwareBoot.Figure f : r.boot()) {
                out.printf("%-7s %7.2f | %-17s %-17s | %-17s %-17s%n", f.medium(), f.instructions() / 1e6, f.oursWallMs().text("%.0f"),
                        f.oursCpuMs().text("%.0f"), f.qemuWallMs().text("%.0f"), f.qemuCpuMs().text("%.0f"));
            }
        }
        out.println();
        out.println("Targets (#19, #15):");
        for (Targets.Verdict v : Targets.judge(r)) out.printf("  %-13s %-55s %s%n", v.mark(), v.target(), v.measured());
    }

    private static String startupHow(Results r) {
        return r.settings().contains("i386mon: scripts/i386mon") ? "scripts/i386mon" : "java i386mon.shell.Main";
    }

    /** The tables as markdown, for the README's performance section. */
    static void markdown(Results r, PrintStream out) {
        out.println("Run: " + r.settings() + ". Ratios are i386mon / QEMU within a round, median [min-max].");
        if (r.whole() != null) {
            out.println();
            out.println("| workload | M instr | i386mon MIPS (CPU) | QEMU MIPS (CPU) | ratio by CPU | ratio by wall | warm in-JVM MIPS (CPU) |");
            out.println("|---|---|---|---|---|---|---|");
            for (WholeProcessRounds.Row row : r.whole().rows()) {
                Range warm = r.warm().stream().filter(x -> x.subject().workload().equals(row.workload())).map(InJvmFigures.Row::warmCpuMips)
                        .findFirst().orElse(Range.NONE);
                out.printf("| %s | %.1f | %s | %s | %s | %s | %s |%n", row.workload().label(), row.instructions() / 1e6, num(row.oursCpu()),
                        num(row.qemuCpu()), row.ratioCpu().text("%.2f"), row.ratioWall().text("%.2f"), num(warm));
            }
            WholeProcessRounds.Startup s = r.whole().startup();
            out.println();
            out.printf("Whole-process start-up (empty kernel, --batch): i386mon %s ms wall, %s ms CPU; QEMU %s ms wall, %s ms CPU.%n",
                    s.oursWallMs().text("%.0f"), s.oursCpuMs().text("%.0f"), s.qemuWallMs().text("%.0f"), s.qemuCpuMs().text("%.0f"));
        }
        if (!r.aids().isEmpty()) {
            out.println();
            out.println("| debugging aid (mixed workload, in-JVM) | ratio to plain by CPU | by wall |");
            out.println("|---|---|---|");
            for (DebugCosts.Cost c : r.aids()) {
                if (!c.aid().commands().isEmpty()) out.printf("| %s | %.2f | %.2f |%n", c.aid().label(), c.cpuRatio(), c.ratio());
            }
        }
        if (!r.startup().isEmpty()) {
            out.println();
            out.println("| -m | to the prompt, ms (wall) | CPU ms | peak RSS at the prompt, MiB | after touching " + StartupProbe.TOUCHED_MIB + " MiB |");
            out.println("|---|---|---|---|---|");
            for (StartupProbe.Figure f : r.startup()) {
                out.printf("| %s | %s | %s | %s | %s |%n", f.memory(), f.promptMs().text("%.0f"), f.promptCpuMs().text("%.0f"),
                        f.rssMiB().text("%.0f"), f.touchedRssMiB().text("%.0f"));
            }
        }
        if (!r.boot().isEmpty()) {
            out.println();
            out.println("| SeaBIOS to the boot sector, whole process | M instr | i386mon ms (wall) | CPU ms | QEMU ms (wall) | CPU ms |");
            out.println("|---|---|---|---|---|---|");
            for (FirmwareBoot.Figure f : r.boot()) {
                out.printf("| %s | %.2f | %s | %s | %s | %s |%n", f.medium(), f.instructions() / 1e6, f.oursWallMs().text("%.0f"),
                        f.oursCpuMs().text("%.0f"), f.qemuWallMs().text("%.0f"), f.qemuCpuMs().text("%.0f"));
            }
        }
        out.println();
        out.println("| #19, #15 target | measured | |");
        out.println("|---|---|---|");
        for (Targets.Verdict v : Targets.judge(r)) out.printf("| %s | %s | %s |%n", v.target(), v.measured(), v.mark());
    }

    private static String num(Range r) {
        return r.present() ? String.format("%.0f", r.median()) : "-";
    }

    static void json(Results r, PrintStream out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", r.settings());
        if (r.whole() != null) {
            List<Object> rows = new ArrayList<>();
            for (WholeProcessRounds.Row row : r.whole().rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("workload", row.workload().name());
                m.put("description", row.workload().label());
                m.put("iters", row.iters());
                m.put("instructions", row.instructions());
                m.put("wall", side(row.oursWall(), row.qemuWall(), row.ratioWall()));
                m.put("cpu", side(row.oursCpu(), row.qemuCpu(), row.ratioCpu()));
                rows.add(m);
            }
            Map<String, Object> whole = new LinkedHashMap<>();
            whole.put("rounds", r.whole().rounds());
            whole.put("workloads", rows);
            WholeProcessRounds.Startup s = r.whole().startup();
            Map<String, Object> startup = new LinkedHashMap<>();
            startup.put("i386mon", side(s.oursWallMs(), s.oursCpuMs()));
            startup.put("qemu", side(s.qemuWallMs(), s.qemuCpuMs()));
            whole.put("startup_ms", startup);
            doc.put("whole_process", whole);
        }
        List<Object> warm = new ArrayList<>();
        for (InJvmFigures.Row row : r.warm()) {
            warm.add(Map.of("workload", row.subject().workload().name(), "wall_mips", row.warmMips().json(),
                    "cpu_mips", row.warmCpuMips().json()));
        }
        doc.put("in_jvm_warm", warm);
        List<Object> aids = new ArrayList<>();
        for (DebugCosts.Cost c : r.aids()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aid", c.aid().label());
            m.put("commands", c.aid().commands());
            m.put("wall_mips", c.mips().json());
            m.put("wall_ratio", c.ratio());
            m.put("cpu_mips", c.cpuMips().json());
            m.put("cpu_ratio", c.cpuRatio());
            aids.add(m);
        }
        doc.put("debugging_aids", aids);
        List<Object> inspection = new ArrayList<>();
        for (InspectionTimes.Figure f : r.inspection()) inspection.add(Map.of("command", f.command(), "ms", f.ms().json()));
        doc.put("inspection_4gib_map", inspection);
        List<Object> startup = new ArrayList<>();
        for (StartupProbe.Figure f : r.startup()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("memory", f.memory());
            m.put("prompt_ms", f.promptMs().json());
            m.put("prompt_cpu_ms", f.promptCpuMs().json());
            m.put("peak_rss_mib", f.rssMiB().json());
            m.put("touched_mib", StartupProbe.TOUCHED_MIB);
            m.put("peak_rss_after_touch_mib", f.touchedRssMiB().json());
            startup.add(m);
        }
        doc.put("startup_to_prompt", startup);
        List<Object> boot = new ArrayList<>();
        for (FirmwareBoot.Figure f : r.boot()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medium", f.medium());
            m.put("instructions", f.instructions());
            m.put("i386mon_ms", side(f.oursWallMs(), f.oursCpuMs()));
            m.put("qemu_ms", side(f.qemuWallMs(), f.qemuCpuMs()));
            boot.add(m);
        }
        doc.put("firmware_to_boot_sector", boot);
        List<Object> targets = new ArrayList<>();
        for (Targets.Verdict v : Targets.judge(r)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", v.target());
            m.put("measured", v.measured());
            m.put("met", v.met());
            targets.add(m);
        }
        doc.put("targets", targets);
        out.println(Json.write(doc));
    }

    private static Map<String, Object> side(Range wall, Range cpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall", wall.json());
        m.put("cpu", cpu.json());
        return m;
    }

    private static Map<String, Object> side(Range ours, Range qemu, Range ratio) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i386mon_mips", ours.json());
        m.put("qemu_mips", qemu.json());
        m.put("ratio", ratio.json());
        return m;
    }
}
