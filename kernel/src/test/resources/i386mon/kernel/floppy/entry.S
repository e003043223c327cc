/* Entry of the floppy test kernel (floppy.c): a stack, then floppy_main; the IRQ 6 stub calls
   floppy_irq and returns. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $stack_top, %esp
        call floppy_main
1:      cli
        hlt
        jmp 1b

        .globl irq6_stub
        .align 16
irq6_stub:
        pushal
        call floppy_irq
        popal
        iret

        .bss
        .align 16
        .space 16384
stack_top:
