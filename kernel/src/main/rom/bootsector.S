/*
 * bootsector: a 512-byte boot sector for --boot-sector (i386mon) and a raw disk under QEMU
 * (qemu-system-i386 -drive file=bootsector.bin,format=raw). Loaded at 0000:7C00 and entered in real
 * mode with DL = the boot drive, it prints to COM1 (no BIOS services), enters protected mode (GDT,
 * far jump), adds up 1..1000 in 32-bit code, returns to real mode, prints the result and writes 0
 * to QEMU's isa-debug-exit port 0xf4.
 */
#define COM1 0x3F8

#include "boot.inc"

    .code16
    .text
    .globl _start
_start:
    zero_segments
    ljmp $0, $1f                    /* CS:IP 0000:7Cxx whatever the BIOS used */
1:  mov %dl, drive
    mov $banner, %si
    call puts
    mov drive, %al
    call hex8
    call newline

    enter_protected_mode pm32

    .code32
pm32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %ss
    xor %eax, %eax
    mov $1000, %ecx
1:  add %ecx, %eax
    loop 1b
    mov %eax, result
    ljmp $0x18, $pm16

    .code16
pm16:
    mov $0x20, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov %cr0, %eax
    and $0xFE, %al
    mov %eax, %cr0
    ljmp $0, $real

real:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $msg_sum, %si
    call puts
    mov result + 2, %ax
    call hex16
    mov result, %ax
    call hex16
    call newline
    mov $msg_done, %si
    call puts
    mov $0, %al
    out %al, $0xF4
2:  hlt
    jmp 2b

#include "com1.inc"

banner:   .asciz "bootsector: real mode at 0000:7c00, boot drive "
msg_sum:  .asciz "bootsector: protected mode and back, sum 1..1000="
msg_done: .asciz "bootsector: done\r\n"
drive:    .byte 0
    .balign 4
result:   .long 0

    .balign 8
gdt:
    .quad 0
    .quad 0x00CF9B000000FFFF        /* 0x08 flat 32-bit code */
    .quad 0x00CF93000000FFFF        /* 0x10 flat data */
    .quad 0x00009B000000FFFF        /* 0x18 16-bit code, base 0 */
    .quad 0x000093000000FFFF        /* 0x20 16-bit data, base 0 */
gdt_pointer:
    .word gdt_pointer - gdt - 1
    .long gdt

    .org 510
    .byte 0x55, 0xAA
