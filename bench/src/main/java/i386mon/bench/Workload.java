package i386mon.bench;

import java.util.List;

/**
 * One workload of the benchmark kernel (bench.elf, {@code workload=NAME iters=N}) with its iteration
 * counts: full (QEMU 7.2 needs 1-2 s of CPU time for each, 4-5 s for the mixed one: its time is not
 * lost in its start-up's noise), divided by a scale for shorter runs ({@code --quick}: 100).
 */
record Workload(String name, String label, long fullIters) {
    /** The near-empty run: boot, print, exit. Each side's start-up, subtracted from the others. */
    static final Workload EMPTY = new Workload("empty", "start-up (empty kernel)", 1);

    /** Iterations every workload gets in the smoke form (all of them in one boot). */
    static final long SMOKE_ITERS = 100;

    static final List<Workload> ALL = List.of(
            new Workload("alu", "register loop", 400_000_000L),
            new Workload("mem-flat", "load/store, paging off", 150_000_000L),
            new Workload("mem-4k", "load/store, 4 KiB pages", 150_000_000L),
            new Workload("mem-4m", "load/store, 4 MiB pages", 150_000_000L),
            new Workload("call", "call/ret/push/pop", 30_000_000L),
            new Workload("rep", "rep stosd + rep movsd, 16 KiB", 150_000L),
            new Workload("mix", "mixed (sort, matmul, crc, tokenizer, memcpy)", 40_000L));

    /** The full iteration count divided by {@code scale} (at least 1). */
    long iters(long scale) {
        return Math.max(1, fullIters / scale);
    }

    /** The kernel command line that runs this workload {@code iters} times. */
    String cmdline(long iters) {
        return "workload=" + name + " iters=" + iters;
    }
}
