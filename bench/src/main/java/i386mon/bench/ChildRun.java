package i386mon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One whole process, as a user runs it: its wall time, its CPU time (user + system of it and every
 * process it waited for, all threads: getrusage(RUSAGE_CHILDREN) as bash's {@code times} reports it
 * after the wait), its exit status and its standard output.
 */
record ChildRun(long wallNanos, long cpuNanos, int exitStatus, String stdout, String stderr) {
    /** bash runs the command, waits for it and writes its children's user and system times. */
    private static final String WRAPPER = "\"$@\"; rc=$?; times > \"$0\"; exit $rc";
    private static final Pattern TIME = Pattern.compile("(\\d+)m([0-9.]+)s");

    static ChildRun run(List<String> argv, long timeoutSeconds) {
        Path times = null, out = null, err = null;
        try {
            times = Files.createTempFile("i386mon-bench", ".times");
            out = Files.createTempFile("i386mon-bench", ".out");
            err = Files.createTempFile("i386mon-bench", ".err");
            List<String> cmd = new ArrayList<>(List.of("bash", "-c", WRAPPER, times.toString()));
            cmd.addAll(argv);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new BenchmarkException(String.join(" ", argv) + ": no exit within " + timeoutSeconds + " s");
            }
            long wall = System.nanoTime() - t0;
            return new ChildRun(wall, childCpuNanos(Files.readString(times)), p.exitValue(),
                    Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new BenchmarkException("cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            for (Path p : new Path[] {times, out, err}) {
                try {
                    if (p != null) Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The second line of bash's {@code times}: the children's user and system time, e.g. {@code 0m1.234s 0m0.056s}. */
    static long childCpuNanos(String times) {
        String[] lines = times.strip().split("\n");
        if (lines.length < 2) throw new BenchmarkException("no CPU times from bash: " + times);
        Matcher m = TIME.matcher(lines[1]);
        double seconds = 0;
        int found = 0;
        while (m.find()) {
            seconds += Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            found++;
        }
        if (found != 2) throw new BenchmarkException("unexpected times line: " + lines[1]);
        return Math.round(seconds * 1e9);
    }
}
