/* Flat GDT with ring 0 and ring 3 code/data segments and one TSS (SDM vol. 3, 3.4.5 and 7.2). */
#include "kernel.h"

struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

static uint64_t gdt[6];
static struct tss tss;

static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags) {
    uint64_t d = limit & 0xFFFFu;
    d |= (uint64_t)(base & 0xFFFFFFu) << 16;
    d |= (uint64_t)access << 40;
    d |= (uint64_t)((limit >> 16) & 0xFu) << 48;
    d |= (uint64_t)(flags & 0xFu) << 52;
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

void gdt_init(void) {
    gdt[0] = 0;
    gdt[1] = descriptor(0, 0xFFFFF, 0x9A, 0xC); /* ring 0 code, 4 GiB, 32-bit */
    gdt[2] = descriptor(0, 0xFFFFF, 0x92, 0xC); /* ring 0 data */
    gdt[3] = descriptor(0, 0xFFFFF, 0xFA, 0xC); /* ring 3 code */
    gdt[4] = descriptor(0, 0xFFFFF, 0xF2, 0xC); /* ring 3 data */
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEL_KDATA;
    tss.iomap_base = sizeof tss; /* no I/O permission bitmap: ring 3 has no port access */
    gdt[5] = descriptor((uint32_t)(uintptr_t)&tss, sizeof tss - 1, 0x89, 0x0); /* available 32-bit TSS */

    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr = { sizeof gdt - 1, (uint32_t)(uintptr_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "ljmp %1, $1f\n"
        "1:\n\t"
        "mov %2, %%ax\n\t"
        "mov %%ax, %%ds\n\t"
        "mov %%ax, %%es\n\t"
        "mov %%ax, %%fs\n\t"
        "mov %%ax, %%gs\n\t"
        "mov %%ax, %%ss\n\t"
        "mov %3, %%ax\n\t"
        "ltr %%ax"
        : : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA), "i"(SEL_TSS) : "eax", "memory");
    kprintf("gdt: loaded (kernel code 0x%02x, user code 0x%02x, tss 0x%02x)\n", SEL_KCODE, SEL_UCODE, SEL_TSS);
}

void tss_set_kernel_stack(uint32_t esp0) {
    tss.esp0 = esp0;
}
