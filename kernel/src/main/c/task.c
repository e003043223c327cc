/* Ring-3 tasks: each has its own page directory (a copy of the kernel's directory entries, which
 * are supervisor-only, plus its own user page table), its own kernel stack for TSS.esp0, and is
 * switched by returning its saved frame from the interrupt dispatcher. Scheduling is cooperative
 * (SYS_YIELD), so the order of events, and the output, is deterministic. */
#include "kernel.h"

#define SYS_START 0 /* ring 0 only: run the created tasks until all have ended */
#define SYS_WRITE 1 /* ebx = buffer, ecx = length */
#define SYS_YIELD 2
#define SYS_EXIT  3 /* ebx = exit code */
#define SYS_GETID 4

#define USER_BASE 0x40000000u
#define USER_SLOT 0x00400000u /* one page-directory entry per task */
#define MAX_TASKS 2

enum state { FREE, READY, EXITED, KILLED };

struct task {
    int id;
    enum state state;
    int exit_code;
    int panic_on_fault;
    uint32_t base;
    uint32_t pd_phys;
    uint32_t *pd;
    uint32_t fault_cr2;
    struct frame *frame;
    uint8_t kstack[8192] __attribute__((aligned(16)));
};

static struct task tasks[MAX_TASKS];
static int ntasks;
static int current = -1;
static struct frame *kernel_frame;
extern char user_demo[], user_probe[];

int task_active(void) { return current >= 0; }

static uint32_t kstack_top(struct task *t) { return (uint32_t)(uintptr_t)(t->kstack + sizeof t->kstack); }

static void task_create(int idx, const char *entry, uint32_t edi, uint32_t esi) {
    struct task *t = &tasks[idx];
    uint32_t size = (uint32_t)(__user_end - __user_start);
    if (size > PAGE_SIZE) panic("task: user programs exceed one page");
    memset(t, 0, sizeof *t);
    t->id = idx + 1;
    t->state = READY;
    t->base = USER_BASE + (uint32_t)idx * USER_SLOT;
    t->pd_phys = pmm_alloc();
    t->pd = kvirt(t->pd_phys);
    memcpy(t->pd, kernel_pd, PAGE_SIZE);
    for (uint32_t k = 0; k < MAX_TASKS; k++) t->pd[(USER_BASE + k * USER_SLOT) >> 22] = 0;
    uint32_t code = pmm_alloc(), stack = pmm_alloc();
    memset(kvirt(code), 0, PAGE_SIZE);
    memcpy(kvirt(code), __user_start, size);
    memset(kvirt(stack), 0, PAGE_SIZE);
    vm_map(t->pd, t->base, code, PTE_U);                      /* code: user, read-only */
    vm_map(t->pd, t->base + PAGE_SIZE, stack, PTE_U | PTE_W); /* stack: user, writable */

    struct frame *f = (struct frame *)(uintptr_t)(kstack_top(t) - sizeof *f);
    memset(f, 0, sizeof *f);
    f->gs = f->fs = f->es = f->ds = SEL_UDATA;
    f->edi = edi;
    f->esi = esi;
    f->eip = t->base + (uint32_t)(entry - __user_start);
    f->cs = SEL_UCODE;
    f->eflags = 0x202; /* IF set */
    f->useresp = t->base + 2 * PAGE_SIZE;
    f->ss = SEL_UDATA;
    t->frame = f;
}

static struct frame *switch_to(int i) {
    current = i;
    tss_set_kernel_stack(kstack_top(&tasks[i]));
    write_cr3(tasks[i].pd_phys);
    return tasks[i].frame;
}

/* The next ready task after the current one (round robin), or the kernel when none is left. */
static struct frame *schedule(void) {
    for (int k = 1; k <= ntasks; k++) {
        int i = (current + k) % ntasks;
        if (tasks[i].state == READY) return switch_to(i);
    }
    current = -1;
    write_cr3(kernel_pd_phys);
    return kernel_frame;
}

