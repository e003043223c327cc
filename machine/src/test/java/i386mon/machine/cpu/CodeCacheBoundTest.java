package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The decoded-instruction cache is bounded (#18): a wild guest runs on in a small heap. */
class CodeCacheBoundTest {
    /**
     * 100 M instructions through 15 MiB of zeroed memory in a JVM with a 192 MiB heap. Unbounded,
     * the cache held a block every 128 bytes (7.8 M decoded instructions, ~800 MB) and the JVM
     * died with OutOfMemoryError in the first pass.
     */
    @Test
    void wildGuestRunsHundredMillionInstructionsInASmallHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx192m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), WildGuest.class.getName(), "100000000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the wild guest did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("retired 1000"), out);
    }

    @Test
    void clearingTheCacheForgetsItsSizeToo() {
        CpuHarness h = new CpuHarness();
        h.cpu.setEip(WildGuest.START); // zeroed memory: add %al,(%eax) blocks
        h.set(Cpu.EAX, CpuHarness.DATA);
        h.cpu.run(10_000);
        assertTrue(h.cpu.code.cachedInstructions() > 0 && h.cpu.code.cachedPages() > 0);
        h.cpu.code.clear(); // as a snapshot restore does
        assertEquals(0, h.cpu.code.cachedInstructions());
        assertEquals(0, h.cpu.code.cachedPages());
    }
}
