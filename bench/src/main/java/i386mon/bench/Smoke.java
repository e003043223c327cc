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
 * the same loop counts and checksums and pass; then SeaBIOS boots the boot sector from a disk and
 * from a floppy in an i386mon process and in QEMU, which must print the same lines. It times nothing.
 */
final class Smoke {
    /** {@code boot} is empty when SeaBIOS is not installed or no i386mon process ran. */
    record Result(GuestReport report, boolean processRan, boolean qemuRan, List<FirmwareBoot.Check> boot) { }

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
        List<FirmwareBoot.Check> boot = List.of();
        if (ours != null && FirmwareBoot.firmwarePresent()) boot = new FirmwareBoot(BootImages.load(), ours, qemu, progress).check();
        else if (ours != null) progress.note("smoke: SeaBIOS not installed (apt-get install seabios): no firmware boot");
        return new Result(reference, ours != null, qemu != null, boot);
    }

    static void json(Result r, PrintStream out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmdline", cmdline());
        m.put("lines", r.report().lines());
        m.put("passed", r.report().passed());
        m.put("i386mon_process", r.processRan());
        m.put("qemu", r.qemuRan());
        List<Object> boot = new ArrayList<>();
        for (FirmwareBoot.Check c : r.boot()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("medium", c.medium());
            b.put("serial", c.serial());
            b.put("instructions", c.instructions());
            b.put("qemu", c.qemuRan());
            boot.add(b);
        }
        m.put("firmware_to_boot_sector", boot);
        out.println(Json.write(Map.of("smoke", m)));
    }

    static void print(Result r, PrintStream out) {
        out.println("smoke: " + Smoke.cmdline());
        for (String line : r.report().lines()) out.println("  " + line);
        out.println("smoke: the same in i386mon (in-JVM" + (r.processRan() ? ", whole process" : "") + ")"
                + (r.qemuRan() ? " and qemu-system-i386" : " (qemu-system-i386 not run)") + "; all passed");
        for (FirmwareBoot.Check c : r.boot()) {
            out.printf("smoke: SeaBIOS to the %s's boot sector in %d instructions, %d serial lines%s%n", c.medium(), c.instructions(),
                    c.serial().size(), c.qemuRan() ? ", the same in qemu-system-i386" : "");
        }
    }
}
