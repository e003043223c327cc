/* 32-bit paging (SDM vol. 3, chapter 4.3): the identity scenarios, the translation routine, the
 * page-fault handler and the TLB and accessed/dirty experiments. */
#include "kernel.h"

#define CR0_PG  0x80000000u
#define CR4_PSE 0x00000010u
#define MIB16   0x01000000u
#define SCRATCH 0xD0000000u /* a region no scenario maps otherwise (above 16 MiB, below the higher half) */

uint32_t *kernel_pd;
uint32_t kernel_pd_phys;
#ifdef HIGHER_HALF
static uint32_t direct_limit = MIB16; /* the boot tables map the first 16 MiB at KERNEL_VBASE */
#else
static uint32_t direct_limit; /* physical memory reachable at P2V(phys) while paging is on */
#endif
static int direct_all;        /* identity-all: every physical address is reachable */
uint32_t probe_cr2, probe_err;

#ifndef HIGHER_HALF
static uint32_t id_pd[1024] __attribute__((aligned(4096)));
static uint32_t id_pt[4][1024] __attribute__((aligned(4096)));
static uint32_t id4m_pd[1024] __attribute__((aligned(4096)));
#endif

int paging_enabled(void) {
    return (read_cr0() & CR0_PG) != 0;
}

void *kvirt(uint32_t phys) {
#ifndef HIGHER_HALF
    if (!paging_enabled() || direct_all) return (void *)(uintptr_t)phys;
#endif
    if (phys < direct_limit) return P2V(phys);
    panic("kvirt: physical 0x%08x is outside the kernel's mapping", phys);
}

/* Walks pd like the MMU does. Returns 1 and the physical address and effective flags (U and W are
 * the AND of both levels, SDM 4.6) when va is mapped. */
int vm_translate(const uint32_t *pd, uint32_t va, uint32_t *pa, uint32_t *flags) {
    uint32_t pde = pd[va >> 22];
    if (!(pde & PTE_P)) return 0;
    if ((pde & PDE_PS) && (read_cr4() & CR4_PSE)) {
        *pa = (pde & 0xFFC00000u) | (va & 0x003FFFFFu);
        *flags = pde & 0x1FFu;
        return 1;
    }
    const uint32_t *pt = kvirt(pde & 0xFFFFF000u);
    uint32_t pte = pt[(va >> 12) & 0x3FF];
    if (!(pte & PTE_P)) return 0;
    *pa = (pte & 0xFFFFF000u) | (va & 0xFFFu);
    *flags = (pte & 0x1FFu & ~(PTE_U | PTE_W)) | (pte & pde & (PTE_U | PTE_W));
    return 1;
}

uint32_t *vm_pte(uint32_t *pd, uint32_t va, int create, uint32_t pde_flags) {
    uint32_t *pde = &pd[va >> 22];
    if (*pde & PTE_P && *pde & PDE_PS) panic("vm_pte: 0x%08x lies in a 4 MiB page", va);
    if (!(*pde & PTE_P)) {
        if (!create) return 0;
        uint32_t pt = pmm_alloc();
        memset(kvirt(pt), 0, PAGE_SIZE);
        *pde = pt | PTE_P | PTE_W | pde_flags;
    }
    uint32_t *pt = kvirt(*pde & 0xFFFFF000u);
    return &pt[(va >> 12) & 0x3FF];
}

void vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags) {
    *vm_pte(pd, va, 1, flags & PTE_U) = (pa & 0xFFFFF000u) | flags | PTE_P;
    if (pd == kernel_pd && paging_enabled()) invlpg(va);
}

static __attribute__((unused)) void load_directory(uint32_t *pd, uint32_t pd_phys, uint32_t limit, int all) {
    kernel_pd = pd;
    kernel_pd_phys = pd_phys;
    direct_limit = limit;
    direct_all = all;
    write_cr3(pd_phys);
    if (!paging_enabled()) write_cr0(read_cr0() | CR0_PG);
}

void pf_describe(const char *prefix, uint32_t cr2, uint32_t eip, uint32_t err) {
    /* Error code bits, SDM vol. 3, 4.7: P, W/R, U/S, RSVD, I/D. */
    kprintf("%s: cr2=0x%08x eip=0x%08x err=0x%x (%s, %s, %s%s%s)\n", prefix, cr2, eip, err,
            err & 1 ? "present" : "not-present", err & 2 ? "write" : "read", err & 4 ? "user" : "supervisor",
            err & 8 ? ", reserved-bit" : "", err & 16 ? ", instruction-fetch" : "");
}

