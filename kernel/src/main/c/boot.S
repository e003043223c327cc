/* Entry of the identity-linked image: the loader jumps here in protected mode, paging off,
 * with EAX = 0x2BADB002 and EBX = physical address of the multiboot information. */
        .section .bss
        .align 16
boot_stack:
        .skip 16384
        .globl boot_stack_top
boot_stack_top:

        .section .text
        .globl _start
_start:
        cli
        cld
        mov %eax, %esi
        mov %ebx, %edi
        /* The loader zero-fills .bss per the ELF program header, but clearing it again costs little
         * and protects against loaders that do not. */
        mov $__bss_start, %edx
        mov $__bss_end, %ecx
        sub %edx, %ecx
        mov %edx, %edi
        xor %eax, %eax
        rep stosb
        mov %ebx, %edi
        mov $boot_stack_top, %esp
        xor %ebp, %ebp
        pushl $0
        popfl
        push %edi               /* multiboot info (physical) */
        push %esi               /* loader magic */
        call kmain
1:      cli
        hlt
        jmp 1b
