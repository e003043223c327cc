/*
 * vgaprobe: a boot sector that asks the VGA BIOS (INT 10h) for text mode 3, prints with the
 * teletype call, sets mode 13h and a VBE mode, and after each step writes what the adapter holds
 * to COM1: the BIOS's answers, the sequencer, graphics controller, CRTC and attribute registers,
 * the DAC, video memory through the 0xA0000/0xB8000 window and the Bochs VBE registers. Under
 * QEMU (-vga std) and i386mon the lines must be the same. Ends by writing 0 to isa-debug-exit.
 */
#define COM1 0x3F8

#include "boot.inc"

    .code16
    .text
    .globl _start
_start:
    zero_segments
    ljmp $0, $1f
1:  mov $0x0003, %ax            /* text mode 3 */
    int $0x10
    mov $hello, %si
2:  mov %cs:(%si), %al          /* teletype, page 0 */
    inc %si
    test %al, %al
    jz 3f
    mov $0x0E, %ah
    xor %bx, %bx
    int $0x10
    jmp 2b
3:  mov $'m', %al               /* m: mode, columns, page; cursor position and shape */
    call tag
    mov $0x0F, %ah
    int $0x10
    call hex16
    mov %bx, %ax
    call hex16
    mov $0x03, %ah
    xor %bh, %bh
    int $0x10
    mov %dx, %ax
    call hex16
    mov %cx, %ax
    call hex16
    mov $0xB800, %ax            /* t: the first cells of the text buffer */
    mov $'t', %bl
    call window
    call registers
    mov $'d', %al               /* d: misc, feature control, DAC state, write index, entries 0-3 */
    call tag
    mov $0x3CC, %dx
    in %dx, %al
    call hex8
    mov $0x3CA, %dx
    in %dx, %al
    call hex8
    mov $0x3C7, %dx
    out %al, %dx                /* read index: the last value read, feature control 0 */
    in %dx, %al
    call hex8
    inc %dx
    in %dx, %al
    call hex8
    inc %dx
    mov $12, %cx
4:  in %dx, %al
    call hex8
    loop 4b

    mov $0x0013, %ax            /* mode 13h: a pixel through the chain-4 window */
    int $0x10
    mov $0xA000, %ax
    mov %ax, %es
    movb $0x2A, %es:5
    mov $'g', %bl
    call window
    call registers

    xor %ax, %ax                /* VBE: controller information, mode 0x111, set it with the LFB */
    mov %ax, %es
    mov $0x0600, %di
    mov $'v', %al
    call tag
    mov $0x4F00, %ax
    int $0x10
    call hex16
    mov 0x600 + 4, %ax
    call hex16
    mov 0x600 + 0x12, %ax
    call hex16
    mov $0x4F01, %ax
    mov $0x0111, %cx
    int $0x10
    call hex16
    mov 0x600, %ax
    call hex16
    mov 0x600 + 0x12, %ax
    call hex16
    mov 0x600 + 0x14, %ax
    call hex16
    mov 0x600 + 0x19, %al
    call hex8
    mov 0x600 + 0x2A, %ax
    call hex16
    mov $0x4F02, %ax
    mov $0x4111, %bx
    int $0x10
    call hex16
    mov $'b', %al               /* b: the Bochs VBE registers 0-10 */
    call tag
    xor %bx, %bx
5:  mov %bx, %ax
    mov $0x1CE, %dx
    out %ax, %dx
    inc %dx
    in %dx, %ax
    call hex16
    inc %bx
    cmp $11, %bx
    jb 5b
    call registers
    call newline
    xor %al, %al
    out %al, $0xF4
6:  hlt
    jmp 6b

/* A new line "vga: X " for tag AL. */
tag:
    call newline
    mov $prefix, %si
    call puts
    call putc
    mov $' ', %al
    jmp putc

/* Tag BL: 8 bytes at AX:0000 through the window (ES = AX). */
window:
    mov %ax, %es
    mov %bl, %al
    call tag
    xor %si, %si
1:  mov %es:(%si), %al
    call hex8
    inc %si
    cmp $8, %si
    jb 1b
    ret

/* s: sequencer 0-4, c: graphics controller 0-8, r: CRTC 0-0x18, a: attribute controller 0-0x14. */
registers:
    mov $'s', %al
    mov $0x3C4, %dx
    mov $5, %cl
    call indexed
    mov $'c', %al
    mov $0x3CE, %dx
    mov $9, %cl
    call indexed
    mov $'r', %al
    mov $0x3D4, %dx
    mov $25, %cl
    call indexed
    mov $'a', %al
    call tag
    xor %bl, %bl
1:  mov $0x3DA, %dx             /* the flip-flop to "index" */
    in %dx, %al
    mov $0x3C0, %dx
    mov %bl, %al
    or $0x20, %al
    out %al, %dx
    inc %dx
    in %dx, %al
    call hex8
    inc %bl
    cmp $0x15, %bl
    jb 1b
    ret

/* Tag AL: registers 0..CL-1 behind index port DX. */
indexed:
    call tag
    xor %bl, %bl
1:  mov %bl, %al
    out %al, %dx
    inc %dx
    in %dx, %al
    dec %dx
    call hex8
    inc %bl
    cmp %cl, %bl
    jb 1b
    ret

#include "com1.inc"

prefix: .asciz "vga: "
hello:  .asciz "Hi"

    .org 510
    .byte 0x55, 0xAA
