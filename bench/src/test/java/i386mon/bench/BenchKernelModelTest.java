package i386mon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bench.elf's loops against Java models of the same loops (bench_loops.S and bench_loops.c), run in i386mon. */
class BenchKernelModelTest {
    private static final BenchKernel KERNEL = BenchKernel.load();

    /** sum_words of bench_loops.c. */
    static int sumWords(int[] p) {
        int s = 0;
        for (int w : p) s = Integer.rotateLeft(s, 1) ^ w;
        return s;
    }

    static int loadStoreChecksum(int iters) {
        int[] buf = new int[16385];
        for (int k = 0; k < buf.length; k++) buf[k] = k * 0x9E3779B9;
        int acc = 0;
        for (int i = 0; i < iters; i++) {
            int j = (i * 1031) & 16383;
            int v = Integer.rotateLeft(buf[j] + i, 3);
            buf[j + 1] = v;
            acc ^= v;
        }
        return acc ^ sumWords(buf);
    }

    static int callRetChecksum(int iters) {
        int acc = 0;
        for (int i = 0; i < iters; i++) {
            int inner = Integer.rotateLeft(acc + i, 7) ^ 0x5bd1e995;
            acc = Integer.rotateLeft(inner + i + 1, 7);
        }
        return acc;
    }

    static int stringChecksum(int iters) {
        int[] src = new int[4096], dst = new int[4096 + 8];
        int acc = 0;
        for (int i = 0; i < iters; i++) {
            java.util.Arrays.fill(src, i * 0x01010101);
            System.arraycopy(src, 0, dst, i & 7, 4096);
            acc = Integer.rotateLeft(acc, 1) ^ dst[(i * 17) & 4095];
        }
        return acc ^ sumWords(dst);
    }

    private static List<String> lines(String cmdline) {
        return InJvmRun.run(KERNEL, cmdline).report().lines();
    }

    @Test
    void loadStoreLoopMatchesTheModel() {
        assertEquals(List.of(String.format("bench: mem-4k iters=5003 loops=5003 checksum=0x%08x", loadStoreChecksum(5003))),
                lines("workload=mem-4k iters=5003"));
    }

    @Test
    void callRetLoopMatchesTheModel() {
        assertEquals(List.of(String.format("bench: call iters=4099 loops=4099 checksum=0x%08x", callRetChecksum(4099))),
                lines("workload=call iters=4099"));
    }

    @Test
    void stringLoopMatchesTheModel() {
        assertEquals(List.of(String.format("bench: rep iters=23 loops=23 checksum=0x%08x", stringChecksum(23))),
                lines("workload=rep iters=23"));
    }
}
