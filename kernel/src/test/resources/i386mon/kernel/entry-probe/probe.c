/* Loader probe: prints, over COM1, the whole state a multiboot loader hands to a kernel (registers,
   descriptor tables, the multiboot information with its command line and memory map, the BIOS data
   area, where the stack is and whether the kernel's own bytes arrived intact), then exits through
   the isa-debug-exit port. Booted under qemu-system-i386 -kernel and in i386mon, whose outputs
   LoaderProbeDifferentialTest compares. Built freestanding: gcc -m32 -ffreestanding -nostdlib. */
#include "probe-serial.h"

extern u32 entry_gpr[8];
extern u16 entry_seg[8];
extern u8 entry_gdtr[8], entry_idtr[8];
extern u32 entry_cr[3];
extern u32 entry_eflags;
extern u8 _start[], _edata[];

static void field(const char *name, u32 v) {
    putc(' ');
    puts(name);
    putc('=');
    hex(v, 8);
}

/* A string in guest memory, quoted, with non-printing bytes as \xNN. */
static void quoted(u32 addr) {
    putc('\'');
    for (const u8 *p = (const u8 *)addr; *p && p < (const u8 *)addr + 256; p++) {
        if (*p >= 0x20 && *p < 0x7F && *p != '\\' && *p != '\'') putc((char)*p);
        else { puts("\\x"); hex(*p, 2); }
    }
    putc('\'');
}

static void print_registers(void) {
    static const char *const names[8] = {"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp"};
    puts("probe: gpr");
    for (int i = 0; i < 8; i++) field(names[i], entry_gpr[i]);
    puts("\nprobe: eflags");
    field("eflags", entry_eflags);
    puts("\nprobe: seg");
    static const char *const segs[8] = {"cs", "ds", "es", "fs", "gs", "ss", "tr", "ldtr"};
    for (int i = 0; i < 8; i++) { putc(' '); puts(segs[i]); putc('='); hex(entry_seg[i], 4); }
    puts("\nprobe: cr");
    field("cr0", entry_cr[0]);
    field("cr2", entry_cr[1]);
    field("cr3", entry_cr[2]);
    u16 glimit = *(u16 *)entry_gdtr, ilimit = *(u16 *)entry_idtr;
    u32 gbase = *(u32 *)(entry_gdtr + 2), ibase = *(u32 *)(entry_idtr + 2);
    puts("\nprobe: gdtr base=");
    hex(gbase, 8);
    puts(" limit=");
    hex(glimit, 4);
    puts("\nprobe: idtr base=");
    hex(ibase, 8);
    puts(" limit=");
    hex(ilimit, 4);
    putc('\n');
    /* The descriptors behind the selectors the kernel runs with. */
    for (int i = 0; i < 6; i++) {
        u16 sel = entry_seg[i];
        if ((sel & ~7u) + 7 > glimit || (sel & 4)) continue;
        puts("probe: descriptor ");
        puts(segs[i]);
        putc(' ');
        hex(rd32(gbase + (sel & ~7u) + 4), 8);
        putc(' ');
        hex(rd32(gbase + (sel & ~7u)), 8);
        putc('\n');
    }
}

static void print_info(u32 mbi) {
    static const char *const names[22] = {"flags", "mem_lower", "mem_upper", "boot_device", "cmdline",
        "mods_count", "mods_addr", "syms0", "syms1", "syms2", "syms3", "mmap_length", "mmap_addr",
        "drives_length", "drives_addr", "config_table", "boot_loader_name", "apm_table",
        "vbe_control_info", "vbe_mode_info", "vbe_mode", "vbe_interface"};
    for (int i = 0; i < 22; i++) {
        if (i % 6 == 0) puts(i ? "\nprobe: mbi" : "probe: mbi");
        field(names[i], rd32(mbi + 4 * i));
    }
    putc('\n');
    u32 flags = rd32(mbi);
    if (flags & (1 << 2)) {
        puts("probe: cmdline=");
        quoted(rd32(mbi + 16));
        putc('\n');
    }
    if (flags & (1 << 9)) {
        puts("probe: boot_loader_name=");
        quoted(rd32(mbi + 64));
        putc('\n');
    }
    if (flags & (1 << 6)) {
        u32 p = rd32(mbi + 48), end = p + rd32(mbi + 44);
        while (p < end) {
            puts("probe: mmap");
            field("at", p);
            field("size", rd32(p));
            field("base_hi", rd32(p + 8));
            field("base", rd32(p + 4));
            field("len_hi", rd32(p + 16));
            field("len", rd32(p + 12));
            field("type", rd32(p + 20));
            putc('\n');
            p += rd32(p) + 4;
        }
    }
}

/* The BIOS data area, 16 bytes a line; the timer tick count at 0x46C is time-dependent. */
static void print_bda(void) {
    for (u32 a = 0x400; a < 0x500; a += 16) {
        puts("probe: bda ");
        hex(a, 3);
        putc(':');
        for (u32 i = 0; i < 16; i++) {
            putc(' ');
            if (a + i >= 0x46C && a + i < 0x471) puts("..");
            else hex(rd8(a + i), 2);
        }
        putc('\n');
    }
    puts("probe: ebda segment=");
    hex(rd16(0x40E), 4);
    puts(" base memory kib=");
    hex(rd16(0x413), 4);
    putc('\n');
}

/* Whether the kernel's loaded bytes are still what the file holds (the loader wrote nothing over them). */
static void print_image(void) {
    u32 sum = 0;
    for (const u8 *p = _start; p < _edata; p++) sum = sum * 31 + *p;
    puts("probe: image");
    field("start", (u32)_start);
    field("end", (u32)_edata);
    field("hash", sum);
    putc('\n');
}

void probe_main(void) {
    u32 esp;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    puts("probe: begin\n");
    print_registers();
    if (entry_gpr[0] == 0x2BADB002) print_info(entry_gpr[1]);
    print_bda();
    print_image();
    /* The loader's stack took our pushes: prove it holds what we wrote, deep below the entry ESP. */
    volatile u32 deep[256];
    for (int i = 0; i < 256; i++) deep[i] = 0x5A5A0000u + i;
    u32 ok = 1;
    for (int i = 0; i < 256; i++) ok &= deep[i] == 0x5A5A0000u + i;
    puts("probe: stack");
    field("entry_esp", entry_gpr[7]);
    field("depth_used", entry_gpr[7] - esp);
    puts(ok ? " holds=yes\n" : " holds=no\n");
    puts("probe: end\n");
    outb(0xF4, 0x10);
}
