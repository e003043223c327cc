package i386mon.bench;

import i386mon.shell.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to the first prompt of the monitor (interactive, output on a pipe) at a guest RAM size,
 * and its memory: the process's peak resident set (VmHWM of /proc/PID/status; the launcher execs
 * java, so the process it starts is the JVM) at that prompt, and again after {@code cont} ran the
 * benchmark kernel's {@code touch} workload, which writes every page of {@link #TOUCHED_MIB} MiB. The
 * medians of several starts after one discarded start (which may write the launcher's class-data archive).
 */
final class StartupProbe {
    /** Guest memory the touch workload writes after the prompt. */
    static final int TOUCHED_MIB = 10;

    record Figure(String memory, Range promptMs, Range promptCpuMs, Range rssMiB, Range touchedRssMiB) { }

    /** One start: milliseconds to the prompt, the process's CPU milliseconds then, peak resident MiB then and after the touch. */
    record Sample(double promptMs, double promptCpuMs, double rssMiB, double touchedRssMiB) { }

    private final List<String> command;
    private final BenchKernel kernel;

    /** {@code command}: what starts the monitor ({@code scripts/i386mon}, or java and its options before the main class). */
    StartupProbe(List<String> command, BenchKernel kernel) {
        this.command = List.copyOf(command);
        this.kernel = kernel;
    }

    static StartupProbe launcher(Path script, BenchKernel kernel) {
        return new StartupProbe(List.of(script.toString()), kernel);
    }

    /** i386mon's main class in a fresh JVM on this JVM's class path, its heap sized as scripts/i386mon sizes it. */
    static StartupProbe javaMain(long ramMiB, BenchKernel kernel) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new StartupProbe(List.of(java.toString(), "-Xmx" + (ramMiB + 1024) + "m", "-cp", System.getProperty("java.class.path"),
                "i386mon.shell.Main"), kernel);
    }

    /**
     * Each RAM size {@code runs} times, the sizes taking turns (the first start of each discarded), with
     * {@code launcher} (scripts/i386mon), or without it the main class in a JVM sized as the launcher sizes it.
     */
    static List<Figure> alternating(StartupProbe launcher, BenchKernel kernel, List<String> sizes, int runs, Progress progress) {
        int n = sizes.size();
        StartupProbe[] probes = new StartupProbe[n];
        Sample[][] samples = new Sample[n][runs];
        for (int i = 0; i < n; i++) probes[i] = launcher != null ? launcher : javaMain(mebibytes(sizes.get(i)), kernel);
        for (int k = -1; k < runs; k++) {
            progress.note("start-up to the prompt and resident memory" + (k < 0 ? ": warm-up" : ": " + (k + 1) + "/" + runs));
            for (int j = 0; j < n; j++) {
                int i = k % 2 == 0 ? j : n - 1 - j;
                Sample one = probes[i].once(sizes.get(i));
                if (k >= 0) samples[i][k] = one;
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sample[] s = samples[i];
            figures.add(new Figure(sizes.get(i), range(s, Sample::promptMs), range(s, Sample::promptCpuMs), range(s, Sample::rssMiB),
                    range(s, Sample::touchedRssMiB)));
        }
        return figures;
    }

    private static Range range(Sample[] samples, java.util.function.ToDoubleFunction<Sample> field) {
        return Range.of(java.util.Arrays.stream(samples).mapToDouble(field).toArray());
    }

    /** "128M" or "3G" in MiB. */
    static long mebibytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return size.endsWith("G") ? n << 10 : n;
    }

    Sample once(String memory) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("-m", memory, "-a", "workload=touch iters=" + TOUCHED_MIB,
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", kernel.file().toString()));
        Process p = null;
        try {
            long t0 = System.nanoTime();
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            InputStream in = p.getInputStream();
            String seen = upToPrompt(in, argv);
            long dt = System.nanoTime() - t0;
            double cpuMs = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
            double rss = peakResidentMiB(p.pid());
            OutputStream to = p.getOutputStream();
            to.write("cont\n".getBytes(StandardCharsets.UTF_8));
            to.flush();
            String ran = upToPrompt(in, argv);
            if (!ran.contains("bench: touch iters=" + TOUCHED_MIB + " ")) throw new BenchmarkException(String.join(" ", argv) + ": the touch workload did not run:\n" + seen + ran);
            double touched = peakResidentMiB(p.pid());
            to.write("quit\n".getBytes(StandardCharsets.UTF_8));
            to.close();
            in.transferTo(OutputStream.nullOutputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new BenchmarkException(String.join(" ", argv) + ": no exit after quit");
            return new Sample(dt / 1e6, cpuMs, rss, touched);
        } catch (IOException e) {
            throw new BenchmarkException(argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            if (p != null && p.isAlive()) p.destroyForcibly();
        }
    }

    /** The output up to and including the next prompt. */
    private static String upToPrompt(InputStream in, List<String> argv) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while (!endsWithPrompt(seen) && (b = in.read()) >= 0) seen.append((char) b);
        if (!endsWithPrompt(seen)) throw new BenchmarkException(String.join(" ", argv) + ": no prompt:\n" + seen);
        return seen.toString();
    }

    private static boolean endsWithPrompt(StringBuilder s) {
        int n = s.length(), k = Session.PROMPT.length();
        return n >= k && s.substring(n - k).equals(Session.PROMPT);
    }

    /** VmHWM (the peak resident set) of a Linux process in MiB (NaN where /proc does not tell). */
    static double peakResidentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
