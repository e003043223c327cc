/* A multiboot kernel that prints what the firmware left behind (PICs, BIOS data area, PIT,
   8042, CMOS, VGA) as "name=value" lines on COM1, then exits through port 0xF4. Used to compare
   i386mon's power-on state with QEMU's. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)  /* multiboot header, first in .text */
        .globl _start
_start:
        mov $stack_top, %esp
        mov $s_picm, %esi;  in $0x21, %al;  call byte_line
        mov $s_pics, %esi;  in $0xa1, %al;  call byte_line
        mov $s_com1, %esi;  movzwl 0x400, %eax; call word_line
        mov $s_com2, %esi;  movzwl 0x402, %eax; call word_line
        mov $s_equip, %esi; movzwl 0x410, %eax; call word_line
        mov $s_base, %esi;  movzwl 0x413, %eax; call word_line
        mov $s_vmode, %esi; movzbl 0x449, %eax; call byte_line
        mov $s_cols, %esi;  movzwl 0x44a, %eax; call word_line
        mov $s_crtc, %esi;  movzwl 0x463, %eax; call word_line
        /* PIT read-back: status of channel 0 (mode and access bits) */
        mov $0xe2, %al; out %al, $0x43; in $0x40, %al
        and $0x3f, %al
        mov $s_pit, %esi; call byte_line
        /* 8042 command byte */
        mov $0x20, %al; out %al, $0x64
1:      in $0x64, %al; test $1, %al; jz 1b
        in $0x60, %al
        mov $s_kbc, %esi; call byte_line
        /* CMOS memory size bytes */
        mov $0x15, %al; mov $s_c15, %esi; call cmos_line
        mov $0x16, %al; mov $s_c16, %esi; call cmos_line
        mov $0x17, %al; mov $s_c17, %esi; call cmos_line
        mov $0x18, %al; mov $s_c18, %esi; call cmos_line
        mov $0x30, %al; mov $s_c30, %esi; call cmos_line
        mov $0x31, %al; mov $s_c31, %esi; call cmos_line
        mov $0x34, %al; mov $s_c34, %esi; call cmos_line
        mov $0x35, %al; mov $s_c35, %esi; call cmos_line
        /* CMOS floppy drive types and equipment byte */
        mov $0x10, %al; mov $s_c10, %esi; call cmos_line
        mov $0x14, %al; mov $s_c14, %esi; call cmos_line
        /* VGA misc output register and cursor shape */
        mov $0x3cc, %dx; in %dx, %al
        mov $s_misc, %esi; call byte_line
        mov $0x3d4, %dx; mov $0x0a, %al; out %al, %dx; inc %dx; in %dx, %al
        mov $s_cur0, %esi; call byte_line
        mov $0x3d4, %dx; mov $0x0b, %al; out %al, %dx; inc %dx; in %dx, %al
        mov $s_cur1, %esi; call byte_line
        mov $s_end, %esi; call puts
        mov $0x10, %al; out %al, $0xf4
2:      cli; hlt; jmp 2b

cmos_line:                      /* al = register, esi = name */
        out %al, $0x70
        in $0x71, %al
        jmp byte_line
byte_line:                      /* esi = name, al = value */
        movzbl %al, %eax
        mov $2, %ecx
        jmp value_line
word_line:                      /* esi = name, ax = value */
        mov $4, %ecx
value_line:
        push %eax
        push %ecx
        call puts
        pop %ecx
        pop %eax
        mov %ecx, %ebx
        shl $2, %ebx            /* bits to print */
3:      sub $4, %ebx
        mov %eax, %edx
        mov %bl, %cl
        shr %cl, %edx
        and $15, %edx
        mov hex(%edx), %dl
        push %eax
        mov %dl, %al
        call putc
        pop %eax
        test %ebx, %ebx
        jnz 3b
        mov $10, %al
        call putc
        ret
puts:                           /* esi = NUL-terminated string */
4:      lodsb
        test %al, %al
        jz 5f
        call putc
        jmp 4b
5:      ret
putc:                           /* al = byte, to COM1 */
        push %edx
        push %eax
        mov $0x3fd, %dx
6:      in %dx, %al
        test $0x20, %al
        jz 6b
        pop %eax
        mov $0x3f8, %dx
        out %al, %dx
        pop %edx
        ret

        .data
hex:    .ascii "0123456789abcdef"
s_picm: .asciz "bios-state: pic master mask="
s_pics: .asciz "bios-state: pic slave mask="
s_com1: .asciz "bios-state: bda com1="
s_com2: .asciz "bios-state: bda com2="
s_equip: .asciz "bios-state: bda equipment="
s_base: .asciz "bios-state: bda base memory kib="
s_vmode: .asciz "bios-state: bda video mode="
s_cols: .asciz "bios-state: bda columns="
s_crtc: .asciz "bios-state: bda crtc base="
s_pit:  .asciz "bios-state: pit channel 0 status="
s_kbc:  .asciz "bios-state: 8042 command byte="
s_c10:  .asciz "bios-state: cmos 10="
s_c14:  .asciz "bios-state: cmos 14="
s_c15:  .asciz "bios-state: cmos 15="
s_c16:  .asciz "bios-state: cmos 16="
s_c17:  .asciz "bios-state: cmos 17="
s_c18:  .asciz "bios-state: cmos 18="
s_c30:  .asciz "bios-state: cmos 30="
s_c31:  .asciz "bios-state: cmos 31="
s_c34:  .asciz "bios-state: cmos 34="
s_c35:  .asciz "bios-state: cmos 35="
s_misc: .asciz "bios-state: vga misc output="
s_cur0: .asciz "bios-state: vga cursor start="
s_cur1: .asciz "bios-state: vga cursor end="
s_end:  .asciz "bios-state: end\n"

        .bss
        .align 16
        .skip 4096
stack_top:
