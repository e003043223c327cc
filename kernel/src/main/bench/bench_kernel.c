/* bench.elf: the benchmark kernel. It boots with interrupts off (no timer, so a run retires the
 * same instructions on every correct CPU), runs one workload named on the command line, prints its
 * loop count and checksum on COM1 and exits through isa-debug-exit (port 0xF4): 0x10 pass, 0x11 a
 * self-check failed. QEMU then exits with status (code << 1) | 1 = 33 or 35, as i386mon --batch does.
 *
 * Command line: workload=LIST iters=N (decimal; N defaults to 1). LIST is comma-separated
 * names, run in order with the same N (the smoke form runs them all in one boot). Names:
 *   empty     nothing: the start-up baseline subtracted from the others
 *   alu       the register loop of bench.c
 *   mem-flat  loads and stores, paging off
 *   mem-4k    the same through 4 KiB pages
 *   mem-4m    the same through 4 MiB pages (CR4.PSE)
 *   call      call/ret/push/pop, paging on (4 KiB)
 *   rep       rep stosd and rep movsd of 16 KiB, paging on (4 KiB)
 *   mix       bench.c's mixed kernel workload (N rounds), paging on (4 KiB)
 *   touch     a word on each 4 KiB page of N MiB from 16 MiB up, paging off (resident memory)
 */
#include "kernel.h"
#include "multiboot.h"
#include "bench_kernel.h"

int exit_requested = 1;
int failures;

void check(int ok, const char *what) {
    if (!ok) {
        failures++;
        kprintf("check failed: %s\n", what);
    }
}

static void debug_exit(uint8_t code) {
    outb(0xF4, code);
}

/* Never called by a workload: the benchmark puts a breakpoint here to measure a breakpoint's cost
 * while it does not hit. Kept out of line and visible so its symbol exists. */
__attribute__((noinline, used)) void bench_never_called(void) {
    kprintf("bench: bench_never_called was called\n");
}

/* Words no workload touches, on a page of their own: the benchmark watches one for a watchpoint's
 * cost. Initialised, so in .data: the boot code's clearing of .bss does not write them. */
__attribute__((aligned(4096), used)) volatile uint32_t bench_untouched[1024] = { 1 };

/* A command line the kernel cannot run: say why and exit with the panic code. */
static void __attribute__((noreturn)) refuse(const char *why) {
    kprintf("panic: %s\n", why);
    debug_exit(EXIT_PANIC);
    for (;;) __asm__ volatile("cli; hlt");
}

void finish(void) {
    uint8_t code = failures ? EXIT_FAIL : EXIT_PASS;
    kprintf("bench: exit %s\n", failures ? "fail" : "pass");
    debug_exit(code);
    for (;;) __asm__ volatile("cli; hlt");
}

/* A decimal count (the benchmark passes nothing else); 0 when s is not one or overflows 32 bits. */
static int parse_decimal(const char *s, size_t n, uint32_t *out) {
    uint64_t v = 0;
    if (n == 0 || n > 10) return 0;
    while (n--) {
        if (*s < '0' || *s > '9') return 0;
        v = v * 10 + (uint64_t)(*s++ - '0');
    }
    if (v > 0xFFFFFFFFu) return 0;
    *out = (uint32_t)v;
    return 1;
}

struct workload {
    const char *name;
    void (*run)(uint32_t iters);
};

static void run_empty(uint32_t iters) {
    kprintf("bench: empty iters=%u loops=0 checksum=0x00000000\n", iters);
}

static void run_alu(uint32_t iters) { bench_alu(iters); }

static void run_mem_flat(uint32_t iters) {
    bench_paging_off();
    bench_loadstore("mem-flat", iters);
}

static void run_mem_4k(uint32_t iters) {
    bench_paging_4k();
    bench_loadstore("mem-4k", iters);
}

static void run_mem_4m(uint32_t iters) {
    if (!bench_paging_4m()) return;
    bench_loadstore("mem-4m", iters);
}

static void run_call(uint32_t iters) {
    bench_paging_4k();
    bench_callret(iters);
}

static void run_rep(uint32_t iters) {
    bench_paging_4k();
    bench_string(iters);
}

static void run_mix(uint32_t iters) {
    bench_paging_4k();
    bench_mix(iters);
}

/* Writes and reads back a word on every 4 KiB page of N MiB from 16 MiB up (paging off): resident
 * memory must follow the guest memory touched, not the -m size. */
static void run_touch(uint32_t iters) {
    volatile uint32_t *ram = (volatile uint32_t *)(16u << 20);
    uint32_t pages = iters * 256, sum = 0;
    bench_paging_off();
    for (uint32_t k = 0; k < pages; k++) ram[k * 1024] = k * 2654435761u;
    for (uint32_t k = 0; k < pages; k++) sum = (sum << 1 | sum >> 31) ^ ram[k * 1024];
    kprintf("bench: touch iters=%u loops=%u checksum=0x%08x\n", iters, pages, sum);
}

static const struct workload workloads[] = {
    { "empty", run_empty }, { "alu", run_alu }, { "mem-flat", run_mem_flat }, { "mem-4k", run_mem_4k },
    { "mem-4m", run_mem_4m }, { "call", run_call }, { "rep", run_rep }, { "mix", run_mix }, { "touch", run_touch },
};

#define CMDLINE_MAX 256
#define MAX_WORKLOADS 16

static const struct workload *find_workload(const char *s, size_t n) {
    for (size_t k = 0; k < sizeof workloads / sizeof workloads[0]; k++) {
        if (strlen(workloads[k].name) == n && !strncmp(s, workloads[k].name, n)) return &workloads[k];
    }
    return 0;
}

void kmain(uint32_t magic, uint32_t mbi_phys) {
    static char cmdline[CMDLINE_MAX];
    serial_init();
    if (magic != MB_LOADER_MAGIC) refuse("not booted by a multiboot loader");
    const struct multiboot_info *mbi = (const struct multiboot_info *)(uintptr_t)mbi_phys;
    if (mbi->flags & MB_INFO_CMDLINE) {
        const char *src = (const char *)(uintptr_t)mbi->cmdline;
        size_t i = 0;
        for (; src[i] && i < CMDLINE_MAX - 1; i++) cmdline[i] = src[i];
        cmdline[i] = 0;
    }
    const struct workload *chosen[MAX_WORKLOADS];
    int count = 0;
    uint32_t iters = 1;
    for (const char *p = cmdline; *p;) {
        while (*p == ' ') p++;
        const char *tok = p;
        while (*p && *p != ' ') p++;
        if (p - tok > 9 && !strncmp(tok, "workload=", 9)) {
            for (const char *q = tok + 9; q < p;) {
                const char *item = q;
                while (q < p && *q != ',') q++;
                const struct workload *w = find_workload(item, (size_t)(q - item));
                if (!w) refuse("unknown workload (empty, alu, mem-flat, mem-4k, mem-4m, call, rep, mix, touch)");
                if (count == MAX_WORKLOADS) refuse("more than 16 workloads");
                chosen[count++] = w;
                if (q < p) q++;
            }
        } else if (p - tok > 6 && !strncmp(tok, "iters=", 6)) {
            if (!parse_decimal(tok + 6, (size_t)(p - tok - 6), &iters)) refuse("bad iters value (a decimal count)");
        }
    }
    if (!count) refuse("no workload=NAME on the command line");
    for (int k = 0; k < count; k++) chosen[k]->run(iters);
    finish();
}
