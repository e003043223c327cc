/* Shared declarations of the i386mon demo kernel. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

/* The higher-half image is linked at KERNEL_VBASE + 1 MiB and loaded at 1 MiB. */
#ifdef HIGHER_HALF
#define KERNEL_VBASE 0xC0000000u
#else
#define KERNEL_VBASE 0x00000000u
#endif
#define P2V(p) ((void *)((uintptr_t)(p) + KERNEL_VBASE))
#define V2P(v) ((uint32_t)((uintptr_t)(v) - KERNEL_VBASE))

#define PAGE_SIZE 4096u

/* Selectors of the GDT built in gdt.c. */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UCODE 0x1B
#define SEL_UDATA 0x23
#define SEL_TSS   0x28

/* isa-debug-exit codes (QEMU exits with status (code << 1) | 1). */
#define EXIT_PASS  0x10
#define EXIT_FAIL  0x11
#define EXIT_PANIC 0x12

/* The register frame every interrupt stub builds (isr.S), lowest address first. */
struct frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp0, ebx, edx, ecx, eax;
    uint32_t vector, err;
    uint32_t eip, cs, eflags;
    uint32_t useresp, ss; /* only present when the interrupt came from ring 3 */
};

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void io_wait(void) { outb(0x80, 0); }
static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint32_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline void invlpg(uint32_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

/* console.c */
void serial_init(void);
void vga_init(void);
void kputc(char c);
void kputs(const char *s);
void kprintf(const char *fmt, ...);
void kvprintf(const char *fmt, va_list ap);

/* string.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* main.c */
extern int exit_requested;
extern int failures;
void check(int ok, const char *what);
void finish(void) __attribute__((noreturn));
void panic(const char *fmt, ...) __attribute__((noreturn));

/* gdt.c, idt.c, pic.c, timer and keyboard */
void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
void idt_init(void);
void pic_init(void);
void pic_eoi(int irq);
void pit_init(uint32_t hz);
void kbd_init(void);
void kbd_irq(void);
extern volatile uint32_t ticks;
struct frame *isr_dispatch(struct frame *f);
const char *exception_name(uint32_t vector);

/* probe.S: a read that reports a page fault instead of taking the kernel down */
int probe_read32(uint32_t addr, uint32_t *out);
extern char probe_insn[], probe_fixup[];
extern uint32_t probe_cr2, probe_err;

/* multiboot.c */
struct multiboot_info;
void pmm_init(const struct multiboot_info *mbi);
void pmm_selftest(void);
uint32_t pmm_alloc(void);
void pmm_free(uint32_t frame);
uint32_t pmm_free_count(void);
extern uint32_t mb_mem_upper_kib;

/* paging.c */
#define PTE_P  0x001u
#define PTE_W  0x002u
#define PTE_U  0x004u
#define PTE_A  0x020u
#define PTE_D  0x040u
#define PDE_PS 0x080u
extern uint32_t *kernel_pd;
extern uint32_t kernel_pd_phys;
void *kvirt(uint32_t phys);
int paging_enabled(void);
void paging_ensure_4k(void);
int vm_translate(const uint32_t *pd, uint32_t va, uint32_t *pa, uint32_t *flags);
uint32_t *vm_pte(uint32_t *pd, uint32_t va, int create, uint32_t pde_flags);
void vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags);
void pf_describe(const char *prefix, uint32_t cr2, uint32_t eip, uint32_t err);
struct frame *page_fault(struct frame *f);
void higher_half_remove_low(void);
void scenario_identity(void);
void scenario_identity_4m(void);
void scenario_identity_all(void);
void scenario_higher_half(void);
void scenario_fault(uint32_t addr, int write, int user);
void scenario_stale_tlb(void);
void scenario_triple(void) __attribute__((noreturn));
void scenario_ad_bits(void);

/* task.c */
void scenario_user(void);
void scenario_user_fault(uint32_t addr, int write);
struct frame *syscall(struct frame *f);
struct frame *task_exception(struct frame *f, uint32_t cr2);
int task_active(void);

/* bench.c */
void bench_alu(uint32_t iters);
void bench_mem(uint32_t iters);
void bench_mix(uint32_t rounds);

/* Linker-provided boundaries. */
extern char __kernel_start[], __kernel_end[], __bss_start[], __bss_end[];
extern char __user_start[], __user_end[];

#endif
