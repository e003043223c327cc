/* A multiboot kernel that enumerates PCI bus 0 through configuration mechanism #1 (0xCF8/0xCFC)
   and prints each function it finds on COM1: IDs, class code and revision, header type, the six
   BARs, the ROM BAR, interrupt line and pin, command register; also the PIRQ routes of the ISA
   bridge and the ELCR. Then it exits through port 0xF4. Used to compare i386mon's PCI view with QEMU's. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)  /* multiboot header, first in .text */
        .globl _start
_start:
        mov $stack_top, %esp
        xor %edi, %edi                  /* edi = devfn */
next_fn:
        mov $0x00, %bl; call cfg_read   /* eax = vendor/device */
        cmp $0xffff, %ax
        je absent
        call show_function
        test $7, %edi                   /* function 0 of a single-function device: skip 1-7 */
        jnz 1f
        mov $0x0c, %bl; call cfg_read
        test $0x00800000, %eax
        jnz 1f
        add $7, %edi
1:      jmp advance
absent:
        test $7, %edi                   /* no function 0: no device */
        jnz advance
        add $7, %edi
advance:
        inc %edi
        cmp $256, %edi
        jb next_fn
        mov $s_elcr, %esi; call puts
        mov $0x4d1, %dx; in %dx, %al; shl $8, %eax
        mov $0x4d0, %dx; in %dx, %al
        mov $4, %ecx; call hex_line
        mov $s_end, %esi; call puts
        mov $0x10, %al; out %al, $0xf4
2:      cli; hlt; jmp 2b

/* bl = register, edi = devfn; returns the dword in eax */
cfg_read:
        push %edx
        mov %edi, %eax
        shl $8, %eax
        movzbl %bl, %edx
        or %edx, %eax
        or $0x80000000, %eax
        mov $0xcf8, %dx
        out %eax, %dx
        mov $0xcfc, %dx
        in %dx, %eax
        pop %edx
        ret

show_function:
        mov $s_fn, %esi; call puts
        mov %edi, %eax; shr $3, %eax; mov $2, %ecx; call hex      /* device */
        mov $'.', %al; call putc
        mov %edi, %eax; and $7, %eax; mov $1, %ecx; call hex      /* function */
        mov $s_id, %esi; call puts
        mov $0x00, %bl; call cfg_read; mov $8, %ecx; call hex
        mov $s_class, %esi; call puts
        mov $0x08, %bl; call cfg_read; mov $8, %ecx; call hex
        mov $s_hdr, %esi; call puts
        mov $0x0c, %bl; call cfg_read; shr $16, %eax; mov $2, %ecx; call hex
        mov $s_cmd, %esi; call puts
        mov $0x04, %bl; call cfg_read; mov $4, %ecx; call hex
        mov $s_irq, %esi; call puts
        mov $0x3c, %bl; call cfg_read; mov $4, %ecx; call hex_line
        mov $0x10, %bl                  /* BAR0-5 */
3:      mov $s_bar, %esi; call puts
        call cfg_read; mov $8, %ecx; call hex
        mov $s_size, %esi; call puts
        call bar_size; mov $8, %ecx; call hex_line
        add $4, %bl
        cmp $0x28, %bl
        jb 3b
        mov $s_rom, %esi; call puts
        mov $0x30, %bl; call cfg_read; mov $8, %ecx; call hex
        mov $s_size, %esi; call puts
        call bar_size; mov $8, %ecx; call hex_line
        mov $0x00, %bl; call cfg_read   /* the PIIX3 ISA bridge: its PIRQ routes */
        cmp $0x70008086, %eax
        jne 4f
        mov $s_pirq, %esi; call puts
        mov $0x60, %bl; call cfg_read; mov $8, %ecx; call hex_line
4:      ret

/* bl = BAR register: writes all ones, reads back the size mask, restores the BAR */
bar_size:
        push %ebp
        call cfg_read
        mov %eax, %ebp
        mov $0xffffffff, %eax; call cfg_write
        call cfg_read
        push %eax
        mov %ebp, %eax; call cfg_write
        pop %eax
        pop %ebp
        ret
cfg_write:                      /* bl = register, eax = value */
        push %edx
        push %eax
        mov %edi, %eax
        shl $8, %eax
        movzbl %bl, %edx
        or %edx, %eax
        or $0x80000000, %eax
        mov $0xcf8, %dx
        out %eax, %dx
        pop %eax
        mov $0xcfc, %dx
        out %eax, %dx
        pop %edx
        ret

hex_line:                       /* eax = value, ecx = digits; then a newline */
        call hex
        mov $10, %al
        jmp putc
hex:                            /* eax = value, ecx = digits */
        push %ebx
        push %edx
        mov %ecx, %ebx
        shl $2, %ebx
5:      sub $4, %ebx
        mov %eax, %edx
        mov %bl, %cl
        shr %cl, %edx
        and $15, %edx
        mov hexdigits(%edx), %dl
        push %eax
        mov %dl, %al
        call putc
        pop %eax
        test %ebx, %ebx
        jnz 5b
        pop %edx
        pop %ebx
        ret
puts:                           /* esi = NUL-terminated string */
6:      lodsb
        test %al, %al
        jz 7f
        call putc
        jmp 6b
7:      ret
putc:                           /* al = byte, to COM1 */
        push %edx
        push %eax
        mov $0x3fd, %dx
8:      in %dx, %al
        test $0x20, %al
        jz 8b
        pop %eax
        mov $0x3f8, %dx
        out %al, %dx
        pop %edx
        ret

        .data
hexdigits: .ascii "0123456789abcdef"
s_fn:    .asciz "pci: 00:"
s_id:    .asciz " id="
s_class: .asciz " class/rev="
s_hdr:   .asciz " header="
s_cmd:   .asciz " command="
s_irq:   .asciz " pin/line="
s_bar:   .asciz "pci:   bar="
s_rom:   .asciz "pci:   rom="
s_size:  .asciz " size mask="
s_pirq:  .asciz "pci:   pirq routes="
s_elcr:  .asciz "pci: elcr="
s_end:   .asciz "pci: end\n"

        .bss
        .align 16
        .skip 4096
stack_top:
