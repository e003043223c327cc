/* Identity maps of the first 16 MiB (kernel, its buffers and page tables all lie below), with
 * 4 KiB pages or with 4 MiB pages, for the load/store workloads to run through either. */
#include "kernel.h"
#include "bench_kernel.h"

#define MAPPED_MIB 16u
#define TABLES (MAPPED_MIB / 4u)

static uint32_t page_dir[1024] __attribute__((aligned(4096)));
static uint32_t page_tables[TABLES][1024] __attribute__((aligned(4096)));

static void paging_on(void) {
    write_cr3((uint32_t)(uintptr_t)page_dir);
    write_cr0(read_cr0() | 0x80000000u); /* CR0.PG */
}

void bench_paging_4k(void) {
    for (uint32_t t = 0; t < TABLES; t++) {
        for (uint32_t i = 0; i < 1024; i++) page_tables[t][i] = ((t * 1024u + i) << 12) | PTE_P | PTE_W;
        page_dir[t] = (uint32_t)(uintptr_t)page_tables[t] | PTE_P | PTE_W;
    }
    paging_on();
}

void bench_paging_off(void) {
    write_cr0(read_cr0() & ~0x80000000u);
}

/* bench.c's load/store scenario of the demo kernel asks for this; here it is the 4 KiB map. */
void paging_ensure_4k(void) {
    if (!(read_cr0() & 0x80000000u)) bench_paging_4k();
}

int bench_paging_4m(void) {
    /* CPUID.1:EDX bit 3 (PSE); every CPU both sides emulate has CPUID (SDM vol. 2A, CPUID). */
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    if (!(d & (1u << 3))) {
        check(0, "CPUID reports PSE (4 MiB pages)");
        return 0;
    }
    for (uint32_t t = 0; t < TABLES; t++) page_dir[t] = (t << 22) | PTE_P | PTE_W | PDE_PS;
    write_cr4(read_cr4() | 0x10u); /* CR4.PSE */
    paging_on();
    return 1;
}
