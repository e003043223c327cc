/* IDT: the 32 exception vectors, IRQs 0-15 at 0x20-0x2F, and int 0x80 callable from ring 3. */
#include "kernel.h"

extern const uint32_t isr_table[48];
extern const uint32_t isr_syscall_entry;

static uint64_t idt[256];
volatile uint32_t ticks;

static const char *const names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow", "#BR bound range",
    "#UD invalid opcode", "#NM device not available", "#DF double fault", "coprocessor segment overrun",
    "#TS invalid TSS", "#NP segment not present", "#SS stack fault", "#GP general protection",
    "#PF page fault", "reserved 15", "#MF x87 error", "#AC alignment check", "#MC machine check",
    "#XM SIMD error", "#VE virtualization", "#CP control protection", "reserved 22", "reserved 23",
    "reserved 24", "reserved 25", "reserved 26", "reserved 27", "reserved 28", "reserved 29",
    "reserved 30", "reserved 31",
};

const char *exception_name(uint32_t vector) {
    return vector < 32 ? names[vector] : "interrupt";
}

static void set_gate(int n, uint32_t handler, int dpl) {
    /* 32-bit interrupt gate (type 0xE): IF is cleared on entry (SDM vol. 3, 6.11). */
    uint64_t g = handler & 0xFFFFu;
    g |= (uint64_t)SEL_KCODE << 16;
    g |= (uint64_t)(0x8E | (dpl << 5)) << 40;
    g |= (uint64_t)(handler >> 16) << 48;
    idt[n] = g;
}

void idt_init(void) {
    for (int i = 0; i < 48; i++) set_gate(i, isr_table[i], 0);
    set_gate(0x80, isr_syscall_entry, 3);
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr = { sizeof idt - 1, (uint32_t)(uintptr_t)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));
    kprintf("idt: loaded (32 exceptions, 16 irqs, int 0x80)\n");
}

struct frame *isr_dispatch(struct frame *f) {
    uint32_t v = f->vector;
    if (v == 14) return page_fault(f);
    if (v < 32) {
        if ((f->cs & 3) == 3 && task_active()) return task_exception(f, 0);
        panic("%s (vector %u) err=0x%x eip=0x%08x cs=0x%x", exception_name(v), v, f->err, f->eip, f->cs);
    }
    if (v == 0x80) return syscall(f);
    int irq = (int)v - 32;
    if (irq == 7 || irq == 15) {
        /* A spurious IRQ leaves its ISR bit clear (8259A datasheet): no EOI to that PIC. */
        uint16_t cmd = irq == 7 ? 0x20 : 0xA0;
        outb(cmd, 0x0B);
        if (!(inb(cmd) & 0x80)) {
            if (irq == 15) outb(0x20, 0x20);
            return f;
        }
    }
    if (irq == 0) ticks++;
    else if (irq == 1) kbd_irq();
    pic_eoi(irq);
    return f;
}
