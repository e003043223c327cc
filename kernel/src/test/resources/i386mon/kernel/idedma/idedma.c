/* The IDE bus-master DMA test kernel, written as a driver would be: it finds the PIIX IDE function
   by enumerating PCI bus 0 (class 01h, subclass 01h), takes the BMIDE block from BAR4, switches on
   bus mastering in the command register, then on the master disk of each channel builds PRD tables
   (a buffer crossing a 64 KiB boundary split in two entries, scattered fragments, one entry whose
   byte count 0 means 64 KiB), runs WRITE DMA, READ DMA and their EXT forms, waits for IRQ 14/15
   through the 8259A pair, checks and clears the BMIDE Interrupt bit, reads back what it wrote with
   PIO, and provokes the error paths: DMA beyond the end of the disk, PRD tables shorter than the
   request, DMA with bus mastering off, a table longer than the request (Active stays set). It
   prints statuses and checksums on COM1 and exits through port 0xf4. The same lines under QEMU
   and i386mon. */
#include "probe-serial.h"
#include "legacy-irq.h"

static inline void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u32 inl(u16 port) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }

/* Physical buffers below 1 MiB, away from the kernel at 1 MiB: CROSSING straddles 0x30000. */
#define PRD_TABLE 0x10000u
#define CROSSING 0x2F000u
#define LARGE 0x40000u
#define SCATTER 0x60000u
#define READBACK 0x70000u

struct prd { u32 addr; u32 control; };
struct fragment { u32 addr, bytes; };

static struct gate idt[256];
static volatile int irq_count[2];
static u16 bmide;
static u32 ide_devfn;
extern void irq14_stub(void), irq15_stub(void);

static const u16 cmd_base[2] = { 0x1F0, 0x170 }, ctrl_base[2] = { 0x3F6, 0x376 };

void ide_irq(int ch) {
    irq_count[ch]++;
    outb(0xA0, 0x20);
    outb(0x20, 0x20);
}

static u32 pci_read(u32 devfn, u32 reg) {
    outl(0xCF8, 0x80000000u | devfn << 8 | reg);
    return inl(0xCFC);
}

static void pci_write(u32 devfn, u32 reg, u32 v) {
    outl(0xCF8, 0x80000000u | devfn << 8 | reg);
    outl(0xCFC, v);
}

