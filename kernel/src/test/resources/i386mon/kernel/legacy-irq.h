/* What the interrupt-driven probe kernels (floppy, IDE DMA) share: an IDT of interrupt gates in the
   code segment the loader left (multiboot does not fix its selector) and the 8259A pair remapped to
   vectors 0x20/0x28 with a mask each. GuestBuild copies it next to every C file it compiles. */
struct gate { u16 off_lo, sel; u8 zero, type; u16 off_hi; } __attribute__((packed));

/* IDT entry `vector` of `idt`: a ring-0 32-bit interrupt gate to handler. */
static inline void irq_gate(struct gate *idt, int vector, void (*handler)(void)) {
    u16 cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    u32 h = (u32)handler;
    idt[vector] = (struct gate){ (u16)h, cs, 0, 0x8E, (u16)(h >> 16) };
}

/* LIDT of a 256-entry table, the 8259A pair at 0x20/0x28 with the given masks, then STI. */
static inline void irq_start(struct gate *idt, u8 master_mask, u8 slave_mask) {
    struct { u16 limit; u32 base; } __attribute__((packed)) idtr = { 256 * sizeof(struct gate) - 1, (u32)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));
    outb(0x20, 0x11); outb(0xA0, 0x11);
    outb(0x21, 0x20); outb(0xA1, 0x28);
    outb(0x21, 0x04); outb(0xA1, 0x02);
    outb(0x21, 0x01); outb(0xA1, 0x01);
    outb(0x21, master_mask); outb(0xA1, slave_mask);
    __asm__ volatile("sti");
}