struct frame *page_fault(struct frame *f) {
    uint32_t cr2 = read_cr2();
    if (f->eip == (uint32_t)(uintptr_t)probe_insn) {
        probe_cr2 = cr2;
        probe_err = f->err;
        f->eip = (uint32_t)(uintptr_t)probe_fixup;
        return f;
    }
    if ((f->cs & 3) == 3 && task_active()) return task_exception(f, cr2);
    pf_describe("pf", cr2, f->eip, f->err);
    panic("page fault at 0x%08x", cr2);
}

/* Proves translation really happens: a scratch page aliasing a fresh frame shows the frame's data
 * both ways, and the first address past the mapping faults. */
static int alias_test(void) {
    uint32_t frame = pmm_alloc();
    volatile uint32_t *direct = kvirt(frame);
    volatile uint32_t *alias = (volatile uint32_t *)SCRATCH;
    direct[0] = 0xC0FFEE01u;
    direct[1023] = 0x12345678u;
    vm_map(kernel_pd, SCRATCH, frame, PTE_W);
    int ok = alias[0] == 0xC0FFEE01u && alias[1023] == 0x12345678u;
    alias[1] = 0xFEEDFACEu;
    ok &= direct[1] == 0xFEEDFACEu;
    *vm_pte(kernel_pd, SCRATCH, 0, 0) = 0;
    invlpg(SCRATCH);
    uint32_t v;
    ok &= probe_read32(SCRATCH, &v) == -1 && probe_cr2 == SCRATCH && (probe_err & 1) == 0;
    pmm_free(frame);
    return ok;
}

static int translates_to(uint32_t va, uint32_t expect) {
    uint32_t pa, flags;
    return vm_translate(kernel_pd, va, &pa, &flags) && pa == expect;
}

static __attribute__((unused)) void low16_selftest(void) {
    int ok = paging_enabled() && read_cr3() == kernel_pd_phys;
    ok &= translates_to(0x000B8000u, 0x000B8000u);
    ok &= translates_to((uint32_t)(uintptr_t)&kernel_pd, V2P(&kernel_pd));
    ok &= translates_to(0x00FFFFFCu, 0x00FFFFFCu);
    uint32_t pa, flags, v;
    ok &= !vm_translate(kernel_pd, MIB16, &pa, &flags);
    ok &= probe_read32(MIB16, &v) == -1 && probe_cr2 == MIB16;
    ok &= alias_test();
    kprintf("selftest: %s\n", ok ? "ok" : "FAILED");
    check(ok, "paging read/write self-test");
}

#ifndef HIGHER_HALF
static void identity_4k_tables(void) {
    memset(id_pd, 0, sizeof id_pd);
    for (uint32_t t = 0; t < 4; t++) {
        for (uint32_t i = 0; i < 1024; i++) id_pt[t][i] = ((t << 22) | (i << 12)) | PTE_P | PTE_W;
        id_pd[t] = V2P(id_pt[t]) | PTE_P | PTE_W;
    }
    load_directory(id_pd, V2P(id_pd), MIB16, 0);
    kprintf("paging: enabled (identity, 4 KiB pages)\n");
    kprintf("paging: first 16 MiB mapped from static tables\n");
}
#endif

void paging_ensure_4k(void) {
#ifndef HIGHER_HALF
    if (!paging_enabled()) identity_4k_tables();
#endif
}

void scenario_identity(void) {
#ifndef HIGHER_HALF
    identity_4k_tables();
    low16_selftest();
#endif
}

void scenario_identity_4m(void) {
#ifndef HIGHER_HALF
    /* CPUID exists when EFLAGS.ID (bit 21) can be toggled (SDM vol. 1, 19.1); an 80386 has neither. */
    uint32_t f1, f2;
    __asm__ volatile("pushfl; pushfl; xorl $0x200000, (%%esp); popfl; pushfl; popl %0; popl %1; pushl %1; popfl"
                     : "=r"(f1), "=r"(f2) : : "cc");
    uint32_t a, b, c, d = 0;
    if ((f1 ^ f2) & 0x200000u) __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    if (!(d & (1u << 3))) {
        kprintf("paging: CPU lacks PSE (no CPUID, or CPUID.1:EDX bit 3 clear)\n");
        failures++;
        return;
    }
    memset(id4m_pd, 0, sizeof id4m_pd);
    for (uint32_t t = 0; t < 4; t++) id4m_pd[t] = (t << 22) | PDE_PS | PTE_P | PTE_W;
    write_cr4(read_cr4() | CR4_PSE); /* before the directory is used: PS is ignored without it */
    load_directory(id4m_pd, V2P(id4m_pd), MIB16, 0);
    kprintf("paging: enabled (identity, 4 MiB pages)\n");
    kprintf("paging: first 16 MiB mapped by 4 directory entries with PS=1\n");
    low16_selftest();
#endif
}

