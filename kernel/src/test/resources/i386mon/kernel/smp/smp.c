/* The SMP test kernel: the bootstrap CPU counts the processors in the MP table, copies the AP
   trampoline below 1 MiB and starts the others with INIT and two startup IPIs. Each AP enables
   its local APIC, takes a spinlock and prints its APIC ID; then every CPU adds to a counter under
   the spinlock and to another with LOCK XADD; the BSP sends each AP a fixed IPI and an NMI, each AP
   answers with an IPI to the BSP, and an IPI goes to an APIC ID that does not exist. The BSP prints
   the sorted APIC IDs and the counts: lines that QEMU and i386mon print alike (the "up" lines come
   in whatever order the CPUs ran, so a test compares them sorted). Exits through port 0xf4. */
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long long u64;

#define LAPIC 0xFEE00000u
#define REG(off) (*(volatile u32 *)(LAPIC + (off)))
#define TRAMPOLINE 0x8000u
#define ROUNDS 2000
#define MAX_CPUS 8

extern char trampoline_start[], trampoline_end[], tramp_gdt_desc[];
extern char nmi_stub[], ipi40_stub[], ipi41_stub[], spurious_stub[];

static inline void outb(int port, int v) { __asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port)); }
static inline int inb(int port) { int v; __asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port)); return v & 0xff; }
static inline void pause(void) { __asm__ volatile("pause" ::: "memory"); }

static volatile u32 print_lock, count_lock;
static volatile u32 started, finished, locked_counter, atomic_counter;
static volatile u32 ids[MAX_CPUS];
static volatile u32 ipi40[MAX_CPUS], ipi41, nmis[MAX_CPUS], spurious;
static volatile u32 go_ipis, aps_may_stop;

static void lock(volatile u32 *l) {
    while (__sync_lock_test_and_set(l, 1)) while (*l) pause();   /* XCHG: atomic across CPUs */
}

static void unlock(volatile u32 *l) { __sync_lock_release(l); }

static void putc(char c) {
    while (!(inb(0x3fd) & 0x20)) { }
    outb(0x3f8, c);
}

static void puts(const char *s) { while (*s) putc(*s++); }

static void putd(u32 v) {
    char buf[12];
    int n = 0;
    do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putc(buf[--n]);
}

static void line(const char *what, u32 v) {
    puts("smp: ");
    puts(what);
    puts("=");
    putd(v);
    puts("\n");
}

/* ---- descriptor tables, shared by every CPU */
static u64 gdt[3] = { 0, 0x00CF9A000000FFFFull, 0x00CF93000000FFFFull };
static u64 idt[256];

static void set_gate(int vec, void *handler) {
    u32 h = (u32)handler;
    idt[vec] = (u64)((h & 0xffff) | (0x08 << 16)) | (u64)((h & 0xffff0000) | 0x8e00) << 32;
}

static void load_tables(void) {
    struct { u16 limit; u32 base; } __attribute__((packed)) g = { sizeof gdt - 1, (u32)gdt }, i = { sizeof idt - 1, (u32)idt };
    __asm__ volatile("lgdt %0; lidt %1" : : "m"(g), "m"(i));
}

/* ---- local APIC */
static u32 apic_id(void) { return REG(0x20) >> 24; }

static void apic_enable(void) {
    REG(0x80) = 0;        /* TPR: accept every class */
    REG(0xF0) = 0x1FF;    /* SVR: software enable, spurious vector 0xff */
}

static void send_ipi(u32 dest, u32 low) {
    REG(0x310) = dest << 24;
    REG(0x300) = low;
    while (REG(0x300) & (1 << 12)) pause();   /* delivery status */
}

static void delay(u32 n) { for (volatile u32 i = 0; i < n; i++) { } }

void smp_interrupt(u32 vector) {
    u32 me = apic_id();
    if (vector == 2) { nmis[me & 7]++; return; }   /* NMI: no EOI */
    if (vector == 0xff) { spurious++; return; }     /* spurious: no EOI (SDM 10.9) */
    if (vector == 0x40) ipi40[me & 7]++;
    if (vector == 0x41) __sync_fetch_and_add(&ipi41, 1);
    REG(0xB0) = 0;
}

/* ---- the MP table: how many processors there are */
static u32 count_cpus(void) {
    for (u32 a = 0xF0000; a < 0x100000; a += 16) {
        const volatile u32 *p;
        __asm__("" : "=r"(p) : "0"(a));
        if (*p != 0x5F504D5F) continue;   /* "_MP_" */
        u32 config = p[1];
        const volatile u8 *c;
        __asm__("" : "=r"(c) : "0"(config));
        u32 entries = c[34] | c[35] << 8, n = 0;
        const volatile u8 *e = c + 44;
        for (u32 k = 0; k < entries; k++) {
            if (e[0] == 0) { n++; e += 20; } else e += 8;
        }
        return n;
    }
    return 1;
}

