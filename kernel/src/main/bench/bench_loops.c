/* The load/store, call/ret and string workloads: their hot loops are in bench_loops.S (so that
 * both emulators run exactly these instructions); here the set-up, the checks and the report. */
#include "kernel.h"
#include "bench_kernel.h"

/* 64 KiB (16 pages) of words plus one, touched at a stride of 1031 words: a new page almost every
 * iteration, so the loop exercises address translation rather than one cached page. */
#define WORDS 16384u
static uint32_t buf[WORDS + 1] __attribute__((aligned(4096)));

/* The iterations the loop itself counted (0 when it did not run). */
static uint32_t done(uint32_t iters) {
    uint32_t n = iters ? bench_loops_done : 0;
    bench_loops_done = 0;
    return n;
}

static uint32_t sum_words(const uint32_t *p, uint32_t n) {
    uint32_t s = 0;
    for (uint32_t k = 0; k < n; k++) s = (s << 1 | s >> 31) ^ p[k];
    return s;
}

void bench_loadstore(const char *name, uint32_t iters) {
    for (uint32_t k = 0; k <= WORDS; k++) buf[k] = k * 0x9E3779B9u;
    uint32_t acc = iters ? bench_loadstore_loop(buf, iters) : 0;
    kprintf("bench: %s iters=%u loops=%u checksum=0x%08x\n", name, iters, done(iters), acc ^ sum_words(buf, WORDS + 1));
}

void bench_callret(uint32_t iters) {
    uint32_t acc = iters ? bench_callret_loop(iters) : 0;
    kprintf("bench: call iters=%u loops=%u checksum=0x%08x\n", iters, done(iters), acc);
}

/* Two 16 KiB buffers (plus room for the copy's offset): rep stosd fills one, rep movsd copies it. */
#define STRING_WORDS 4096u
static uint32_t src_buf[STRING_WORDS] __attribute__((aligned(4096)));
static uint32_t dst_buf[STRING_WORDS + 8] __attribute__((aligned(4096)));

void bench_string(uint32_t iters) {
    uint32_t acc = iters ? bench_string_loop(src_buf, dst_buf, iters) : 0;
    /* The last iteration filled src_buf with (iters - 1) * 0x01010101 and copied it to dst_buf + ((iters - 1) & 7). */
    uint32_t last = iters - 1, off = last & 7;
    check(!iters || (src_buf[0] == last * 0x01010101u && dst_buf[off + STRING_WORDS - 1] == last * 0x01010101u),
          "rep stosd / rep movsd results");
    kprintf("bench: rep iters=%u loops=%u checksum=0x%08x\n", iters, done(iters), acc ^ sum_words(dst_buf, STRING_WORDS + 8));
}
