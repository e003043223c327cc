/* What the probe kernels share: fixed-width types, port I/O, COM1 output (polled, 0x3F8) and reads
   at absolute guest addresses. GuestBuild copies this header next to every C file it compiles. */
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

static inline void outb(u16 port, u8 v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static void putc(char c) {
    while (!(inb(0x3FD) & 0x20)) { }
    outb(0x3F8, (u8)c);
}

static void puts(const char *s) { while (*s) putc(*s++); }

static void hex(u32 v, int digits) {
    for (int i = digits - 1; i >= 0; i--) putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

/* Reads at absolute addresses; the empty asm hides the constant address from GCC's bounds warnings. */
static inline u32 rd32(u32 addr) { volatile u32 *p; __asm__("" : "=r"(p) : "0"(addr)); return *p; }
static inline u16 rd16(u32 addr) { volatile u16 *p; __asm__("" : "=r"(p) : "0"(addr)); return *p; }
static inline u8 rd8(u32 addr) { volatile u8 *p; __asm__("" : "=r"(p) : "0"(addr)); return *p; }