static void dec(u32 v) {
    char b[12];
    int n = 0;
    do { b[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putc(b[--n]);
}

static void label(const char *name, u32 v, int digits) { puts(name); hex(v, digits); }

/* Adler-32 of n bytes at physical address p. */
static u32 adler(u32 p, u32 n) {
    u32 a = 1, b = 0;
    for (u32 i = 0; i < n; i++) { a = (a + rd8(p + i)) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}

static void pattern(u32 p, u32 n, u32 seed) {
    for (u32 i = 0; i < n; i++) {
        volatile u8 *q; __asm__("" : "=r"(q) : "0"(p + i));
        *q = (u8)((i * 13 + seed) ^ (i >> 9));
    }
}

/* Appends entries for one fragment to the table: an entry may not cross a 64 KiB boundary and
   holds at most 64 KiB, written as a byte count of 0 (82371SB 2.7.3). Returns the new entry count. */
static int prd_add(struct prd *t, int n, u32 addr, u32 bytes) {
    while (bytes) {
        u32 room = 0x10000u - (addr & 0xFFFFu);
        u32 len = bytes < room ? bytes : room;
        t[n].addr = addr;
        t[n].control = len & 0xFFFFu;
        n++;
        addr += len;
        bytes -= len;
    }
    return n;
}

static int prd_build(const struct fragment *f, int fragments) {
    struct prd *t; __asm__("" : "=r"(t) : "0"(PRD_TABLE));
    int n = 0;
    for (int i = 0; i < fragments; i++) n = prd_add(t, n, f[i].addr, f[i].bytes);
    t[n - 1].control |= 0x80000000u;
    return n;
}

static void setup_interrupts(void) {
    irq_gate(idt, 0x2E, irq14_stub);
    irq_gate(idt, 0x2F, irq15_stub);
    irq_start(idt, 0xFB, 0x3F); /* the cascade and IRQ 14/15 only */
}

static u8 wait_not_busy(int ch) {
    for (u32 i = 0; i < 10000000; i++) {
        u8 s = inb(cmd_base[ch] + 7);
        if (!(s & 0x80)) return s;
    }
    return 0xFF;
}

/* Selects the master in LBA mode and loads the task file; ext uses the 48-bit register pairs. */
static void task_file(int ch, u32 lba, u32 count, int ext) {
    u16 b = cmd_base[ch];
    outb(b + 6, 0xE0 | (ext ? 0 : (lba >> 24) & 0x0F));
    for (int i = 0; i < 4; i++) inb(ctrl_base[ch]);
    if (ext) {
        outb(b + 2, count >> 8);
        outb(b + 3, lba >> 24);
        outb(b + 4, 0);
        outb(b + 5, 0);
    }
    outb(b + 2, count);
    outb(b + 3, lba);
    outb(b + 4, lba >> 8);
    outb(b + 5, lba >> 16);
}

/* One DMA command: the table, the direction, the command, the start bit; then IRQ, status, cleanup. */
static void dma_wait(int ch, const char *what, u8 command, int to_memory, u32 lba, u32 count, int ext, const struct fragment *f, int fragments, int expect_irq) {
    u16 bm = bmide + 8 * ch;
    int entries = prd_build(f, fragments);
    outl(bm + 4, PRD_TABLE);
    outb(bm, to_memory ? 0x08 : 0x00);
    outb(bm + 2, inb(bm + 2) | 0x06); /* clear Error and Interrupt */
    irq_count[ch] = 0;
    task_file(ch, lba, count, ext);
    outb(cmd_base[ch] + 7, command);
    outb(bm, (to_memory ? 0x08 : 0x00) | 0x01);
    int waited = 0;
    if (expect_irq) {
        __asm__ volatile("cli");
        while (!irq_count[ch] && waited < 1000000) { __asm__ volatile("sti; hlt; cli"); waited++; }
        __asm__ volatile("sti");
    } else {
        while ((inb(bm + 2) & 0x01) && waited < 10000000) waited++;
    }
    u8 bm_status = inb(bm + 2);
    u8 alt = inb(ctrl_base[ch]);
    u8 status = inb(cmd_base[ch] + 7); /* acknowledges the drive's interrupt */
    u8 error = inb(cmd_base[ch] + 1);
    outb(bm + 2, bm_status | 0x04);    /* write 1 to clear Interrupt */
    outb(bm, to_memory ? 0x08 : 0x00); /* stop */
    puts("dma: "); dec(ch); putc(' '); puts(what);
    puts(" prd="); dec(entries);
    puts(irq_count[ch] ? " irq" : " no-irq");
    label(" bm=", bm_status, 2); label(" alt=", alt, 2); label(" status=", status, 2);
    if (status & 0x01) label(" error=", error, 2);
    label(" bm-after=", inb(bm + 2), 2);
    u32 bytes = 0;
    for (int i = 0; i < fragments; i++) bytes += f[i].bytes;
    if (to_memory && !(status & 0x01)) {
        u32 sum = 1;
        for (int i = 0; i < fragments; i++) sum = sum * 31 + adler(f[i].addr, f[i].bytes);
        label(" sum=", sum, 8);
    }
    if (!to_memory) label(" sent=", adler(f[0].addr, bytes <= f[0].bytes ? bytes : f[0].bytes), 8);
    putc('\n');
}

static void dma(int ch, const char *what, u8 command, int to_memory, u32 lba, u32 count, int ext, const struct fragment *f, int fragments) {
    dma_wait(ch, what, command, to_memory, lba, count, ext, f, fragments, 1);
}

/* The task file after a command: where the drive stopped. */
static void where(int ch) {
    puts("dma: "); dec(ch);
    label(" nsector=", inb(cmd_base[ch] + 2), 2); label(" lba=", inb(cmd_base[ch] + 5) << 16 | inb(cmd_base[ch] + 4) << 8 | inb(cmd_base[ch] + 3), 6);
    putc('\n');
}

/* Reads count sectors at lba by PIO (READ SECTORS or its EXT form) into READBACK and prints the checksum. */
static void pio_readback(int ch, u32 lba, u32 count, int ext) {
    task_file(ch, lba, count, ext);
    outb(cmd_base[ch] + 7, ext ? 0x24 : 0x20);
    u8 s = 0;
    for (u32 i = 0; i < count; i++) {
        s = wait_not_busy(ch);
        if ((s & 0x01) || !(s & 0x08)) break;
        for (u32 w = 0; w < 256; w++) {
            u16 v = inw(cmd_base[ch]);
            volatile u16 *q; __asm__("" : "=r"(q) : "0"(READBACK + 512 * i + 2 * w));
            *q = v;
        }
    }
    s = wait_not_busy(ch);
    puts("dma: "); dec(ch); puts(" pio readback"); label(" status=", s, 2);
    label(" sum=", adler(READBACK, 512 * count), 8);
    putc('\n');
}

static u32 find_ide(void) {
    for (u32 devfn = 0; devfn < 256; devfn++) {
        u32 id = pci_read(devfn, 0x00);
        if ((id & 0xFFFF) == 0xFFFF) continue;
        if (pci_read(devfn, 0x08) >> 16 == 0x0101) return devfn;
    }
    return 0xFFFFFFFFu;
}

static void channel(int ch, u32 sectors) {
    outb(ctrl_base[ch], 0x00); /* nIEN clear: the drive interrupts */
    wait_not_busy(ch);
    /* Bus mastering off in the PCI command register: the transfer reaches no memory. */
    pci_write(ide_devfn, 0x04, pci_read(ide_devfn, 0x04) & 0xFFFB);
    pattern(SCATTER, 0x3000, 1);
    struct fragment off[] = { { SCATTER, 2 * 512 } };
    dma(ch, "read-dma without bus master", 0xC8, 1, 4, 2, 0, off, 1);
    dma(ch, "write-dma without bus master", 0xCA, 0, 40, 2, 0, off, 1);
    pio_readback(ch, 40, 2, 0);
    pci_write(ide_devfn, 0x04, pci_read(ide_devfn, 0x04) | 0x04);
    /* WRITE DMA of 32 sectors from a buffer that crosses 0x30000: split into two entries. */
    pattern(CROSSING, 32 * 512, 3 + ch);
    struct fragment crossing[] = { { CROSSING, 32 * 512 } };
    dma(ch, "write-dma lba=10 n=32", 0xCA, 0, 10, 32, 0, crossing, 1);
    pio_readback(ch, 10, 32, 0);
    label("dma: written ", adler(CROSSING, 32 * 512), 8); putc('\n');
    /* READ DMA of 128 sectors into one entry of byte count 0 (64 KiB). */
    struct fragment large[] = { { LARGE, 0x10000 } };
    dma(ch, "read-dma lba=0 n=128", 0xC8, 1, 0, 128, 0, large, 1);
    /* WRITE DMA EXT of 8 sectors gathered from three fragments, read back by PIO EXT. */
    pattern(SCATTER, 0x3000, 7 + ch);
    struct fragment scatter[] = { { SCATTER, 1024 }, { SCATTER + 0x1000, 2048 }, { SCATTER + 0x2800, 1024 } };
    dma(ch, "write-dma-ext lba=200 n=8", 0x35, 0, 200, 8, 1, scatter, 3);
    pio_readback(ch, 200, 8, 1);
    /* READ DMA EXT of the same 8 sectors, scattered again, and of sectors the other DMA wrote. */
    pattern(SCATTER, 0x3000, 0);
    dma(ch, "read-dma-ext lba=200 n=8", 0x25, 1, 200, 8, 1, scatter, 3);
    struct fragment two[] = { { SCATTER, 512 }, { SCATTER + 0x2000, 3584 } };
    dma(ch, "read-dma-ext lba=14 n=8", 0x25, 1, 14, 8, 1, two, 2);
    /* Beyond the end of the disk: the drive aborts, the bus master stops. */
    struct fragment tail[] = { { SCATTER, 4 * 512 } };
    dma(ch, "read-dma past end", 0xC8, 1, sectors - 2, 4, 0, tail, 1);
    dma(ch, "read-dma-ext past end", 0x25, 1, sectors + 8, 1, 1, tail, 1);
    where(ch);
    dma(ch, "write-dma past end", 0xCA, 0, sectors - 1, 2, 0, tail, 1);
    /* A PRD table shorter than the request: the sectors it covers move, then the engine stops without an interrupt. */
    pattern(SCATTER, 0x3000, 11 + ch);
    struct fragment short_table[] = { { SCATTER, 1024 + 100 } };
    dma_wait(ch, "read-dma short table", 0xC8, 1, 300, 4, 0, short_table, 1, 0);
    where(ch);
    dma_wait(ch, "write-dma short table", 0xCA, 0, 300, 4, 0, short_table, 1, 0);
    where(ch);
    pio_readback(ch, 300, 4, 0);
    /* The drive still works after the error. */
    dma(ch, "read-dma last sector", 0xC8, 1, sectors - 1, 1, 0, tail, 1);
}

void idedma_main(void) {
    u32 devfn = ide_devfn = find_ide();
    if (devfn == 0xFFFFFFFFu) { puts("dma: no IDE function\n"); outb(0xF4, 0x10); return; }
    puts("dma: ide at 00:"); hex(devfn >> 3, 2); putc('.'); hex(devfn & 7, 1);
    label(" id=", pci_read(devfn, 0x00), 8);
    label(" class=", pci_read(devfn, 0x08), 8);
    label(" command=", pci_read(devfn, 0x04) & 0xFFFF, 4);
    u32 bar4 = pci_read(devfn, 0x20);
    label(" bar4=", bar4, 8);
    putc('\n');
    bmide = bar4 & 0xFFFC;
    pci_write(devfn, 0x04, (pci_read(devfn, 0x04) & 0xFFFF) | 0x05); /* I/O space and bus master */
    label("dma: command now=", pci_read(devfn, 0x04) & 0xFFFF, 4);
    for (int ch = 0; ch < 2; ch++) {
        label(" bm", ch, 1); label(" cmd=", inb(bmide + 8 * ch), 2); label(" status=", inb(bmide + 8 * ch + 2), 2);
        label(" prd=", inl(bmide + 8 * ch + 4), 8);
        outb(bmide + 8 * ch + 2, 0xE6); /* simplex is read-only; the drive-capable bits keep what is written */
        label(" status(e6)=", inb(bmide + 8 * ch + 2), 2);
        outb(bmide + 8 * ch + 2, 0x20);
        label(" status(20)=", inb(bmide + 8 * ch + 2), 2);
    }
    putc('\n');
    setup_interrupts();
    channel(0, 2048);
    channel(1, 4096);
    puts("dma: end\n");
    outb(0xF4, 0x10);
}
