/*
 * realmode-rom: a 64 KiB firmware ROM that starts at the reset vector (F000:FFF0) in real mode and
 * exercises the CPU's real-address mode with no BIOS: it prints to COM1, takes INT n, #DE and #UD
 * through its own interrupt vector table, makes a far call, enters protected mode (GDT, far jump),
 * does 32-bit work above 1 MiB, returns to real mode keeping a 4 GiB data limit ("unreal" mode),
 * closes and opens the A20 gate through port 0x92 to show the 1 MiB wraparound, then writes 0 to
 * QEMU's isa-debug-exit port 0xf4. Runs the same under
 *   qemu-system-i386 -bios realmode-rom.bin -serial stdio -display none
 * and i386mon --bios realmode-rom.bin.
 *
 * The image is linked at offset 0 and mapped at 0xF0000 (and at 0xFFFF0000): in real mode CS is
 * 0xF000 and labels are offsets; the protected-mode code segments have base 0xF0000 so they too
 * use the labels as offsets. Variables live in RAM below 0x1000 (DS = 0).
 */
#define ROM_BASE   0xF0000
#define COM1       0x3F8
#define SYSCTL_A   0x92
#define DEBUG_EXIT 0xF4
#define SCRATCH    0x600            /* results the handlers and the 32-bit code leave */
#define WRAP_LOW   0x500            /* 0000:0500, what FFFF:0510 reaches with A20 closed */

    .code16
    .text
    .globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ss
    mov $0x7000, %sp
    mov %ax, %ds
    mov %ax, %es
    mov $banner, %si
    call puts

    /* CR0 as the reset left it (SDM vol. 3, table 9-1). */
    mov $msg_cr0, %si
    call puts
    mov %cr0, %eax
    call hex32
    call newline

    /* Every IRQ masked at both PICs (OCW1 works before initialisation too): STI below takes none. */
    mov $0xFF, %al
    out %al, $0x21
    out %al, $0xA1

    /* INT n through our own vector: the handler gets IF cleared and returns AX + 1. */
    movw $int80, 0x80 * 4
    movw %cs, 0x80 * 4 + 2
    mov $0x1234, %ax
    sti
    int $0x80
    cli
    mov %ax, %bx
    mov $msg_int, %si
    call puts
    mov %bx, %ax
    call hex16
    mov $msg_if, %si
    call puts
    mov SCRATCH + 4, %ax
    call hex16
    call newline

    /* A divide error through vector 0: the handler records the faulting IP and skips the DIV. */
    movw $de_handler, 0
    movw %cs, 2
    xor %bl, %bl
    mov $7, %ax
de_fault:
    div %bl
    mov $msg_de, %si
    call puts
    mov SCRATCH, %ax
    call hex16
    mov $msg_expect, %si
    call puts
    mov $de_fault, %ax
    call hex16
    call newline

    /* An undefined opcode through vector 6. */
    movw $ud_handler, 6 * 4
    movw %cs, 6 * 4 + 2
ud_fault:
    ud2
    mov $msg_ud, %si
    call puts
    mov SCRATCH + 2, %ax
    call hex16
    call newline

    /* A far call through another segment:offset naming the same bytes (EF00:x+0x1000 = F000:x). */
    lcall $0xEF00, $(far_function + 0x1000)
    mov %ax, %bx
    mov $msg_far, %si
    call puts
    mov %bx, %ax
    call hex16
    mov $msg_back, %si
    call puts
    mov %cs, %ax
    call hex16
    call newline

    /* Protected mode: load the GDT, set PE, far jump to 32-bit code. */
    lgdtl %cs:gdt_pointer
    mov %cr0, %eax
    or $1, %al
    mov %eax, %cr0
    ljmpl $0x08, $protected32

    .code32
protected32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x90000, %esp
    /* 32-bit work: the sum of 1..1000, and a pattern written above 1 MiB. */
    xor %eax, %eax
    mov $1000, %ecx
1:  add %ecx, %eax
    loop 1b
    mov %eax, SCRATCH + 8
    movl $0xCAFEBABE, 0x200000
    mov %cr0, %eax
    mov %eax, SCRATCH + 12
    /* Back to real mode: through 16-bit code, with a 16-bit stack; DS and ES keep their 4 GiB limit. */
    ljmp $0x18, $protected16

    .code16
protected16:
    mov $0x20, %ax
    mov %ax, %ss
    mov %cr0, %eax
    and $0xFE, %al
    mov %eax, %cr0
    ljmp $0xF000, $real_again

