/*
 * resetboot: a boot sector that asks the machine for a reset in each of a PC's ways and counts its
 * boots in CMOS RAM, which a reset keeps (as it keeps RAM). Booted by the firmware (SeaBIOS) from a
 * disk, it prints its boot count and a marker it left in RAM on the boot before, then resets:
 * through the PIIX reset control register (0xCF9), the 8042 (command 0xFE pulses the reset line),
 * port 0x92 (fast reset, bit 0); on the fourth boot it writes 0 to isa-debug-exit (0xf4).
 */
#define COM1 0x3F8
#define CMOS_COUNT 0x7E                 /* a CMOS RAM byte neither QEMU nor SeaBIOS uses */
#define MARKER_SEG 0x9800               /* RAM at 0x98000: SeaBIOS clears 0x7000-0x8ffff, not this */

#include "boot.inc"

    .code16
    .text
    .globl _start
_start:
    cli
    zero_segments
    ljmp $0, $1f
1:  mov $0x7C00, %sp
    mov $CMOS_COUNT, %al                /* count = CMOS[0x7E] + 1 */
    out %al, $0x70
    in $0x71, %al
    inc %al
    mov %al, %bl
    mov $CMOS_COUNT, %al
    out %al, $0x70
    mov %bl, %al
    out %al, $0x71

    mov $msg_boot, %si
    call puts
    mov %bl, %al
    call hex8
    mov $msg_marker, %si                /* what the boot before left at 0x98000 (0 at power-on) */
    call puts
    mov $MARKER_SEG, %ax
    mov %ax, %es
    mov %es:0, %ax
    call hex16
    call newline
    mov %bl, %al                        /* leave this boot's count there for the next boot */
    mov $0xB0, %ah
    mov %ax, %es:0

    cmp $1, %bl
    je via_cf9
    cmp $2, %bl
    je via_8042
    cmp $3, %bl
    je via_92
    mov $msg_done, %si
    call puts
    mov $0, %al
    out %al, $0xF4
    jmp halt

via_cf9:
    mov $msg_cf9, %si
    call puts
    mov $0xCF9, %dx
    mov $0x02, %al                      /* hard reset selected: no reset yet */
    out %al, %dx
    mov $0x06, %al                      /* + bit 2: reset */
    out %al, %dx
    jmp halt

via_8042:
    mov $msg_8042, %si
    call puts
1:  in $0x64, %al                       /* wait until the controller takes a command */
    test $0x02, %al
    jnz 1b
    mov $0xFE, %al
    out %al, $0x64
    jmp halt

via_92:
    mov $msg_92, %si
    call puts
    in $0x92, %al
    and $0xFE, %al
    out %al, $0x92
    or $0x01, %al                       /* bit 0 from 0 to 1: fast reset */
    out %al, $0x92

halt:
    hlt
    jmp halt

#include "com1.inc"

msg_boot:   .asciz "resetboot: boot "
msg_marker: .asciz ", marker "
msg_cf9:    .asciz "resetboot: reset via 0xcf9\r\n"
msg_8042:   .asciz "resetboot: reset via the 8042\r\n"
msg_92:     .asciz "resetboot: reset via port 0x92\r\n"
msg_done:   .asciz "resetboot: done\r\n"

    .org 510
    .byte 0x55, 0xAA
