package i386mon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's smoke form: it runs every workload to a passing exit and reports a rate. Not a timed test. */
class BenchmarkTest {
    @Test
    void quickRunReportsEveryWorkload() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Benchmark.Result> results = new Benchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, 0, true, false).run();
        assertEquals(3, results.size());
        for (Benchmark.Result r : results) assertTrue(r.i386monMips() > 0, r.toString());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("alu loop") && text.contains("memory loop") && text.contains("mixed"), text);
    }

    @Test
    void aluLoopRetiresTenInstructionsPerIteration() {
        Benchmark.Workload w = new Benchmark.Workload("alu", "bench-alu", 0);
        long diff = Benchmark.runToExit(w, 50_000) - Benchmark.runToExit(w, 10_000);
        // The loop retires 10 per iteration; printing the checksum costs a few more or less with its value.
        assertEquals(10, Math.round(diff / 40_000.0), "instructions for 40000 more iterations: " + diff);
    }

    @Test
    void medianOfEvenCountAveragesTheMiddlePair() {
        assertEquals(2.5, Benchmark.median(new double[] {4, 1, 3, 2}));
    }
}
