/*
 * stage2: the second stage stage1.S loads at 0000:8000 (four sectors, each ending in the marker
 * word a5 00+i). In real mode it prints the boot drive, enters protected mode (GDT, far jump), and
 * in 32-bit code prints CR0 and an FNV-1a checksum of its sectors 1-3 (patterned data), then
 * writes 0 to QEMU's isa-debug-exit port 0xf4 (exit status 1). Prints on COM1.
 */
#define COM1 0x3F8

#include "boot.inc"

    .code16
    .text
    .globl _start
_start:
    zero_segments
    mov $m_real, %si
    call puts
    mov %dl, %al
    call hex8
    call newline

    enter_protected_mode pm32

#include "com1.inc"

    .code32
pm32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7C00, %esp
    mov $0x811C9DC5, %eax           /* FNV-1a over sectors 1-3 */
    mov $_start + 512, %esi
    mov $3 * 512, %ecx
1:  xor (%esi), %al
    imul $16777619, %eax, %eax
    inc %esi
    loop 1b
    mov %eax, %ebx
    mov $m_protected, %esi
    call puts32
    mov %cr0, %eax
    call hex32
    mov $m_fnv, %esi
    call puts32
    mov %ebx, %eax
    call hex32
    mov $m_done, %esi
    call puts32
    mov $0, %al
    out %al, $0xF4
2:  hlt
    jmp 2b

#include "com1-32.inc"

m_real:      .asciz "boot2: real mode at 0000:8000, boot drive "
m_protected: .asciz "boot2: protected mode, cr0="
m_fnv:       .asciz " fnv="
m_done:      .asciz "\r\nboot2: done\r\n"

    .balign 8
gdt:
    .quad 0
    .quad 0x00CF9B000000FFFF        /* 0x08 flat 32-bit code */
    .quad 0x00CF93000000FFFF        /* 0x10 flat data */
gdt_pointer:
    .word gdt_pointer - gdt - 1
    .long gdt

    .org 510
    .word 0xA500

/* Sector k (1-3): 510 patterned bytes and the marker a5 00+k. */
.macro sector k
    .set n, 0
    .rept 510
    .byte (n * 7 + \k * 31) & 0xFF
    .set n, n + 1
    .endr
    .word 0xA500 + \k
.endm
    sector 1
    sector 2
    sector 3
