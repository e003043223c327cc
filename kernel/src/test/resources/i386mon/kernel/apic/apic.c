/* The APIC test kernel: with the 8259A pair masked, it uses the local APIC timer (one-shot and
   periodic) as its only clock, sends IPIs to itself, to all and to an APIC that does not exist,
   takes the PIT's IRQ0 through the I/O APIC (pin 2), then turns the APIC off and reads its page.
   It prints counts, never timings, so QEMU and i386mon print the same lines. */
typedef unsigned int u32;
typedef unsigned long long u64;

#define LAPIC 0xFEE00000u
#define IOAPIC 0xFEC00000u
#define REG(a) (*(volatile u32 *)(a))

static volatile u32 count[256];
extern char stubs[], spurious_stub[];

static inline void outb(int port, int v) { __asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port)); }
static inline int inb(int port) { int v; __asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port)); return v & 0xff; }

static void putc(char c) {
    while (!(inb(0x3fd) & 0x20)) { }
    outb(0x3f8, c);
}

static void puts(const char *s) { while (*s) putc(*s++); }

static void putx(u32 v) {
    puts("0x");
    for (int i = 28; i >= 0; i -= 4) putc("0123456789abcdef"[(v >> i) & 15]);
}

static void putd(u32 v) {
    char buf[12];
    int n = 0;
    do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putc(buf[--n]);
}

static void line(const char *what, u32 v, int hex) {
    puts("apic: ");
    puts(what);
    puts("=");
    if (hex) putx(v); else putd(v);
    puts("\n");
}

static u64 idt[256];

static void set_gate(int vec, void *handler) {
    u32 h = (u32)handler;
    idt[vec] = (u64)((h & 0xffff) | (0x08 << 16)) | (u64)((h & 0xffff0000) | 0x8e00) << 32;
}

static void lidt(void) {
    struct { unsigned short limit; u32 base; } __attribute__((packed)) d = { sizeof idt - 1, (u32)idt };
    __asm__ volatile("lidt %0" : : "m"(d));
}

static u64 rdmsr(u32 msr) { u32 lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr)); return (u64)hi << 32 | lo; }
static void wrmsr(u32 msr, u64 v) { __asm__ volatile("wrmsr" : : "a"((u32)v), "d"((u32)(v >> 32)), "c"(msr)); }

static u32 cpuid1_edx(void) {
    u32 a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return d;
}

void apic_interrupt(u32 vec) {
    count[vec]++;
    if (vec != 0xff) REG(LAPIC + 0xb0) = 0; /* EOI (never for the spurious vector) */
}

static void wait_for(volatile u32 *c, u32 n) {
    while (*c < n) __asm__ volatile("sti; hlt; cli");
}

static void ioapic_write(u32 reg, u32 v) { REG(IOAPIC) = reg; REG(IOAPIC + 0x10) = v; }
static u32 ioapic_read(u32 reg) { REG(IOAPIC) = reg; return REG(IOAPIC + 0x10); }

