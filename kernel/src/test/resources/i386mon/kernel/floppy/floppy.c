/* Floppy test kernel: drives the 82077AA floppy controller as a kernel driver does, with IRQ 6
   through the 8259A (remapped to vector 0x26) and DMA channel 2 of the 8237. It resets the
   controller, recalibrates, reads track 0 and part of a later track by DMA, writes a sector,
   reads it back, reads beyond the media, reads a sector without DMA, and prints every result phase and a checksum of the
   data on COM1, then exits through port 0xf4. The same lines under QEMU and i386mon. */
#include "probe-serial.h"
#include "legacy-irq.h"

#define FDC_DOR 0x3F2
#define FDC_MSR 0x3F4
#define FDC_FIFO 0x3F5
#define FDC_CCR 0x3F7
#define BUFFER 0x80000u

static struct gate idt[256];
static volatile int irq_seen;
extern void irq6_stub(void);

void floppy_irq(void) {
    irq_seen = 1;
    outb(0x20, 0x20);
}

static void setup_interrupts(void) {
    irq_gate(idt, 0x26, irq6_stub);
    irq_start(idt, 0xBF, 0xFF); /* everything masked but IRQ 6 */
}

/* Waits for IRQ 6 (hlt until the handler ran); gives up after a while so a missing IRQ shows. */
static int wait_irq(void) {
    for (int i = 0; i < 1000000; i++) {
        __asm__ volatile("cli");
        if (irq_seen) { irq_seen = 0; __asm__ volatile("sti"); return 1; }
        __asm__ volatile("sti; hlt");
    }
    puts("floppy: no irq\n");
    return 0;
}

static void send(u8 b) {
    for (int i = 0; i < 100000; i++) if ((inb(FDC_MSR) & 0xC0) == 0x80) { outb(FDC_FIFO, b); return; }
    puts("floppy: fifo not ready for a command byte\n");
}

/* Reads the result phase into r (at most n bytes); returns how many there were. */
static int results(u8 *r, int n) {
    int got = 0;
    for (int i = 0; i < 100000 && got < n; i++) {
        u8 msr = inb(FDC_MSR);
        if ((msr & 0xD0) == 0xD0) { r[got++] = inb(FDC_FIFO); i = 0; }
        else if ((msr & 0xD0) == 0x80) break;
    }
    return got;
}

static void print_result(const char *what, const u8 *r, int n) {
    puts("floppy: "); puts(what);
    for (int i = 0; i < n; i++) { putc(' '); hex(r[i], 2); }
    putc('\n');
}

static void sense(const char *what) {
    u8 r[2];
    send(0x08);
    print_result(what, r, results(r, 2));
}

static u32 fnv(u32 addr, u32 len) {
    u32 h = 2166136261u;
    for (u32 i = 0; i < len; i++) { h ^= rd8(addr + i); h *= 16777619u; }
    return h;
}

/* Channel 2, single transfer, write to memory (0x46, a disk read) or read from it (0x4A). */
static void dma(u8 mode, u32 addr, u32 len) {
    outb(0x0A, 0x06);
    outb(0x0C, 0);
    outb(0x0B, mode);
    outb(0x04, (u8)addr); outb(0x04, (u8)(addr >> 8));
    outb(0x81, (u8)(addr >> 16));
    outb(0x05, (u8)(len - 1)); outb(0x05, (u8)((len - 1) >> 8));
    outb(0x0A, 0x02);
}

/* READ DATA (0xE6: multi-track, MFM, skip) or WRITE DATA (0xC5) of sectors from `sector`, EOT `eot`. */
static void transfer(const char *what, u8 cmd, u8 cyl, u8 head, u8 sector, u8 eot, u32 len) {
    u8 r[7];
    dma(cmd == 0xC5 || cmd == 0x45 ? 0x4A : 0x46, BUFFER, len);
    send(cmd); send((u8)(head << 2)); send(cyl); send(head); send(sector); send(2); send(eot); send(0x1B); send(0xFF);
    wait_irq();
    print_result(what, r, results(r, 7));
}

static void checksum(const char *what, u32 len) {
    puts("floppy: "); puts(what); puts(" fnv="); hex(fnv(BUFFER, len), 8); putc('\n');
}

void floppy_main(void) {
    u8 r[10];
    puts("floppy: start\n");
    setup_interrupts();

    outb(FDC_DOR, 0x00); /* reset */
    outb(FDC_DOR, 0x1C); /* out of reset, DMA gate, drive A's motor */
    wait_irq();
    for (int i = 0; i < 4; i++) sense("reset sense");

    send(0x10);
    print_result("version", r, results(r, 1));
    send(0x03); send(0xDF); send(0x02); /* SPECIFY: step rate, head unload, head load, DMA */
    outb(FDC_CCR, 0x00);                /* 500 kbit/s: a 1.44 MB diskette */

    send(0x07); send(0x00);             /* RECALIBRATE drive 0 */
    wait_irq();
    sense("recalibrate");

    transfer("read track 0", 0xE6, 0, 0, 1, 18, 18 * 512);
    checksum("track 0 head 0", 18 * 512);
    puts("floppy: boot signature "); hex(rd8(BUFFER + 510), 2); hex(rd8(BUFFER + 511), 2); putc('\n');

    send(0x0F); send(0x04); send(40);   /* SEEK head 1 to cylinder 40 */
    wait_irq();
    sense("seek 40");

    transfer("read c40 h1 s5-8", 0xE6, 40, 1, 5, 18, 4 * 512);
    checksum("c40 h1 s5-8", 4 * 512);

    for (u32 i = 0; i < 512; i++) *(volatile u8 *)(BUFFER + i) = (u8)(i * 13 + 0x5A);
    u32 written = fnv(BUFFER, 512);
    transfer("write c40 h1 s7", 0x45, 40, 1, 7, 7, 512);

    for (u32 i = 0; i < 2048; i++) *(volatile u8 *)(BUFFER + i) = 0;
    transfer("reread c40 h1 s5-8", 0xE6, 40, 1, 5, 18, 4 * 512);
    checksum("c40 h1 s5-8 after write", 4 * 512);
    puts(fnv(BUFFER + 1024, 512) == written ? "floppy: readback ok\n" : "floppy: readback differs\n");

    transfer("read beyond the media", 0xE6, 85, 0, 1, 18, 512);

    /* Non-DMA mode: SPECIFY with ND set; the sector comes through the FIFO, byte by byte. */
    send(0x03); send(0xDF); send(0x03);
    send(0x46); send(0x00); send(0); send(0); send(2); send(2); send(2); send(0x1B); send(0xFF);
    wait_irq();
    u32 n = 0;
    for (int i = 0; i < 1000000 && n < 512; i++) {
        if ((inb(FDC_MSR) & 0xF0) == 0xF0) { *(volatile u8 *)(BUFFER + n++) = inb(FDC_FIFO); i = 0; }
    }
    print_result("pio read c0 h0 s2", r, results(r, 7));
    checksum("pio c0 h0 s2", 512);
    send(0x03); send(0xDF); send(0x02);

    send(0x04); send(0x00);
    print_result("sense drive status", r, results(r, 1));
    send(0x0E);
    print_result("dumpreg", r, results(r, 10));
    send(0x08);
    print_result("sense without interrupt", r, results(r, 1));

    outb(FDC_DOR, 0x0C);                /* motor off */
    puts("floppy: end\n");
    outb(0xF4, 0x10);
}
