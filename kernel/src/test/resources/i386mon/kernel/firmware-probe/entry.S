/* Entry of the firmware-table probe: its own stack, the multiboot information pointer to
   tables_main in tables.c. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)  /* page-aligned modules, memory info */
        .globl _start
_start:
        mov $stack_top, %esp
        push %ebx
        call tables_main
1:      cli
        hlt
        jmp 1b

        .bss
        .align 16
        .skip 16384
stack_top:

        .section .note.GNU-stack, "", @progbits
