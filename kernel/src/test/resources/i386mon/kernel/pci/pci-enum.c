/* A kernel that enumerates PCI bus 0 through configuration mechanism #1 (0xCF8/0xCFC) and prints
   each function it finds on COM1: IDs, class code and revision, header type, command register,
   interrupt pin and line, the six BARs and the ROM BAR with the size mask each reads back after
   all ones were written (then restored); the ISA bridge's PIRQ routes; the ELCR. Then it exits
   through port 0xF4. Used to compare i386mon's PCI view with QEMU's. */
#include "probe-serial.h"

static inline void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u32 inl(u16 port) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static u32 cfg_read(u32 devfn, u32 reg) {
    outl(0xCF8, 0x80000000u | devfn << 8 | (reg & 0xFC));
    return inl(0xCFC);
}

static void cfg_write(u32 devfn, u32 reg, u32 v) {
    outl(0xCF8, 0x80000000u | devfn << 8 | (reg & 0xFC));
    outl(0xCFC, v);
}

/* The BAR's value, then the mask it reads after all ones are written (its size), restored after. */
static void bar_line(const char *what, u32 devfn, u32 reg) {
    u32 v = cfg_read(devfn, reg);
    cfg_write(devfn, reg, 0xFFFFFFFFu);
    u32 mask = cfg_read(devfn, reg);
    cfg_write(devfn, reg, v);
    puts(what); hex(v, 8); puts(" size mask="); hex(mask, 8); putc('\n');
}

static void show(u32 devfn) {
    puts("pci: 00:"); hex(devfn >> 3, 2); putc('.'); hex(devfn & 7, 1);
    puts(" id="); hex(cfg_read(devfn, 0x00), 8);
    puts(" class/rev="); hex(cfg_read(devfn, 0x08), 8);
    puts(" header="); hex(cfg_read(devfn, 0x0C) >> 16, 2);
    puts(" command="); hex(cfg_read(devfn, 0x04), 4);
    puts(" pin/line="); hex(cfg_read(devfn, 0x3C), 4); putc('\n');
    for (u32 reg = 0x10; reg < 0x28; reg += 4) bar_line("pci:   bar=", devfn, reg);
    bar_line("pci:   rom=", devfn, 0x30);
    if (cfg_read(devfn, 0x00) == 0x70008086u) { puts("pci:   pirq routes="); hex(cfg_read(devfn, 0x60), 8); putc('\n'); }
}

void kernel_main(void) {
    for (u32 devfn = 0; devfn < 256; devfn++) {
        int function0 = (devfn & 7) == 0;
        if ((cfg_read(devfn, 0x00) & 0xFFFF) == 0xFFFF) {
            if (function0) devfn += 7; /* no function 0: no device */
            continue;
        }
        show(devfn);
        if (function0 && !(cfg_read(devfn, 0x0C) & 0x00800000u)) devfn += 7; /* a single-function device */
    }
    puts("pci: elcr="); hex(inb(0x4D1) << 8 | inb(0x4D0), 4); putc('\n');
    puts("pci: end\n");
    outb(0xF4, 0x10);
}
