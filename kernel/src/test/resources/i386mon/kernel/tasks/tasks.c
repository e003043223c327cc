/* The task-switch test kernel: JMP to a TSS and back, CALL to a TSS and IRET with NT back, CALL
   through a task gate, and a double fault (a page fault whose frame cannot be pushed) handled by
   an IDT task gate. Each step prints what the CPU left in the TSSs, the descriptors and EFLAGS. */
#include "probe-serial.h"
#include "protected-mode.h"

enum { TSS_MAIN = 0x18, TSS_B = 0x20, TSS_J = 0x28, TSS_DF = 0x30, GATE_B = 0x38 };

static struct tss32 tss_main, tss_b, tss_j, tss_df;
static u32 gdt[2 * 8] __attribute__((aligned(8)));
static u32 idt[2 * 32] __attribute__((aligned(8)));
static u32 page_dir[1024] __attribute__((aligned(4096)));
static u32 page_table[1024] __attribute__((aligned(4096)));
static u8 stack_b[4096], stack_j[4096], stack_df[4096];

extern void task_b(void), task_j(void), task_df(void), page_fault(void), provoke_double_fault(void);

static void task_gate(u32 *d, u32 tss) { d[0] = tss << 16; d[1] = 0x8500; }

static void task(struct tss32 *t, void (*entry)(void), u8 *stack) {
    u8 *p = (u8 *)t;
    for (unsigned k = 0; k < sizeof *t; k++) p[k] = 0;
    t->eip = (u32)entry;
    t->eflags = 2;
    t->esp = (u32)(stack + 4096);
    t->cs = FLAT_CODE;
    t->ss = t->ds = t->es = t->fs = t->gs = FLAT_DATA;
    t->cr3 = (u32)page_dir;
    t->iomap = sizeof *t;
}

static int busy(u32 sel) { return (gdt[sel / 4 + 1] >> 9) & 1; }

static u32 eflags(void) { u32 f; __asm__ volatile("pushf; pop %0" : "=r"(f)); return f; }

static u32 cr0(void) { u32 v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }

static u32 cr2(void) { u32 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }

static u16 tr(void) { u16 v; __asm__ volatile("str %0" : "=r"(v)); return v; }

/* What every task prints on entry: where it runs, its backlink and NT, and which TSSs are busy. */
static void state(const char *who, struct tss32 *self) {
    puts(who);
    field(" tr=", tr(), 4);
    field(" link=", self->link, 4);
    field(" nt=", (eflags() >> 14) & 1, 1);
    field(" busy main/b/j=", busy(TSS_MAIN), 1);
    field("/", busy(TSS_B), 1);
    field("/", busy(TSS_J), 1);
    field(" ts=", (cr0() >> 3) & 1, 1);
    puts("\n");
    __asm__ volatile("clts");
}

static int b_entries;

void task_j_body(void) { state("jmp: in task j", &tss_j); }

void task_b_body(void) {
    b_entries++;
    state(b_entries == 1 ? "call: in task b" : "gate: in task b", &tss_b);
}

void task_df_body(u32 error) {
    state("df: in task df", &tss_df);
    field("df: error=", error, 8);
    field(" cr2=", cr2(), 8);
    field(" main esp=", tss_main.esp, 8);
    field(" main eip in provoke=", tss_main.eip - (u32)provoke_double_fault < 16, 1);
    puts("\ntasks: end\n");
    outb(0xf4, 0x10);
}

void kernel_main(void) {
    puts("tasks: start\n");
    segment(gdt, 1, 0, 0xfffff, 0x9a, 0xc);
    segment(gdt, 2, 0, 0xfffff, 0x92, 0xc);
    segment(gdt, 3, (u32)&tss_main, sizeof tss_main - 1, 0x89, 0);
    segment(gdt, 4, (u32)&tss_b, sizeof tss_b - 1, 0x89, 0);
    segment(gdt, 5, (u32)&tss_j, sizeof tss_j - 1, 0x89, 0);
    segment(gdt, 6, (u32)&tss_df, sizeof tss_df - 1, 0x89, 0);
    task_gate(&gdt[2 * 7], TSS_B);
    task(&tss_b, task_b, stack_b);
    task(&tss_j, task_j, stack_j);
    task(&tss_df, task_df, stack_df);
    task_gate(&idt[2 * 8], TSS_DF);
    interrupt_gate(idt, 14, page_fault);
    load_tables(gdt, sizeof gdt, idt, sizeof idt, TSS_MAIN);

    __asm__ volatile("ljmp $0x28, $0" ::: "memory");
    state("jmp: back in main", &tss_main);

    __asm__ volatile("lcall $0x20, $0" ::: "memory");
    state("iret: back in main", &tss_main);
    field("iret: b saved nt=", (tss_b.eflags >> 14) & 1, 1);
    puts("\n");

    __asm__ volatile("lcall $0x38, $0" ::: "memory");
    state("gate: back in main", &tss_main);

    for (int k = 0; k < 1024; k++) page_table[k] = k << 12 | 3;
    page_table[0x300] = 0;
    page_dir[0] = (u32)page_table | 3;
    __asm__ volatile("mov %0, %%cr3; mov %%cr0, %%eax; or $0x80000000, %%eax; mov %%eax, %%cr0" : : "r"(page_dir) : "eax");
    puts("df: provoking\n");
    provoke_double_fault();
}
