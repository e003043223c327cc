package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark guests: their checksums against a Java model of the same loop. */
class BenchScenarioTest {

    /** The loop of bench_alu in bench.c. */
    static int aluChecksum(int iters) {
        int a = 0x12345678, b = 0x9ABCDEF0, c = 0x0F1E2D3C, s = 0;
        for (int n = 0; n < iters; n++) {
            a += b;
            c ^= a;
            b -= c;
            a = Integer.rotateLeft(a, 5);
            c &= 0x7FFFFFFF;
            b |= 0x101;
            s++;
            c += s;
        }
        return a ^ b ^ c ^ s;
    }

    /** The loop of bench_mem in bench.c. */
    static int memChecksum(int iters) {
        int[] buf = new int[257];
        for (int k = 0; k < buf.length; k++) {
            buf[k] = k * 0x9E3779B9;
        }
        int acc = 0;
        for (int i = 0; i < iters; i++) {
            int j = i & 255;
            int v = Integer.rotateLeft(buf[j] + i, 3);
            buf[j + 1] = v;
            acc ^= v;
        }
        int sum = acc;
        for (int w : buf) {
            sum += w;
        }
        return sum;
    }

    @Test
    void benchAluChecksumMatchesTheModel() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=bench-alu iters=123457 exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine(String.format("bench-alu: iters=123457 checksum=0x%08x", aluChecksum(123457))), r::toString);
    }

    @Test
    void benchMemChecksumMatchesTheModel() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=bench-mem iters=0x10001 exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("paging: enabled (identity, 4 KiB pages)"), r::toString);
        assertTrue(r.hasLine(String.format("bench-mem: iters=65537 checksum=0x%08x", memChecksum(65537))), r::toString);
    }

    @Test
    void benchMixPassesItsSelfChecks() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=bench-mix iters=20 exit");
        assertEquals(0x10, r.debugExitCode(), r::toString);
        assertEquals(List.of("bench-mix: crc32 check ok", "bench-mix: sort check ok", "bench-mix: matrix check ok",
                "bench-mix: memcpy check ok"), r.linesFrom("bench-mix: crc32 check ok").subList(0, 4), r::toString);
        assertTrue(r.find("bench-mix: rounds=20 checksum=0x[0-9a-f]{8}").isPresent(), r::toString);
    }
}
