/* kmain: bring the machine up, then run the scenarios named on the kernel command line.
 *
 * Command line syntax (whitespace-separated tokens; tokens not listed here are ignored, which
 * skips the image path some loaders put first):
 *   scenario=LIST   LIST is comma-separated; the key may be repeated and the lists are run in
 *                   order. Names: identity (the default when no scenario is given), identity-4m,
 *                   identity-all, higher-half (only in demo-higher-half.elf), user, stale-tlb,
 *                   ad-bits, bench-alu, bench-mem, bench-mix, triple, and fault=ADDR. The words "write"
 *                   and "user" directly after fault=ADDR modify that fault (a write access, made
 *                   from ring 3); to also run the user scenario, name it before the fault or in
 *                   its own scenario= key. A fault always ends the run with a panic.
 *   iters=N         iteration count of the bench-* scenarios (decimal or 0x hex).
 *   exit            when done, write the result to the isa-debug-exit port 0xF4:
 *                   0x10 pass, 0x11 a check failed, 0x12 panic (QEMU exits with (code << 1) | 1,
 *                   that is 33, 35 and 37). Without it the kernel idles with interrupts on
 *                   (sti; hlt), or after a panic halts with interrupts off (cli; hlt).
 */
#include "kernel.h"
#include "multiboot.h"

enum kind { S_IDENTITY, S_IDENTITY_4M, S_IDENTITY_ALL, S_HIGHER_HALF, S_USER, S_FAULT, S_STALE_TLB,
            S_AD_BITS, S_BENCH_ALU, S_BENCH_MEM, S_BENCH_MIX, S_TRIPLE, S_UNKNOWN };

static const char *const kind_names[] = { "identity", "identity-4m", "identity-all", "higher-half",
    "user", "fault", "stale-tlb", "ad-bits", "bench-alu", "bench-mem", "bench-mix", "triple" };

struct scenario {
    enum kind kind;
    uint32_t addr;
    int write, user;
};

#define MAX_SCENARIOS 16
#define CMDLINE_MAX 512
static struct scenario scenarios[MAX_SCENARIOS];
static int scenario_count;
static char cmdline[CMDLINE_MAX];
static uint32_t iters;
static int iters_given;
int exit_requested;
int failures;

static int parse_number(const char *s, size_t n, uint32_t *out) {
    uint32_t v = 0;
    unsigned base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; s += 2; n -= 2; }
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
        else return 0;
        v = v * base + d;
    }
    *out = v;
    return 1;
}

static void add_scenario(const char *s, size_t n) {
    if (scenario_count == MAX_SCENARIOS) { kprintf("cmdline: too many scenarios\n"); failures++; return; }
    struct scenario *prev = scenario_count ? &scenarios[scenario_count - 1] : 0;
    if (prev && prev->kind == S_FAULT && n == 5 && !strncmp(s, "write", 5)) { prev->write = 1; return; }
    if (prev && prev->kind == S_FAULT && n == 4 && !strncmp(s, "user", 4)) { prev->user = 1; return; }
    struct scenario *sc = &scenarios[scenario_count++];
    memset(sc, 0, sizeof *sc);
    if (n > 6 && !strncmp(s, "fault=", 6)) {
        sc->kind = S_FAULT;
        if (!parse_number(s + 6, n - 6, &sc->addr)) sc->kind = S_UNKNOWN;
        return;
    }
    sc->kind = S_UNKNOWN;
    for (int k = 0; k < S_UNKNOWN; k++) {
        if (k != S_FAULT && strlen(kind_names[k]) == n && !strncmp(s, kind_names[k], n)) sc->kind = (enum kind)k;
    }
    if (sc->kind == S_UNKNOWN) {
        kprintf("cmdline: unknown scenario '");
        for (size_t i = 0; i < n; i++) kputc(s[i]);
        kprintf("'\n");
        failures++;
        scenario_count--;
    }
}

static void parse_cmdline(void) {
    const char *p = cmdline;
    while (*p) {
        while (*p == ' ') p++;
        const char *tok = p;
        while (*p && *p != ' ') p++;
        size_t n = (size_t)(p - tok);
        if (n == 4 && !strncmp(tok, "exit", 4)) {
            exit_requested = 1;
        } else if (n > 6 && !strncmp(tok, "iters=", 6)) {
            if (parse_number(tok + 6, n - 6, &iters)) iters_given = 1;
            else { kprintf("cmdline: bad iters value\n"); failures++; }
        } else if (n > 9 && !strncmp(tok, "scenario=", 9)) {
            const char *q = tok + 9;
            while (q < p) {
                const char *item = q;
                /* "fault=ADDR" contains no comma, so splitting on commas is unambiguous. */
                while (q < p && *q != ',') q++;
                if (q > item) add_scenario(item, (size_t)(q - item));
                if (q < p) q++;
            }
        }
    }
}