static void count_rounds(void) {
    for (int k = 0; k < ROUNDS; k++) {
        lock(&count_lock);
        locked_counter = locked_counter + 1;   /* a plain read-modify-write: only the lock makes it safe */
        unlock(&count_lock);
        __sync_fetch_and_add(&atomic_counter, 1);   /* LOCK XADD */
    }
}

void ap_main(void) {
    load_tables();
    apic_enable();
    u32 me = apic_id();
    lock(&print_lock);
    ids[started + 1] = me;
    started = started + 1;
    puts("smp: up apic id=");
    putd(me);
    puts("\n");
    unlock(&print_lock);
    __asm__ volatile("sti");
    count_rounds();
    while (!go_ipis) pause();
    /* one at a time, in APIC ID order: IPIs of one vector pending together would merge in the IRR */
    while (ipi41 != me - 1) pause();
    send_ipi(0, 0x4041);                  /* fixed, vector 0x41, to the BSP (APIC ID 0) */
    __sync_fetch_and_add(&finished, 1);
    while (!aps_may_stop) __asm__ volatile("hlt");   /* IPIs wake it */
    for (;;) __asm__ volatile("cli; hlt");
}

void smp_main(void) {
    outb(0x21, 0xff);   /* the 8259A pair masked: the APIC only */
    outb(0xa1, 0xff);
    for (int v = 0; v < 256; v++) set_gate(v, spurious_stub);
    set_gate(2, nmi_stub);
    set_gate(0x40, ipi40_stub);
    set_gate(0x41, ipi41_stub);
    load_tables();
    apic_enable();
    u32 cpus = count_cpus();
    ids[0] = apic_id();
    line("cpus", cpus);

    /* the trampoline below 1 MiB, with the GDT's address */
    struct { u16 limit; u32 base; } __attribute__((packed)) g = { sizeof gdt - 1, (u32)gdt };
    __builtin_memcpy(tramp_gdt_desc, &g, sizeof g);
    for (char *s = trampoline_start, *d = (char *)TRAMPOLINE; s < trampoline_end; ) *d++ = *s++;

    send_ipi(0, 0xC4500);                 /* INIT, level assert, all excluding self */
    delay(100000);
    send_ipi(0, 0xC4600 | TRAMPOLINE >> 12);   /* STARTUP, vector 0x08 */
    delay(10000);
    send_ipi(0, 0xC4600 | TRAMPOLINE >> 12);   /* the second SIPI: started CPUs ignore it */
    while (started < cpus - 1) pause();

    __asm__ volatile("sti");
    count_rounds();
    for (u32 k = 1; k < cpus; k++) {
        send_ipi(ids[k], 0x4040);          /* fixed, vector 0x40, physical destination */
        send_ipi(ids[k], 0x4400);          /* NMI */
    }
    send_ipi(0x0F, 0x4040);                /* to an APIC ID no CPU has: goes nowhere */
    go_ipis = 1;
    while (finished < cpus - 1) pause();
    for (u32 k = 1; k < cpus; k++) while (!ipi40[ids[k] & 7] || !nmis[ids[k] & 7]) pause();
    while (ipi41 < cpus - 1) pause();

    /* sorted APIC IDs: the order the APs came up in varies under QEMU */
    for (u32 i = 0; i < cpus; i++)
        for (u32 j = i + 1; j < cpus; j++)
            if (ids[j] < ids[i]) { u32 t = ids[i]; ids[i] = ids[j]; ids[j] = t; }
    puts("smp: apic ids=");
    for (u32 i = 0; i < cpus; i++) { if (i) puts(","); putd(ids[i]); }
    puts("\n");
    line("started", started);
    line("locked counter", locked_counter);
    line("atomic counter", atomic_counter);
    line("expected", cpus * ROUNDS);
    u32 to_aps = 0, nmi_total = 0;
    for (u32 k = 0; k < MAX_CPUS; k++) { to_aps += ipi40[k]; nmi_total += nmis[k]; }
    line("ipis to aps", to_aps);
    line("nmis to aps", nmi_total);
    line("ipis to bsp", ipi41);
    line("bsp ipi40", ipi40[0]);
    aps_may_stop = 1;
    puts("smp: end\n");
    outb(0xf4, 0x10);
}