static void run_tasks(void) {
    current = ntasks - 1; /* so the round robin starts at task 1 */
    __asm__ volatile("int $0x80" : : "a"(SYS_START) : "memory");
}

/* A buffer is readable by the task when every byte is mapped user-accessible in its directory. */
static int user_readable(const struct task *t, uint32_t buf, uint32_t len) {
    if (len == 0) return 1;
    if (buf + len < buf) return 0;
    for (uint32_t page = buf & ~0xFFFu; page <= ((buf + len - 1) & ~0xFFFu); page += PAGE_SIZE) {
        uint32_t pa, flags;
        if (!vm_translate(t->pd, page, &pa, &flags) || !(flags & PTE_U)) return 0;
        if (page == 0xFFFFF000u) break;
    }
    return 1;
}

struct frame *syscall(struct frame *f) {
    if (f->eax == SYS_START) {
        if ((f->cs & 3) != 0 || ntasks == 0) { f->eax = (uint32_t)-1; return f; }
        kernel_frame = f;
        return schedule();
    }
    if (!task_active()) { f->eax = (uint32_t)-1; return f; }
    struct task *t = &tasks[current];
    switch (f->eax) {
    case SYS_WRITE:
        if (!user_readable(t, f->ebx, f->ecx) || f->ecx > 256) { f->eax = (uint32_t)-1; return f; }
        kprintf("user[%d] cpl=%u: ", t->id, f->cs & 3);
        for (uint32_t i = 0; i < f->ecx; i++) kputc(((const char *)(uintptr_t)f->ebx)[i]);
        kputc('\n');
        f->eax = f->ecx;
        return f;
    case SYS_YIELD:
        t->frame = f;
        return schedule();
    case SYS_EXIT:
        t->state = EXITED;
        t->exit_code = (int)f->ebx;
        kprintf("user: task %d exited with code %d\n", t->id, t->exit_code);
        return schedule();
    case SYS_GETID:
        f->eax = (uint32_t)t->id;
        return f;
    default:
        f->eax = (uint32_t)-1;
        return f;
    }
}

struct frame *task_exception(struct frame *f, uint32_t cr2) {
    struct task *t = &tasks[current];
    if (f->vector == 14) {
        pf_describe("pf", cr2, f->eip, f->err);
        if (t->panic_on_fault) panic("page fault at 0x%08x", cr2);
    } else {
        kprintf("user: task %d: %s err=0x%x eip=0x%08x\n", t->id, exception_name(f->vector), f->err, f->eip);
    }
    t->state = KILLED;
    t->fault_cr2 = cr2;
    kprintf("user: task %d killed by %s\n", t->id, exception_name(f->vector));
    return schedule();
}

void scenario_user(void) {
    paging_ensure_4k();
    ntasks = MAX_TASKS;
    task_create(0, user_demo, USER_BASE + USER_SLOT, 0);
    task_create(1, user_demo, USER_BASE, 0);
    kprintf("user: task 1 at 0x%08x, task 2 at 0x%08x, each with its own page directory\n", tasks[0].base, tasks[1].base);
    run_tasks();
    int ok = tasks[0].state == EXITED && tasks[0].exit_code == 0 && tasks[1].state == KILLED &&
             tasks[1].fault_cr2 == tasks[0].base && read_cr3() == kernel_pd_phys;
    kprintf("user: all tasks ended (task 1 exited, task 2 killed touching task 1's page) %s\n", ok ? "ok" : "WRONG");
    check(ok, "user tasks");
    ntasks = 0;
}

void scenario_user_fault(uint32_t addr, int write) {
    paging_ensure_4k();
    ntasks = 1;
    task_create(0, user_probe, addr, (uint32_t)write);
    tasks[0].panic_on_fault = 1;
    kprintf("fault: %s 0x%08x from ring 3\n", write ? "writing" : "reading", addr);
    run_tasks();
    kprintf("fault: no page fault: 0x%08x is accessible from ring 3\n", addr);
    failures++;
    ntasks = 0;
}
