/* The 8259A PIC pair, the 8253/8254 PIT and the PS/2 keyboard. */
#include "kernel.h"

#define PIC1 0x20
#define PIC2 0xA0

void pic_init(void) {
    /* ICW1-ICW4: edge triggered, cascade, vector bases 0x20 and 0x28, slave on IRQ2, 8086 mode. */
    outb(PIC1, 0x11); io_wait();
    outb(PIC2, 0x11); io_wait();
    outb(PIC1 + 1, 0x20); io_wait();
    outb(PIC2 + 1, 0x28); io_wait();
    outb(PIC1 + 1, 0x04); io_wait();
    outb(PIC2 + 1, 0x02); io_wait();
    outb(PIC1 + 1, 0x01); io_wait();
    outb(PIC2 + 1, 0x01); io_wait();
    /* Unmask only the timer, the keyboard and the cascade. */
    outb(PIC1 + 1, 0xF8);
    outb(PIC2 + 1, 0xFF);
    kprintf("pic: remapped to 0x20-0x2f\n");
}

void pic_eoi(int irq) {
    if (irq >= 8) outb(PIC2, 0x20);
    outb(PIC1, 0x20);
}

void pit_init(uint32_t hz) {
    uint32_t divisor = 1193182u / hz;
    outb(0x43, 0x36); /* channel 0, lobyte/hibyte, mode 3 (square wave), binary */
    outb(0x40, (uint8_t)divisor);
    outb(0x40, (uint8_t)(divisor >> 8));
    kprintf("pit: %u Hz\n", hz);
}

/* Scancode set 1, make codes 0x00-0x39, without and with shift. */
static const char keymap[58] =
    "\0\0331234567890-=\b\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char keymap_shift[58] =
    "\0\033!@#$%^&*()_+\b\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";
static int shift, extended;

void kbd_init(void) {
    /* Drain anything the controller holds so the first IRQ1 is a fresh key. */
    for (int i = 0; i < 16 && (inb(0x64) & 1); i++) (void)inb(0x60);
    kprintf("kbd: irq1, scancode set 1\n");
}

void kbd_irq(void) {
    uint8_t sc = inb(0x60);
    if (sc == 0xE0) { extended = 1; return; }
    int was_extended = extended;
    extended = 0;
    if (was_extended) return;
    if (sc == 0x2A || sc == 0x36) { shift = 1; return; }
    if (sc == 0xAA || sc == 0xB6) { shift = 0; return; }
    if (sc & 0x80 || sc >= sizeof keymap) return;
    char c = (shift ? keymap_shift : keymap)[sc];
    if (c) kputc(c);
}