void scenario_identity_all(void) {
#ifndef HIGHER_HALF
    uint32_t pd_phys = pmm_alloc();
    uint32_t *pd = kvirt(pd_phys);
    for (uint32_t t = 0; t < 1024; t++) {
        uint32_t pt_phys = pmm_alloc();
        uint32_t *pt = kvirt(pt_phys);
        for (uint32_t i = 0; i < 1024; i++) pt[i] = ((t << 22) | (i << 12)) | PTE_P | PTE_W;
        pd[t] = pt_phys | PTE_P | PTE_W;
    }
    load_directory(pd, pd_phys, 0, 1);
    kprintf("paging: enabled (identity, 4 KiB pages)\n");
    kprintf("paging: all 4 GiB mapped by 1024 tables from the allocator\n");

    static const uint32_t known[] = { 0x00000000u, 0x000B8000u, 0x00100000u, 0x00FFF123u, 0x7FFFFFFCu,
                                      0xC0000000u, 0xFEE00020u, 0xFFFFFFFFu };
    int ok = 1;
    for (unsigned i = 0; i < sizeof known / sizeof known[0]; i++) {
        int hit = translates_to(known[i], known[i]);
        kprintf("translate: 0x%08x -> 0x%08x %s\n", known[i], known[i], hit ? "ok" : "WRONG");
        ok &= hit;
    }
    int sym = translates_to((uint32_t)(uintptr_t)&kernel_pd, V2P(&kernel_pd));
    kprintf("translate: kernel symbol -> its load address %s\n", sym ? "ok" : "WRONG");
    ok &= sym;

    /* Remap one page to a fresh frame: the walk must follow the new entry. */
    uint32_t frame = pmm_alloc();
    const uint32_t va = 0xE0000000u;
    vm_map(pd, va, frame, PTE_W);
    *(volatile uint32_t *)(va + 0x120) = 0xABCD1234u;
    int remap = translates_to(va + 0x123, frame + 0x123) && *(volatile uint32_t *)(frame + 0x120) == 0xABCD1234u;
    kprintf("translate: 0x%08x -> allocated frame + 0x123 %s\n", va + 0x123, remap ? "ok" : "WRONG");
    ok &= remap;
    *vm_pte(pd, va, 0, 0) = 0;
    invlpg(va);
    uint32_t pa, flags, v;
    int gone = !vm_translate(pd, va, &pa, &flags) && probe_read32(va, &v) == -1 && probe_cr2 == va;
    kprintf("translate: 0x%08x unmapped -> no translation, read faults %s\n", va, gone ? "ok" : "WRONG");
    ok &= gone;
    vm_map(pd, va, va, PTE_W);
    pmm_free(frame);
    ok &= alias_test();
    kprintf("selftest: %s\n", ok ? "ok" : "FAILED");
    check(ok, "identity-all translation");
#endif
}

#ifdef HIGHER_HALF
extern uint32_t boot_pd[1024];

void higher_half_remove_low(void) {
    kernel_pd = boot_pd;
    kernel_pd_phys = V2P(boot_pd);
    direct_limit = MIB16;
    for (int i = 0; i < 4; i++) boot_pd[i] = 0;
    write_cr3(kernel_pd_phys); /* flush the TLB of the low translations */
    kprintf("paging: enabled (higher-half, 4 KiB pages)\n");
    kprintf("paging: low mapping removed\n");
}
#endif

void scenario_higher_half(void) {
#ifdef HIGHER_HALF
    uint32_t here;
    __asm__ volatile("call 1f\n1: pop %0" : "=r"(here));
    int ok = here >= 0xC0100000u;
    kprintf("higher-half: kernel linked at %p, loaded at %p, running %s\n", __kernel_start,
            (void *)(uintptr_t)V2P(__kernel_start), ok ? "high" : "LOW");
    int tr = translates_to((uint32_t)(uintptr_t)__kernel_start, V2P(__kernel_start));
    kprintf("higher-half: translate %p -> %p %s\n", __kernel_start, (void *)(uintptr_t)V2P(__kernel_start),
            tr ? "ok" : "WRONG");
    ok &= tr;
    uint32_t pa, flags, v;
    int low_gone = !vm_translate(kernel_pd, V2P(__kernel_start), &pa, &flags);
    int faulted = probe_read32(V2P(__kernel_start), &v) == -1;
    if (faulted) kprintf("higher-half: reading %p faults, err=0x%x (%s)\n", (void *)(uintptr_t)probe_cr2, probe_err,
                         probe_err & 1 ? "present" : "not-present");
    kprintf("higher-half: %p has %s\n", (void *)(uintptr_t)V2P(__kernel_start),
            low_gone && faulted ? "no mapping (read faults)" : "a MAPPING");
    ok &= low_gone && faulted && probe_cr2 == V2P(__kernel_start) && (probe_err & 1) == 0;
    int magic = *(volatile uint32_t *)__kernel_start == 0x1BADB002u;
    kprintf("higher-half: multiboot header visible at %p %s\n", __kernel_start, magic ? "ok" : "WRONG");
    ok &= magic;
    ok &= alias_test();
    kprintf("selftest: %s\n", ok ? "ok" : "FAILED");
    check(ok, "higher-half");
#endif
}

