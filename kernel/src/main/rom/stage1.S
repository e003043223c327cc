/*
 * stage1: a boot sector (MBR layout: code in the first 446 bytes, an empty partition table, 55 aa)
 * that loads stage2.S through the BIOS, for a 1.44 MB floppy image and a raw disk image booted by
 * SeaBIOS (under QEMU: -fda/-hda). It asks INT 13h AH=08 for the drive's geometry and reads the
 * four sectors of stage 2 one at a time with AH=02 from LBA heads*sectors-2 on, i.e. across the
 * end of cylinder 0 (head and cylinder change), converting each LBA to CHS itself; each sector ends
 * in the marker word a5 00+i, which it checks. Where AH=41 says the extensions are there (the disk),
 * it reads the same four sectors again with one AH=42 extended read and compares. Then it jumps to
 * stage 2 at 0000:8000 with DL = the boot drive. Prints on COM1 without BIOS services; on an error
 * it prints the BIOS status (ee: stage 2 does not check) and writes 1 to QEMU's isa-debug-exit
 * port 0xf4 (exit status 3).
 */
#define COM1 0x3F8
#define STAGE2 0x8000
#define COPY 0x9000
#define SECTORS 4
/* Variables just past the boot sector (not in it: the 446 bytes of code are full). */
#define drive 0x7E00
#define spt 0x7E02
#define heads 0x7E04
#define base 0x7E06

#include "boot.inc"

    .code16
    .text
    .globl _start
_start:
    zero_segments
    ljmp $0, $1f                    /* CS:IP 0000:7Cxx whatever the BIOS used */
1:  sti                             /* the BIOS's disk services wait for IRQs 6 and 14 */
    mov %dl, drive

    mov $0x08, %ah                  /* drive parameters: CH/CL max cylinder and sector, DH max head */
    int $0x13
    jc fail
    push %ds
    pop %es                         /* AH=08 points ES:DI at the diskette parameter table */
    movzbw %dh, %ax
    inc %ax
    mov %ax, heads
    mov $m_geometry, %si
    call chs
    and $0x3F, %cx
    mov %cx, spt
    mov heads, %ax
    mul %cx
    sub $2, %ax                     /* the last two sectors of cylinder 0, then two of cylinder 1 */
    mov %ax, base
    mov $STAGE2, %bx
    xor %bp, %bp                    /* the sector of stage 2 */
read_next:
    mov $3, %di                     /* tries: a diskette's first read may fail */
retry:
    mov base, %ax
    add %bp, %ax
    xor %dx, %dx
    divw spt
    inc %dx
    mov %dl, %cl                    /* sector, 1-based */
    xor %dx, %dx
    divw heads
    mov %dl, %dh                    /* head */
    mov %al, %ch                    /* cylinder bits 0-7; bits 8-9 go to CL bits 6-7 */
    shl $6, %ah
    or %ah, %cl
    mov drive, %dl
    mov $0x0201, %ax
    int $0x13
    jnc 1f
    dec %di
    jnz retry
    jmp fail
1:  mov $m_read, %si
    call chs
    mov %bp, %ax
    or $0xA500, %ax
    cmp %ax, 510(%bx)
    jne bad
    add $512, %bx
    inc %bp
    cmp $SECTORS, %bp
    jb read_next

    mov $0x41, %ah                  /* the extensions, with AH=42 in their subset (CX bit 0)? */
    mov $0x55AA, %bx
    mov drive, %dl
    int $0x13
    mov $m_no_extensions, %si
    jc 1f
    cmp $0xAA55, %bx
    jne 1f
    test $1, %cl
    jz 1f
    mov base, %ax
    mov %ax, dap_lba
    mov $dap, %si
    mov $0x42, %ah
    mov drive, %dl
    int $0x13
    jc fail
    mov $STAGE2, %si
    mov $COPY, %di
    mov $SECTORS * 512, %cx
    cld
    repe cmpsb
    jne bad
    mov $m_extended, %si
1:  call say
    mov drive, %dl
    ljmp $0, $STAGE2

bad:
    mov $0xEE, %ah                  /* not a BIOS status: the data is wrong */
fail:
    mov $m_fail, %si
    call say
    mov %ah, %al
    call hex8
    call newline
    mov $1, %al
    out %al, $0xF4
2:  hlt
    jmp 2b

/* "boot1: " and the string at SI. */
say:
    push %si
    mov $m_boot1, %si
    call puts
    pop %si
    jmp puts

/* say, then cylinder, head and sector from CX and DH as INT 13h packs them, "c/h/s". */
chs:
    call say
    mov %cl, %al
    shr $6, %al
    call hex_digit                  /* cylinder bits 8-9, then 0-7 */
    mov %ch, %al
    call hex8
    mov $'/', %al
    call putc
    mov %dh, %al
    call hex8
    mov $'/', %al
    call putc
    mov %cl, %al
    and $0x3F, %al
    call hex8
    jmp newline

#include "com1.inc"

m_boot1:          .asciz "boot1: "
m_geometry:       .asciz "ah=08 "
m_read:           .asciz "ah=02 "
m_extended:       .asciz "ah=42 ok\r\n"
m_no_extensions:  .asciz "no ah=42\r\n"
m_fail:           .asciz "error "

dap:    .byte 16, 0                 /* disk address packet: size, reserved */
        .word SECTORS               /* sectors */
        .word COPY, 0               /* buffer offset, segment */
dap_lba: .long 0, 0

    .org 446                        /* the partition table: empty (so QEMU guesses no geometry from it) */
    .org 510
    .byte 0x55, 0xAA