void check(int ok, const char *what) {
    if (!ok) {
        failures++;
        kprintf("check failed: %s\n", what);
    }
}

static void debug_exit(uint8_t code) {
    outb(0xF4, code); /* isa-debug-exit; on hardware without it, fall through to the halt loop */
}

void panic(const char *fmt, ...) {
    __asm__ volatile("cli");
    va_list ap;
    va_start(ap, fmt);
    kprintf("panic: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    if (exit_requested) {
        kprintf("exit: panic (0x%02x)\n", EXIT_PANIC);
        debug_exit(EXIT_PANIC);
    }
    for (;;) __asm__ volatile("cli; hlt");
}

void finish(void) {
    if (failures) kprintf("done: %d check(s) failed\n", failures);
    else kprintf("done: all scenarios passed\n");
    if (exit_requested) {
        uint8_t code = failures ? EXIT_FAIL : EXIT_PASS;
        kprintf("exit: %s (0x%02x)\n", failures ? "fail" : "pass", code);
        debug_exit(code);
    }
    for (;;) __asm__ volatile("sti; hlt");
}

static void run(const struct scenario *sc) {
#ifdef HIGHER_HALF
    if (sc->kind == S_IDENTITY || sc->kind == S_IDENTITY_4M || sc->kind == S_IDENTITY_ALL) {
        kprintf("scenario: %s needs demo.elf (this kernel lives in the higher half)\n", kind_names[sc->kind]);
        failures++;
        return;
    }
#else
    if (sc->kind == S_HIGHER_HALF) {
        kprintf("scenario: higher-half needs demo-higher-half.elf\n");
        failures++;
        return;
    }
#endif
    kprintf("scenario: %s\n", kind_names[sc->kind]);
    switch (sc->kind) {
    case S_IDENTITY: scenario_identity(); break;
    case S_IDENTITY_4M: scenario_identity_4m(); break;
    case S_IDENTITY_ALL: scenario_identity_all(); break;
    case S_HIGHER_HALF: scenario_higher_half(); break;
    case S_USER: scenario_user(); break;
    case S_FAULT:
        if (sc->user) scenario_user_fault(sc->addr, sc->write);
        else scenario_fault(sc->addr, sc->write, 0);
        break;
    case S_STALE_TLB: scenario_stale_tlb(); break;
    case S_AD_BITS: scenario_ad_bits(); break;
    case S_BENCH_ALU: bench_alu(iters_given ? iters : 100000000u); break;
    case S_BENCH_MEM: bench_mem(iters_given ? iters : 100000000u); break;
    case S_BENCH_MIX: bench_mix(iters_given ? iters : 1000u); break;
    case S_TRIPLE: scenario_triple(); break;
    case S_UNKNOWN: break;
    }
}

void kmain(uint32_t magic, uint32_t mbi_phys) {
    serial_init();
    vga_init();
#ifdef HIGHER_HALF
    kprintf("i386mon demo kernel (higher half)\n");
#else
    kprintf("i386mon demo kernel\n");
#endif
    if (magic != MB_LOADER_MAGIC) panic("not booted by a multiboot loader (eax=0x%08x)", magic);
    const struct multiboot_info *mbi = kvirt(mbi_phys);
    if (mbi->flags & MB_INFO_CMDLINE) {
        const char *src = kvirt(mbi->cmdline);
        size_t i = 0;
        for (; src[i] && i < CMDLINE_MAX - 1; i++) cmdline[i] = src[i];
        cmdline[i] = 0;
    }
    parse_cmdline();
#ifdef HIGHER_HALF
    higher_half_remove_low();
#endif
    gdt_init();
    idt_init();
    pic_init();
    pit_init(100);
    kbd_init();
    __asm__ volatile("sti");
    pmm_init(mbi);
    pmm_selftest();

    if (scenario_count == 0) {
#ifdef HIGHER_HALF
        scenarios[scenario_count++].kind = S_HIGHER_HALF;
#else
        scenarios[scenario_count++].kind = S_IDENTITY;
#endif
    }
    for (int i = 0; i < scenario_count; i++) run(&scenarios[i]);
    finish();
}