real_again:
    xor %ax, %ax
    mov %ax, %ss
    mov $0x7000, %sp
    mov %ax, %ds
    mov %ax, %es
    mov $msg_pm, %si
    call puts
    mov SCRATCH + 8, %eax
    call hex32
    mov $msg_pm_cr0, %si
    call puts
    mov SCRATCH + 12, %eax
    call hex32
    mov $msg_rm_cr0, %si
    call puts
    mov %cr0, %eax
    call hex32
    call newline

    /* Unreal mode: DS has base 0 and the 4 GiB limit from protected mode. */
    mov $0x200000, %esi
    mov (%esi), %eax                /* addr32 */
    mov %eax, %ebx
    mov $msg_unreal, %si
    call puts
    mov %ebx, %eax
    call hex32
    call newline

    /* A20: FFFF:0510 is 0x100500, or 0x000500 while the gate is closed. */
    movb $0x11, WRAP_LOW
    mov $0xFFFF, %ax
    mov %ax, %fs
    movb $0x22, %fs:0x510
    mov $msg_a20_on, %si
    call puts
    call show_wrap

    in $SYSCTL_A, %al
    and $0xFC, %al                  /* A20 off; bit 0 (reset) stays 0 */
    out %al, $SYSCTL_A
    movb $0x33, %fs:0x510
    mov $msg_a20_off, %si
    call puts
    call show_wrap

    in $SYSCTL_A, %al
    or $0x02, %al
    and $0xFE, %al
    out %al, $SYSCTL_A
    movb $0x44, %fs:0x510
    mov $msg_a20_on, %si
    call puts
    call show_wrap

    mov $msg_done, %si
    call puts
    mov $0, %al
    out %al, $DEBUG_EXIT
halt:
    hlt
    jmp halt

/* Prints port 0x92, the byte at 0000:0500 and at FFFF:0510. */
show_wrap:
    in $SYSCTL_A, %al
    call hex8
    mov $msg_low, %si
    call puts
    mov WRAP_LOW, %al
    call hex8
    mov $msg_high, %si
    call puts
    mov %fs:0x510, %al
    call hex8
    jmp newline

int80:
    pushf
    pop %dx
    and $0x0200, %dx                /* IF as the handler sees it: cleared by the delivery */
    mov %dx, SCRATCH + 4
    inc %ax
    iret

de_handler:
    push %bp
    mov %sp, %bp
    mov 2(%bp), %ax
    mov %ax, SCRATCH
    addw $2, 2(%bp)                 /* skip div %bl */
    pop %bp
    iret

ud_handler:
    push %bp
    push %ax
    mov %sp, %bp
    mov 4(%bp), %ax
    mov %ax, SCRATCH + 2
    addw $2, 4(%bp)                 /* skip ud2 */
    pop %ax
    pop %bp
    iret

far_function:
    mov %cs, %ax
    lret

#include "com1.inc"

hex32:
    push %eax
    push %eax
    shr $16, %eax
    call hex16
    pop %eax
    call hex16
    pop %eax
    ret

banner:      .asciz "realmode-rom: reset vector reached, real mode\r\n"
msg_cr0:     .asciz "cr0 at reset="
msg_int:     .asciz "int 0x80: ax="
msg_if:      .asciz " if in handler="
msg_de:      .asciz "#DE through the IVT: ip="
msg_expect:  .asciz " div at "
msg_ud:      .asciz "#UD through the IVT: ip="
msg_far:     .asciz "far call: cs in callee="
msg_back:    .asciz " cs after="
msg_pm:      .asciz "protected mode: sum 1..1000="
msg_pm_cr0:  .asciz " cr0="
msg_rm_cr0:  .asciz " back in real mode cr0="
msg_unreal:  .asciz "unreal mode: [0x200000]="
msg_a20_on:  .asciz "a20 on:  port 0x92="
msg_a20_off: .asciz "a20 off: port 0x92="
msg_low:     .asciz " [0000:0500]="
msg_high:    .asciz " [ffff:0510]="
msg_done:    .asciz "realmode-rom: done\r\n"

    .balign 8
gdt:
    .quad 0                         /* 0x00 null */
    .quad 0x00409F0F0000FFFF        /* 0x08 32-bit code, base 0xF0000, limit 0xFFFF */
    .quad 0x00CF93000000FFFF        /* 0x10 flat 4 GiB data */
    .quad 0x00009F0F0000FFFF        /* 0x18 16-bit code, base 0xF0000, limit 0xFFFF */
    .quad 0x000093000000FFFF        /* 0x20 16-bit data, base 0, limit 0xFFFF */
gdt_end:
gdt_pointer:
    .word gdt_end - gdt - 1
    .long ROM_BASE + gdt

    /* The reset vector: the CPU's first instruction, at 0xFFFFFFF0 (CS base 0xFFFF0000). */
    .org 0xFFF0, 0xFF
reset_vector:
    ljmp $0xF000, $_start
    .org 0x10000, 0xFF
