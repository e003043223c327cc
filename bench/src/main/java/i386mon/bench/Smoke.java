package i386mon.bench;

import i386mon.shell.format.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short form: every workload at a small count in one boot of the benchmark kernel, in a machine
 * of this JVM, as an i386mon process and (when installed) as a QEMU process; the three must print
 * the same loop counts and checksums and pass. It times nothing.
 */
final class Smoke {
    record Result(GuestReport report, boolean processRan, boolean qemuRan) { }

    private Smoke() { }

    static String cmdline() {
        List<String> names = new ArrayList<>();
        names.add(Workload.EMPTY.name());
        for (Workload w : Workload.ALL) names.add(w.name());
        return "workload=" + String.join(",", names) + " iters=" + Workload.SMOKE_ITERS;
    }

    static Result run(BenchKernel kernel, Side ours, Side qemu, Progress progress) {
        String cmdline = cmdline();
        progress.note("smoke: in-JVM");
        GuestReport reference = InJvmRun.run(kernel, cmdline).report();
        if (reference.lines().size() < Workload.ALL.size() + 1) {
            throw new BenchmarkException("smoke: expected a line per workload, got " + reference.lines());
        }
        if (ours != null) {
            progress.note("smoke: i386mon process");
            ours.run(kernel.file(), cmdline, reference, 300);
        }
        if (qemu != null) {
            progress.note("smoke: qemu process");
            qemu.run(kernel.file(), cmdline, reference, 300);
        }
        return new Result(reference, ours != null, qemu != null);
    }

    static void json(Result r, PrintStream out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmdline", cmdline());
        m.put("lines", r.report().lines());
        m.put("passed", r.report().passed());
        m.put("i386mon_process", r.processRan());
        m.put("qemu", r.qemuRan());
        out.println(Json.write(Map.of("smoke", m)));
    }

    static void print(Result r, PrintStream out) {
        out.println("smoke: " + Smoke.cmdline());
        for (String line : r.report().lines()) out.println("  " + line);
        out.println("smoke: the same in i386mon (in-JVM" + (r.processRan() ? ", whole process" : "") + ")"
                + (r.qemuRan() ? " and qemu-system-i386" : " (qemu-system-i386 not run)") + "; all passed");
    }
}
