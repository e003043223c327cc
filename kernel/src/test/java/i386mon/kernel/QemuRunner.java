package i386mon.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boots a multiboot image under {@code qemu-system-i386 -kernel} with the isa-debug-exit device and
 * captures COM1. Shared by the kernel tests and the differential suite. The QEMU binary is
 * {@code qemu-system-i386} on the PATH, or the system property {@code i386mon.qemu}.
 */
final class QemuRunner {

    /** Marks the first line the kernel prints; everything before it is firmware output. */
    static final String BANNER = "i386mon demo kernel";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private QemuRunner() {
    }

    /** What a run produced. {@code exitStatus} is QEMU's, -1 when it was killed at the timeout. */
    record Result(int exitStatus, boolean timedOut, String serial) {

        /** The isa-debug-exit value the guest wrote (QEMU exits with (value << 1) | 1), or -1. */
        int debugExitCode() {
            return !timedOut && (exitStatus & 1) == 1 && exitStatus > 1 ? exitStatus >> 1 : -1;
        }

        /** The kernel's lines, from its banner on, without carriage returns. */
        List<String> lines() {
            String text = ANSI.matcher(serial.replace("\r", "")).replaceAll("");
            int start = text.indexOf(BANNER);
            List<String> out = new ArrayList<>();
            if (start < 0) {
                return out;
            }
            for (String line : text.substring(start).split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        }

        boolean hasLine(String line) {
            return lines().contains(line);
        }

        /** The first line matching the pattern in full, as a matcher with its groups, if any. */
        Optional<Matcher> find(String regex) {
            Pattern p = Pattern.compile(regex);
            for (String line : lines()) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        /** The lines from the first one equal to {@code first} on, for asserting an exact sequence. */
        List<String> linesFrom(String first) {
            List<String> all = lines();
            int i = all.indexOf(first);
            return i < 0 ? List.of() : all.subList(i, all.size());
        }

        @Override
        public String toString() {
            return "status " + exitStatus + (timedOut ? " (timed out)" : "") + ", serial:\n" + String.join("\n", lines());
        }
    }

    /** The QEMU executable, or an exception saying how to install it. */
    static Path qemu() {
        String configured = System.getProperty("i386mon.qemu");
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException("i386mon.qemu=" + configured + " is not an executable file");
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Paths.get(dir, "qemu-system-i386");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String missing = "qemu-system-i386 not found on PATH: install it (apt-get install qemu-system-x86)";
        // CI installs QEMU (.ci/run) and must never skip the comparisons; elsewhere they are skipped.
        if (System.getenv("CI") != null) throw new IllegalStateException(missing);
        return org.junit.jupiter.api.Assumptions.abort(missing + "; the QEMU comparisons are skipped");
    }

    /** Boots a bundled image (see {@link KernelImages}) with the given kernel command line. */
    static Result bootBundled(String image, String append) {
        return bootBundled(image, append, DEFAULT_TIMEOUT);
    }

    static Result bootBundled(String image, String append, Duration timeout) {
        return bootBundled(image, append, timeout, new String[0]);
    }

    /**
     * Boots a bundled image with extra QEMU arguments, e.g. {@code "-cpu", "qemu32,-pse"}. A run
     * that ended by itself is kept for the JVM: several tests read the same boot (the bundled
     * images do not change while the tests run), and QEMU's firmware makes each boot cost a second.
     */
    static Result bootBundled(String image, String append, Duration timeout, String... qemuArgs) {
        List<String> key = new ArrayList<>(List.of(image, append, timeout.toString()));
        key.addAll(List.of(qemuArgs));
        Result known = FINISHED.get(key);
        if (known != null) return known;
        Result r = boot(stage(image), append, timeout, qemuArgs);
        if (!r.timedOut()) FINISHED.put(key, r);
        return r;
    }

    /** Runs of bundled images that ended by themselves, by image, command line, timeout and QEMU arguments. */
    private static final Map<List<String>, Result> FINISHED = new ConcurrentHashMap<>();

    /**
     * Copies a bundled image to target/qemu-images for QEMU to read. The copy is written under a
     * unique name and moved into place, so concurrent tests never see a half-written file.
     */
    static Path stage(String image) {
        byte[] bytes = KernelImages.bytes(image);
        try {
            Path dir = Files.createDirectories(Paths.get("target", "qemu-images"));
            Path file = dir.resolve(image);
            Path tmp = Files.createTempFile(dir, image, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + image + ": " + e.getMessage(), e);
        }
    }

    /** Starts {@code image} in the background with a QMP socket, for tests that interact with the guest. */
    static Session start(Path image, String append) {
        return Session.start(image, append);
    }

    /** Stages a bundled image in target/ and starts it in the background. */
    static Session startBundled(String image, String append) {
        return Session.start(stage(image), append);
    }

    static List<String> command(Path image, String append, String... extra) {
        List<String> command = new ArrayList<>(List.of(qemu().toString(),
                "-kernel", image.toString(), "-append", append, "-m", "128",
                "-nographic", "-serial", "stdio", "-monitor", "none", "-display", "none",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-no-reboot"));
        command.addAll(List.of(extra));
        return command;
    }

    /**
     * Boots {@code image} (128 MiB of RAM, no display, COM1 on stdout, plus {@code qemuArgs}) until it
     * exits or the timeout.
     */
    static Result boot(Path image, String append, Duration timeout, String... qemuArgs) {
        return run(command(image, append, qemuArgs), timeout);
    }

    /** Starts the firmware ROM {@code rom} at the reset vector ({@code -bios}), with COM1 and isa-debug-exit as for kernels. */
    static Result bootBios(Path rom, Duration timeout) {
        return run(List.of(qemu().toString(), "-bios", rom.toString(), "-m", "128", "-serial", "stdio", "-monitor", "none",
                "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-no-reboot"), timeout);
    }

    /** Boots the raw disk image {@code disk} through QEMU's firmware (SeaBIOS), with COM1 and isa-debug-exit as for kernels. */
    static Result bootDisk(Path disk, Duration timeout) {
        return bootDrives(timeout, "-drive", "file=" + disk + ",format=raw");
    }

    /** Boots the CD image {@code iso} (QEMU's {@code -cdrom}, the secondary master) through SeaBIOS ({@code -boot d}), as {@link #bootDisk}. */
    static Result bootCdrom(Path iso, Duration timeout) {
        return bootDrives(timeout, "-cdrom", iso.toString(), "-boot", "d");
    }

    /** Boots the drives in {@code driveArgs} (e.g. -fda FILE) through QEMU's firmware, with COM1 and isa-debug-exit as for kernels. */
    static Result bootDrives(Duration timeout, String... driveArgs) {
        return bootDrives(timeout, true, driveArgs);
    }

    /** As {@link #bootDrives(Duration, String...)}; without {@code noReboot} a guest's reset request restarts the machine. */
    static Result bootDrives(Duration timeout, boolean noReboot, String... driveArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(qemu().toString(), "-m", "128", "-serial", "stdio", "-monitor", "none",
                "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
        if (noReboot) command.add("-no-reboot");
        command.addAll(List.of(driveArgs));
        return run(command, timeout);
    }

    private static Result run(List<String> command, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("qemu-serial", ".txt");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String serial = Files.readString(out, StandardCharsets.ISO_8859_1);
            return new Result(finished ? process.exitValue() : -1, !finished, serial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while QEMU was running", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
