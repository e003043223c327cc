/* The virtual-8086 monitor test kernel: enters V86 by IRET from ring 0 with IOPL 0, runs a piece of
   8086 code that prints on COM1 through ports the TSS I/O bitmap allows, and emulates in its #GP
   handler what faults: INT n, IN/OUT to ports the bitmap refuses, CLI and PUSHF. INT 20h ends it. */
#include "probe-serial.h"
#include "protected-mode.h"

/* The TSS with an I/O permission bitmap for all 64 Ki ports and its terminating byte. */
struct tss {
    struct tss32 t;
    u8 bitmap[8192];
    u8 end;
} __attribute__((packed));

/* The ring-0 stack after a #GP from V86 and the stub's PUSHAL (SDM vol. 3, figure 6-5 and 20-5). */
struct frame {
    u32 edi, esi, ebp, esp0, ebx, edx, ecx, eax;
    u32 error, eip, cs, eflags, esp, ss, es, ds, fs, gs;
};

enum { TSS = 0x18, V86_SEG = 0x0800, V86_STACK_SEG = 0x0900 };

static struct tss tss;
static u32 gdt[2 * 4] __attribute__((aligned(8)));
static u32 idt[2 * 32] __attribute__((aligned(8)));
static u8 ring0_stack[4096];
static u32 iret_frame[9];
static int virtual_if = 1;

extern void enter_v86(u32 *frame), gp_stub(void), other_stub(void);
extern u8 v86_code[], v86_code_end[];

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

void kernel_main(void) {
    puts("v86: start\n");
    segment(gdt, 1, 0, 0xfffff, 0x9a, 0xc);
    segment(gdt, 2, 0, 0xfffff, 0x92, 0xc);
    segment(gdt, 3, (u32)&tss, sizeof tss - 1, 0x89, 0);
    tss.t.esp0 = (u32)(ring0_stack + sizeof ring0_stack);
    tss.t.ss0 = FLAT_DATA;
    tss.t.iomap = (u32)tss.bitmap - (u32)&tss;
    for (unsigned k = 0; k < sizeof tss.bitmap; k++) tss.bitmap[k] = 0xff;
    tss.bitmap[0x3f8 / 8] = 0; /* COM1, 0x3f8-0x3ff */
    tss.end = 0xff;
    for (int v = 0; v < 32; v++) interrupt_gate(idt, v, other_stub);
    interrupt_gate(idt, 13, gp_stub);
    load_tables(gdt, sizeof gdt, idt, sizeof idt, TSS);

    u8 *to = (u8 *)(V86_SEG << 4);
    for (u8 *p = v86_code; p < v86_code_end; p++) *to++ = *p;
    u32 frame[9] = {0, V86_SEG, 0x20002 /* VM, IOPL 0, IF 0 */, 0x1000, V86_STACK_SEG, 0, 0, 0, 0};
    for (int k = 0; k < 9; k++) iret_frame[k] = frame[k];
    puts("v86: entering\n");
    enter_v86(iret_frame);
}
