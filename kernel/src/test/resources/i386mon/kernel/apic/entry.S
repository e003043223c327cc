/* Entry and interrupt stubs of the APIC test kernel (apic.c): a stack, then apic_main. Each stub
   for vectors 0x20-0x4f and 0xff pushes its vector and calls apic_interrupt(vector). */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $stack_top, %esp
        call apic_main
1:      cli
        hlt
        jmp 1b

        .globl stubs
        .align 16
stubs:
        .set vec, 0x20
        .rept 0x30
        .align 16
        pushal
        push $vec
        jmp common
        .set vec, vec + 1
        .endr
        .align 16
spurious_stub:
        pushal
        push $0xff
        jmp common
common:
        call apic_interrupt
        add $4, %esp
        popal
        iret

        .globl spurious_stub
        .bss
        .align 16
        .space 16384
stack_top:
