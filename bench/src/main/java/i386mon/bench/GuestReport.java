package i386mon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark kernel printed that proves a run's result: its lines carrying a loop count or
 * a checksum ({@code bench: mem-4k iters=N loops=N checksum=0x...}, bench.c's {@code bench-alu:}
 * and {@code bench-mix:} lines), in order. Two runs did the same work when these are equal.
 */
record GuestReport(List<String> lines, boolean passed) {
    static GuestReport parse(String serial) {
        List<String> lines = new ArrayList<>();
        boolean passed = false;
        for (String raw : serial.split("\n")) {
            String line = raw.strip();
            if (line.contains("checksum=") || line.contains(" check ")) lines.add(line);
            if (line.equals("bench: exit pass")) passed = true;
        }
        return new GuestReport(List.copyOf(lines), passed);
    }

    /** Throws naming both outputs when {@code other} differs from this one, or either did not pass. */
    void requireSame(GuestReport other, String what) {
        if (!passed || !other.passed || !lines.equals(other.lines)) {
            throw new BenchmarkException(what + ": the results differ or a run did not pass\n  expected " + lines
                    + (passed ? "" : " (no pass)") + "\n  got      " + other.lines + (other.passed ? "" : " (no pass)"));
        }
    }
}
