package i386mon.bench;

import i386mon.shell.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to the first prompt of {@code scripts/i386mon} (interactive, the demo kernel, output on a
 * pipe) at a guest RAM size, and the process's resident memory at that prompt (VmRSS of
 * /proc/PID/status: the launcher execs java, so the process it starts is the JVM). The median of
 * several starts after one discarded start (which may write the launcher's class-data archive).
 */
final class StartupProbe {
    record Figure(String memory, Range promptMs, Range rssMiB) { }

    private final Path launcher;

    StartupProbe(Path launcher) {
        this.launcher = launcher;
    }

    Figure measure(String memory, int runs) {
        double[] ms = new double[runs], rss = new double[runs];
        for (int k = -1; k < runs; k++) {
            double[] one = once(memory);
            if (k >= 0) {
                ms[k] = one[0];
                rss[k] = one[1];
            }
        }
        return new Figure(memory, Range.of(ms), Range.of(rss));
    }

    /** [milliseconds to the prompt, resident MiB at the prompt]. */
    private double[] once(String memory) {
        Process p = null;
        try {
            long t0 = System.nanoTime();
            p = new ProcessBuilder(List.of(launcher.toString(), "-m", memory, "--serial", "none"))
                    .redirectErrorStream(true).start();
            InputStream in = p.getInputStream();
            StringBuilder seen = new StringBuilder();
            int b;
            while (seen.indexOf(Session.PROMPT) < 0 && (b = in.read()) >= 0) seen.append((char) b);
            long dt = System.nanoTime() - t0;
            if (seen.indexOf(Session.PROMPT) < 0) throw new BenchmarkException("scripts/i386mon -m " + memory + ": no prompt:\n" + seen);
            double rss = residentMiB(p.pid());
            p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new BenchmarkException("scripts/i386mon -m " + memory + ": no exit after quit");
            return new double[] {dt / 1e6, rss};
        } catch (IOException e) {
            throw new BenchmarkException("scripts/i386mon: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            if (p != null && p.isAlive()) p.destroyForcibly();
        }
    }

    /** VmRSS of a Linux process in MiB (NaN where /proc does not tell). */
    static double residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
