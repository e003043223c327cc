/* Entry of the ATA test kernel (ata.c): a multiboot header, a stack, then ata_main; polled I/O only. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $stack_top, %esp
        call ata_main
1:      cli
        hlt
        jmp 1b

        .bss
        .align 16
        .space 16384
stack_top:
