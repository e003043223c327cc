package i386mon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firmware to boot sector (#15): SeaBIOS boots {@link BootImages}' disk and floppy as whole processes,
 * i386mon and qemu-system-i386 alternately, to the boot sector's write to isa-debug-exit: both stop at
 * the same instruction and exit with status 1. Each side's whole-process wall and CPU milliseconds
 * (start-up included: that is what a user waits for), the boot sector's serial lines the same on
 * both sides, and the exact instructions i386mon retired on the way (its first, uncounted run asks
 * {@code info cpus --json} after {@code cont}).
 */
final class FirmwareBoot {
    /** One medium's figures over the rounds. */
    record Figure(String medium, long instructions, Range oursWallMs, Range oursCpuMs, Range qemuWallMs, Range qemuCpuMs) { }

    /** One boot of a medium checked on each side: the serial lines, i386mon's instruction count, whether QEMU ran. */
    record Check(String medium, List<String> serial, long instructions, boolean qemuRan) { }

    /** isa-debug-exit's status for the boot sector's write of 0: (0 << 1) | 1. */
    static final int EXIT_STATUS = 1;
    static final String LAST_LINE = "bootsector: done";
    private static final long TIMEOUT_SECONDS = 120;
    private static final Pattern INSTRUCTIONS = Pattern.compile("\"instructions\":(\\d+)");

    private final BootImages images;
    private final Side ours, qemu;
    private final Progress progress;

    FirmwareBoot(BootImages images, Side ours, Side qemu, Progress progress) {
        this.images = images;
        this.ours = ours;
        this.qemu = qemu;
        this.progress = progress;
    }

    /** Whether SeaBIOS is installed (Debian's seabios package), without which nothing boots. */
    static boolean firmwarePresent() {
        return Files.isReadable(Path.of(i386mon.machine.boot.FirmwareRom.SEABIOS));
    }

    /** Each medium once on each side, counted and compared: the first run of {@link #measure}, and the smoke form. */
    List<Check> check() {
        List<Check> checks = new ArrayList<>();
        for (BootImages.Medium m : BootImages.MEDIA) checks.add(check(m));
        return checks;
    }

    private Check check(BootImages.Medium m) {
        progress.note("firmware to boot sector: " + m.name() + ", counted");
        ChildRun counted = ours.boot(images.driveOptions(m), List.of("-c", "cont", "-c", "info cpus --json"), TIMEOUT_SECONDS);
        requireBooted(counted, "i386mon " + m.name());
        Matcher n = INSTRUCTIONS.matcher(counted.stdout());
        if (!n.find()) throw new BenchmarkException("i386mon " + m.name() + ": no instruction count from info cpus --json:\n" + counted.stdout());
        List<String> serial = serialLines(counted.stdout());
        if (qemu != null) requireSame(serial, requireBooted(qemu.boot(images.driveOptions(m), List.of(), TIMEOUT_SECONDS), "qemu " + m.name()),
                "qemu " + m.name());
        return new Check(m.name(), serial, Long.parseLong(n.group(1)), qemu != null);
    }

    /** Each medium {@code rounds} times on both sides, the side going first alternating, after {@link #check}. */
    List<Figure> measure(int rounds) {
        List<Figure> figures = new ArrayList<>();
        for (BootImages.Medium m : BootImages.MEDIA) {
            Check c = check(m);
            double[] ow = new double[rounds], oc = new double[rounds], qw = new double[rounds], qc = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                progress.note("firmware to boot sector: " + m.name() + ", round " + (r + 1) + "/" + rounds);
                ChildRun o = null, q = null;
                if (r % 2 == 0) o = timed(ours, m, c);
                if (qemu != null) q = timed(qemu, m, c);
                if (r % 2 != 0) o = timed(ours, m, c);
                ow[r] = o.wallNanos() / 1e6;
                oc[r] = o.cpuNanos() / 1e6;
                qw[r] = q == null ? Double.NaN : q.wallNanos() / 1e6;
                qc[r] = q == null ? Double.NaN : q.cpuNanos() / 1e6;
            }
            figures.add(new Figure(m.name(), c.instructions(), Range.of(ow), Range.of(oc), Range.of(qw), Range.of(qc)));
        }
        return figures;
    }

    /** A plain boot (no monitor commands: as a user runs it) whose serial lines match the counted run's. */
    private ChildRun timed(Side side, BootImages.Medium m, Check expected) {
        String what = side.name() + " " + m.name();
        return requireSame(expected.serial(), requireBooted(side.boot(images.driveOptions(m), List.of(), TIMEOUT_SECONDS), what), what);
    }

    private static ChildRun requireBooted(ChildRun r, String what) {
        List<String> serial = serialLines(r.stdout());
        if (r.exitStatus() != EXIT_STATUS || serial.isEmpty() || !serial.get(serial.size() - 1).equals(LAST_LINE)) {
            throw new BenchmarkException(what + ": exit status " + r.exitStatus() + " (expected " + EXIT_STATUS + ": the boot sector's exit)"
                    + " and serial lines " + serial + " (expected to end with \"" + LAST_LINE + "\")\n" + r.stdout() + r.stderr());
        }
        return r;
    }

    private static ChildRun requireSame(List<String> expected, ChildRun r, String what) {
        List<String> serial = serialLines(r.stdout());
        if (!serial.equals(expected)) throw new BenchmarkException(what + ": the boot sector printed " + serial + ", expected " + expected);
        return r;
    }

    /** The boot sector's lines in a run's standard output (the monitor's own lines left out). */
    static List<String> serialLines(String stdout) {
        List<String> lines = new ArrayList<>();
        for (String raw : stdout.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("bootsector: ")) lines.add(line);
        }
        return List.copyOf(lines);
    }
}
