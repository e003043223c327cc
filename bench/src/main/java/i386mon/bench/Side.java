package i386mon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One emulator run as a whole process on a kernel file and command line, or the firmware booting a
 * drive, the way a user (or a Makefile) runs it: {@code scripts/i386mon --batch ...} or
 * {@code qemu-system-i386 -accel tcg ...}, both with 128 MiB of RAM, the serial port on stdout and
 * isa-debug-exit at 0xf4.
 */
record Side(String name, List<String> prefix, List<String> suffix) {
    private static final List<String> COMMON = List.of("-display", "none", "-serial", "stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");

    /** scripts/i386mon as users start it (its class-data archive and heap sizing included). */
    static Side launcher(Path script) {
        return new Side("i386mon", List.of(script.toString(), "--batch", "-m", "128M"), COMMON);
    }

    /** i386mon's main class in a fresh JVM on this JVM's class path (the test's form: no launcher, no archive). */
    static Side javaMain() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Side("i386mon", List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "i386mon.shell.Main", "--batch", "-m", "128M"), COMMON);
    }

    static Side qemu(Path binary) {
        List<String> suffix = new ArrayList<>(COMMON);
        suffix.addAll(List.of("-monitor", "none"));
        return new Side("qemu", List.of(binary.toString(), "-accel", "tcg", "-m", "128"), suffix);
    }

    /** qemu-system-i386 on PATH, or null. */
    static Path findQemu() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "qemu-system-i386");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    List<String> argv(Path kernel, String cmdline) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("-kernel", kernel.toString(), "-append", cmdline));
        argv.addAll(suffix);
        return argv;
    }

    /** The firmware booting the drives {@code drive} gives, with {@code extra} options (the monitor's -c: i386mon only). */
    ChildRun boot(List<String> drive, List<String> extra, long timeoutSeconds) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(drive);
        argv.addAll(extra);
        argv.addAll(suffix);
        return ChildRun.run(argv, timeoutSeconds);
    }

    /** Runs the kernel to its passing exit and checks its results against {@code expected}. */
    ChildRun run(Path kernel, String cmdline, GuestReport expected, long timeoutSeconds) {
        ChildRun r = ChildRun.run(argv(kernel, cmdline), timeoutSeconds);
        if (r.exitStatus() != InJvmRun.PASS) {
            throw new BenchmarkException(name + " " + cmdline + ": exit status " + r.exitStatus() + " (expected 33: pass)\n"
                    + r.stdout() + r.stderr());
        }
        expected.requireSame(GuestReport.parse(r.stdout()), name + " " + cmdline);
        return r;
    }
}