void apic_main(void) {
    for (int v = 0x20; v < 0x50; v++) set_gate(v, stubs + 16 * (v - 0x20));
    set_gate(0xff, spurious_stub);
    lidt();
    outb(0x21, 0xff); /* both 8259As masked: every interrupt below comes through the APICs */
    outb(0xa1, 0xff);
    puts("apic: start\n");

    line("cpuid apic", cpuid1_edx() >> 9 & 1, 0);
    u64 base = rdmsr(0x1b);
    line("base", (u32)base & 0xfffff000, 1);
    line("base enable", (u32)base >> 11 & 1, 0);
    line("base bsp", (u32)base >> 8 & 1, 0);
    line("id", REG(LAPIC + 0x20) >> 24, 0);
    line("version", REG(LAPIC + 0x30), 1);

    REG(LAPIC + 0xf0) = 0x1ff;              /* software enable, spurious vector 0xff */
    REG(LAPIC + 0x80) = 0;                  /* TPR 0: accept every class */
    REG(LAPIC + 0x3e0) = 0x3;               /* divide by 16 */

    /* One-shot: fires once, then the current count stays 0. */
    REG(LAPIC + 0x320) = 0x40;
    REG(LAPIC + 0x380) = 200000;
    wait_for(&count[0x40], 1);
    for (volatile int i = 0; i < 200000; i++) { }
    line("oneshot interrupts", count[0x40], 0);
    line("oneshot current", REG(LAPIC + 0x390), 0);

    /* Periodic: the only clock of the wait loop. */
    REG(LAPIC + 0x320) = 0x41 | 1 << 17;
    REG(LAPIC + 0x380) = 50000;
    wait_for(&count[0x41], 10);
    REG(LAPIC + 0x320) = 0x41 | 1 << 16;    /* masked: no more ticks */
    u32 ticks = count[0x41];
    REG(LAPIC + 0x380) = 0;                  /* stopped */
    line("periodic ticks", ticks, 0);
    line("periodic stopped current", REG(LAPIC + 0x390), 0);
    line("timer lvt", REG(LAPIC + 0x320), 1);

    /* IPIs: self (shorthand), physical destination 0, all including self, all but self, an absent APIC. */
    __asm__ volatile("sti");
    REG(LAPIC + 0x300) = 0x42 | 1 << 18 | 1 << 14;
    REG(LAPIC + 0x310) = 0;
    REG(LAPIC + 0x300) = 0x43 | 1 << 14;
    REG(LAPIC + 0x300) = 0x44 | 2 << 18 | 1 << 14;
    REG(LAPIC + 0x300) = 0x45 | 3 << 18 | 1 << 14;
    REG(LAPIC + 0x310) = 5 << 24;
    REG(LAPIC + 0x300) = 0x46 | 1 << 14;
    for (volatile int i = 0; i < 1000; i++) { }
    __asm__ volatile("cli");
    line("ipi self", count[0x42], 0);
    line("ipi dest 0", count[0x43], 0);
    line("ipi all", count[0x44], 0);
    line("ipi all-but-self", count[0x45], 0);
    line("ipi absent apic 5", count[0x46], 0);
    line("icr delivery status", REG(LAPIC + 0x300) >> 12 & 1, 0);

    /* Task priority: class 4 waits in the IRR while TPR is 0x50, and arrives when it drops. */
    REG(LAPIC + 0x80) = 0x50;
    __asm__ volatile("sti");
    REG(LAPIC + 0x300) = 0x47 | 1 << 18 | 1 << 14;
    for (volatile int i = 0; i < 1000; i++) { }
    line("tpr held", count[0x47], 0);
    line("tpr held irr", REG(LAPIC + 0x200 + 0x47 / 32 * 0x10) >> (0x47 % 32) & 1, 0);
    line("ppr", REG(LAPIC + 0xa0), 1);
    REG(LAPIC + 0x80) = 0;
    for (volatile int i = 0; i < 1000; i++) { }
    __asm__ volatile("cli");
    line("tpr released", count[0x47], 0);

    /* I/O APIC: the PIT's IRQ0 on pin 2, edge, vector 0x30, to APIC 0. */
    line("ioapic version", ioapic_read(1) >> 16 & 0xff, 0);
    ioapic_write(0x10 + 2 * 2 + 1, 0);
    ioapic_write(0x10 + 2 * 2, 0x30);
    outb(0x43, 0x34);
    outb(0x40, 11932 & 0xff);               /* 100 Hz */
    outb(0x40, 11932 >> 8);
    wait_for(&count[0x30], 5);
    ioapic_write(0x10 + 2 * 2, 0x30 | 1 << 16);
    line("ioapic pit ticks", count[0x30], 0);
    line("ioapic pin 2 entry", ioapic_read(0x10 + 2 * 2), 1);
    line("pic ticks", count[0x20] + count[0x08], 0);

    /* Off: clear the global enable. The page no longer decodes and CPUID stops reporting it. */
    wrmsr(0x1b, base & ~(1ull << 11));
    line("off base enable", (u32)rdmsr(0x1b) >> 11 & 1, 0);
    line("off cpuid apic", cpuid1_edx() >> 9 & 1, 0);
    line("off read version", REG(LAPIC + 0x30), 1);
    line("spurious", count[0xff], 0);
    puts("apic: end\n");
    outb(0xf4, 0x10);
}