void scenario_fault(uint32_t addr, int write, int user) {
    (void)user;
    paging_ensure_4k();
    kprintf("fault: %s 0x%08x from ring 0\n", write ? "writing" : "reading", addr);
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)addr;
    if (write) *p = 0x5A5A5A5Au;
    else (void)*p;
    kprintf("fault: no page fault: 0x%08x is mapped\n", addr);
    failures++;
}

void scenario_stale_tlb(void) {
    paging_ensure_4k();
    const uint32_t va = SCRATCH + 0x400000u;
    uint32_t f1 = pmm_alloc(), f2 = pmm_alloc();
    *(volatile uint32_t *)kvirt(f1) = 0x11111111u;
    *(volatile uint32_t *)kvirt(f2) = 0x22222222u;
    volatile uint32_t *pte = vm_pte(kernel_pd, va, 1, 0);
    volatile uint32_t *p = (volatile uint32_t *)va;
    __asm__ volatile("cli");
    *pte = f1 | PTE_P | PTE_W;
    invlpg(va);
    uint32_t first = *p;    /* caches va -> f1 in the TLB */
    *pte = f2 | PTE_P | PTE_W; /* no INVLPG: the TLB may still hold va -> f1 (SDM 4.10.4.3) */
    uint32_t before = *p;
    invlpg(va);
    uint32_t after = *p;
    __asm__ volatile("sti");
    kprintf("stale-tlb: first=0x%08x\n", first);
    kprintf("stale-tlb: before=0x%08x after=0x%08x\n", before, after);
    kprintf("stale-tlb: %s\n", before == first ? "stale translation used until invlpg"
                                              : "no stale translation (the TLB did not keep the entry)");
    check(first == 0x11111111u && after == 0x22222222u && (before == 0x11111111u || before == 0x22222222u),
          "stale-tlb values");
    *pte = 0;
    invlpg(va);
    pmm_free(f1);
    pmm_free(f2);
}

void scenario_ad_bits(void) {
    paging_ensure_4k();
    const uint32_t base = SCRATCH + 0x800000u;
    static const char *const names[3] = { "untouched", "read", "written" };
    uint32_t frames[3];
    volatile uint32_t *pte[3];
    for (int i = 0; i < 3; i++) {
        frames[i] = pmm_alloc();
        pte[i] = vm_pte(kernel_pd, base + (uint32_t)i * PAGE_SIZE, 1, 0);
        *pte[i] = frames[i] | PTE_P | PTE_W; /* A and D start clear */
        invlpg(base + (uint32_t)i * PAGE_SIZE);
    }
    uint32_t *pde = &kernel_pd[base >> 22];
    *pde &= ~PTE_A;
    write_cr3(read_cr3()); /* the directory entry may be cached too */
    (void)*(volatile uint32_t *)(base + PAGE_SIZE);
    *(volatile uint32_t *)(base + 2 * PAGE_SIZE) = 1;
    int ok = 1;
    for (int i = 0; i < 3; i++) {
        uint32_t e = *pte[i];
        int a = (e & PTE_A) != 0, d = (e & PTE_D) != 0;
        kprintf("ad-bits: %s page A=%d D=%d\n", names[i], a, d);
        ok &= a == (i > 0) && d == (i == 2);
    }
    int pde_a = (*pde & PTE_A) != 0;
    kprintf("ad-bits: directory entry A=%d\n", pde_a);
    ok &= pde_a;
    check(ok, "ad-bits");
    for (int i = 0; i < 3; i++) {
        *pte[i] = 0;
        invlpg(base + (uint32_t)i * PAGE_SIZE);
        pmm_free(frames[i]);
    }
}

/* An IDT with limit 0, then a page fault: delivering #PF fails (#GP, the gate lies beyond the
 * limit), so does the #DF that follows, and the CPU shuts down (SDM vol. 3, 6.15, interrupt 8).
 * Under QEMU with -no-reboot the machine exits; a debugger sees #PF -> #DF -> #GP -> shutdown. */
void scenario_triple(void) {
    paging_ensure_4k();
    static const struct { uint16_t limit; uint32_t base; } __attribute__((packed)) empty = { 0, 0 };
    kprintf("triple: loading an IDT with limit 0, then reading unmapped 0x%08x\n", SCRATCH);
    __asm__ volatile("cli; lidt %0" : : "m"(empty));
    (void)*(volatile uint32_t *)SCRATCH;
    for (;;) __asm__ volatile("hlt");
}
