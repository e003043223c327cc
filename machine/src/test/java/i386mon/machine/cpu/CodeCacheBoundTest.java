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

    /**
     * 40 hot blocks in a loop with room for 8 compiled ones: the cache empties whenever 8 are
     * held and compiles again, and the loop's result is the interpreter's.
     */
    @Test
    void compiledBlocksHeldStayWithinTheirBound() {
        StringBuilder src = new StringBuilder("xor %eax,%eax\n mov $200,%ecx\nloop:\n");
        for (int b = 0; b < 40; b++) src.append(" add $").append(b + 1).append(",%eax\n jmp b").append(b).append("\nb").append(b).append(":\n");
        src.append(" dec %ecx\n jnz loop\n");
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(true);
        h.cpu.code.maxCompiled = 8;
        int most = 0;
        h.code(src.toString());
        for (int k = 0; k < 400 && h.cpu.stopReason() != Cpu.Stop.HALTED; k++) {
            h.cpu.run(500);
            most = Math.max(most, h.cpu.code.compiledHeld());
        }
        assertEquals(200 * (40 * 41 / 2), h.reg(Cpu.EAX));
        assertTrue(most <= 8, "held at most " + most);
        assertTrue(h.cpu.compiledBlocks() > 8, "compiled again after emptying: " + h.cpu.compiledBlocks());
    }
}
