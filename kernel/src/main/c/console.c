/* Serial (COM1) and VGA text consoles, and kprintf writing to both. */
#include "kernel.h"

#define COM1 0x3F8
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07

static volatile uint16_t *vga;
static int vga_row, vga_col;

void serial_init(void) {
    outb(COM1 + 1, 0x00);   /* no UART interrupts: output is polled */
    outb(COM1 + 3, 0x80);   /* DLAB on to reach the divisor latch */
    outb(COM1 + 0, 3);      /* 115200 / 3 = 38400 baud */
    outb(COM1 + 1, 0);
    outb(COM1 + 3, 0x03);   /* 8 data bits, no parity, 1 stop bit, DLAB off */
    outb(COM1 + 2, 0xC7);   /* FIFOs on and cleared */
    outb(COM1 + 4, 0x03);   /* DTR and RTS */
}

static void serial_putc(char c) {
    /* LSR bit 5: transmitter holding register empty. */
    for (int spin = 0; spin < 100000 && !(inb(COM1 + 5) & 0x20); spin++) {
    }
    outb(COM1, (uint8_t)c);
}

static void vga_cursor(void) {
    uint16_t pos = (uint16_t)(vga_row * VGA_COLS + vga_col);
    outb(0x3D4, 0x0F);
    outb(0x3D5, (uint8_t)pos);
    outb(0x3D4, 0x0E);
    outb(0x3D5, (uint8_t)(pos >> 8));
}

void vga_init(void) {
    vga = (volatile uint16_t *)P2V(0xB8000);
    for (int i = 0; i < VGA_COLS * VGA_ROWS; i++) vga[i] = (VGA_ATTR << 8) | ' ';
    vga_row = vga_col = 0;
    vga_cursor();
}

static void vga_putc(char c) {
    if (!vga) return;
    if (c == '\n') {
        vga_col = 0;
        vga_row++;
    } else if (c == '\b') {
        if (vga_col > 0) vga[vga_row * VGA_COLS + --vga_col] = (VGA_ATTR << 8) | ' ';
    } else if (c != '\r') {
        vga[vga_row * VGA_COLS + vga_col] = (uint16_t)((VGA_ATTR << 8) | (uint8_t)c);
        if (++vga_col == VGA_COLS) { vga_col = 0; vga_row++; }
    }
    if (vga_row == VGA_ROWS) {
        for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++) vga[i] = vga[i + VGA_COLS];
        for (int i = 0; i < VGA_COLS; i++) vga[(VGA_ROWS - 1) * VGA_COLS + i] = (VGA_ATTR << 8) | ' ';
        vga_row = VGA_ROWS - 1;
    }
    vga_cursor();
}

void kputc(char c) {
    if (c == '\n') serial_putc('\r');
    serial_putc(c);
    vga_putc(c);
}

void kputs(const char *s) {
    while (*s) kputc(*s++);
}

static void put_number(uint32_t v, unsigned base, int negative, int width, char pad, int upper) {
    char buf[12];
    int n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    if (negative) {
        if (pad == '0') { kputc('-'); width--; }
        else buf[n++] = '-';
    }
    for (int i = n; i < width; i++) kputc(pad);
    while (n) kputc(buf[--n]);
}

/* Supports %d %i %u %x %X %p %s %c %% with an optional '0' flag and width. */
void kvprintf(const char *fmt, va_list ap) {
    for (; *fmt; fmt++) {
        if (*fmt != '%') { kputc(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': case 'i': {
            int32_t v = va_arg(ap, int32_t);
            put_number(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, v < 0, width, pad, 0);
            break;
        }
        case 'u': put_number(va_arg(ap, uint32_t), 10, 0, width, pad, 0); break;
        case 'x': put_number(va_arg(ap, uint32_t), 16, 0, width, pad, 0); break;
        case 'X': put_number(va_arg(ap, uint32_t), 16, 0, width, pad, 1); break;
        case 'p': kputs("0x"); put_number((uint32_t)(uintptr_t)va_arg(ap, void *), 16, 0, 8, '0', 0); break;
        case 'c': kputc((char)va_arg(ap, int)); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            size_t len = strlen(s ? s : "(null)");
            for (size_t i = len; i < (size_t)width; i++) kputc(' ');
            kputs(s ? s : "(null)");
            break;
        }
        case '%': kputc('%'); break;
        case 0: return;
        default: kputc('%'); kputc(*fmt); break;
        }
    }
}

void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}
