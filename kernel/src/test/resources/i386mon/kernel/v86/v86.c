/* The virtual-8086 monitor test kernel: enters V86 by IRET from ring 0 with IOPL 0, runs a piece of
   8086 code that prints on COM1 through ports the TSS I/O bitmap allows, and emulates in its #GP
   handler what faults: INT n, IN/OUT to ports the bitmap refuses, CLI and PUSHF. INT 20h ends it. */
#include "probe-serial.h"

struct tss {
    u32 link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    u32 es, cs, ss, ds, fs, gs, ldt;
    u16 trap, iomap;
    u8 bitmap[8192];
    u8 end;
} __attribute__((packed));

/* The ring-0 stack after a #GP from V86 and the stub's PUSHAL (SDM vol. 3, figure 6-5 and 20-5). */
struct frame {
    u32 edi, esi, ebp, esp0, ebx, edx, ecx, eax;
    u32 error, eip, cs, eflags, esp, ss, es, ds, fs, gs;
};

enum { CODE = 0x08, DATA = 0x10, TSS = 0x18, V86_SEG = 0x0800, V86_STACK_SEG = 0x0900 };

static struct tss tss;
static u32 gdt[2 * 4] __attribute__((aligned(8)));
static u32 idt[2 * 32] __attribute__((aligned(8)));
static u8 ring0_stack[4096];
static u32 iret_frame[9];
static int virtual_if = 1;

extern void load_segments(void), enter_v86(u32 *frame), gp_stub(void), other_stub(void);
extern u8 v86_code[], v86_code_end[];

static void segment(int i, u32 base, u32 limit, u32 access, u32 flags) {
    gdt[2 * i] = (limit & 0xffff) | base << 16;
    gdt[2 * i + 1] = ((base >> 16) & 0xff) | access << 8 | (limit & 0xf0000) | flags << 20 | (base & 0xff000000);
}

static void gate(int v, void (*handler)(void)) {
    idt[2 * v] = ((u32)handler & 0xffff) | CODE << 16;
    idt[2 * v + 1] = ((u32)handler & 0xffff0000) | 0x8e00;
}

static void field(const char *name, u32 v, int digits) {
    puts(name);
    hex(v, digits);
}

void unexpected(void) {
    puts("v86: unexpected exception\n");
    outb(0xf4, 0x11);
}

static void push16(struct frame *f, u16 v) {
    f->esp = (f->esp - 2) & 0xffff;
    *(volatile u16 *)((f->ss << 4) + f->esp) = v;
}

/* Emulates the instruction at CS:IP that raised #GP(0) in V86. */
void general_protection(struct frame *f) {
    u8 *ip = (u8 *)((f->cs << 4) + (f->eip & 0xffff));
    field("v86: #gp err=", f->error, 4);
    field(" cs:ip=", f->cs, 4);
    field(":", f->eip, 4);
    field(" op=", ip[0], 2);
    field(" vm=", (f->eflags >> 17) & 1, 1);
    field(" iopl=", (f->eflags >> 12) & 3, 1);
    field(" ds=", f->ds, 4);
    field(" ss:sp=", f->ss, 4);
    field(":", f->esp, 4);
    puts("\n");
    switch (ip[0]) {
    case 0xcd:
        if (ip[1] == 0x20) {
            field("v86: exit cx=", f->ecx & 0xffff, 4);
            field(" bx=", f->ebx & 0xffff, 4);
            puts("\nv86: end\n");
            outb(0xf4, 0x10);
            return;
        }
        field("v86: int ", ip[1], 2);
        field(" ax=", f->eax & 0xffff, 4);
        puts("\n");
        f->eax = (f->eax & 0xffff0000) | 0xbeef; /* the service's answer */
        f->eip += 2;
        return;
    case 0xe6:
        field("v86: out port=", ip[1], 2);
        field(" al=", f->eax & 0xff, 2);
        puts("\n");
        f->eip += 2;
        return;
    case 0xe4:
        field("v86: in port=", ip[1], 2);
        puts("\n");
        f->eax = (f->eax & ~0xff) | 0x5a;
        f->eip += 2;
        return;
    case 0xfa:
        virtual_if = 0;
        puts("v86: cli\n");
        f->eip += 1;
        return;
    case 0x9c:
        push16(f, (f->eflags & ~0x200) | (virtual_if ? 0x200 : 0));
        field("v86: pushf virtual if=", virtual_if, 1);
        puts("\n");
        f->eip += 1;
        return;
    default:
        puts("v86: cannot emulate\n");
        outb(0xf4, 0x11);
    }
}

void v86_main(void) {
    puts("v86: start\n");
    segment(1, 0, 0xfffff, 0x9a, 0xc);
    segment(2, 0, 0xfffff, 0x92, 0xc);
    segment(3, (u32)&tss, sizeof tss - 1, 0x89, 0);
    tss.esp0 = (u32)(ring0_stack + sizeof ring0_stack);
    tss.ss0 = DATA;
    tss.iomap = (u32)tss.bitmap - (u32)&tss;
    for (unsigned k = 0; k < sizeof tss.bitmap; k++) tss.bitmap[k] = 0xff;
    tss.bitmap[0x3f8 / 8] = 0; /* COM1, 0x3f8-0x3ff */
    tss.end = 0xff;
    for (int v = 0; v < 32; v++) gate(v, other_stub);
    gate(13, gp_stub);
    struct { u16 limit; u32 base; } __attribute__((packed)) gdtr = {sizeof gdt - 1, (u32)gdt}, idtr = {sizeof idt - 1, (u32)idt};
    __asm__ volatile("lgdt %0; lidt %1" : : "m"(gdtr), "m"(idtr));
    load_segments();
    __asm__ volatile("ltr %w0" : : "r"(TSS));

    u8 *to = (u8 *)(V86_SEG << 4);
    for (u8 *p = v86_code; p < v86_code_end; p++) *to++ = *p;
    u32 frame[9] = {0, V86_SEG, 0x20002 /* VM, IOPL 0, IF 0 */, 0x1000, V86_STACK_SEG, 0, 0, 0, 0};
    for (int k = 0; k < 9; k++) iret_frame[k] = frame[k];
    puts("v86: entering\n");
    enter_v86(iret_frame);
}
