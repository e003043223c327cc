/* What the task-switch and V86 test kernels share beside probe-serial.h: the 32-bit TSS, GDT and
   IDT entries, loading the tables (flat code 0x08 and data 0x10 from flat-start.S), and labelled
   hex fields on COM1. GuestBuild copies it next to every C file it compiles. */
struct tss32 {
    u32 link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    u32 es, cs, ss, ds, fs, gs, ldt;
    u16 trap, iomap;
} __attribute__((packed));

enum { FLAT_CODE = 0x08, FLAT_DATA = 0x10 };

void load_segments(void);

/* GDT entry i: a segment or system descriptor with access byte and G/D flags nibble. */
static inline void segment(u32 *gdt, int i, u32 base, u32 limit, u32 access, u32 flags) {
    gdt[2 * i] = (limit & 0xffff) | base << 16;
    gdt[2 * i + 1] = ((base >> 16) & 0xff) | access << 8 | (limit & 0xf0000) | flags << 20 | (base & 0xff000000);
}

/* IDT entry v: a ring-0 32-bit interrupt gate to handler in the flat code segment. */
static inline void interrupt_gate(u32 *idt, int v, void (*handler)(void)) {
    idt[2 * v] = ((u32)handler & 0xffff) | FLAT_CODE << 16;
    idt[2 * v + 1] = ((u32)handler & 0xffff0000) | 0x8e00;
}

/* LGDT, LIDT, the flat segments, LTR. */
static inline void load_tables(u32 *gdt, u16 gdt_bytes, u32 *idt, u16 idt_bytes, u16 tr) {
    struct { u16 limit; u32 base; } __attribute__((packed)) gdtr = {gdt_bytes - 1, (u32)gdt}, idtr = {idt_bytes - 1, (u32)idt};
    __asm__ volatile("lgdt %0; lidt %1" : : "m"(gdtr), "m"(idtr));
    load_segments();
    __asm__ volatile("ltr %w0" : : "r"(tr));
}

/* " name=hex" on COM1. */
static inline void field(const char *name, u32 v, int digits) {
    puts(name);
    hex(v, digits);
}
