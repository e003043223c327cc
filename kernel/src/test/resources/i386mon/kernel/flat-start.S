/* The start the task-switch and V86 test kernels share: the multiboot header, a stack, kernel_main,
   and load_segments, which reloads CS with 0x08 and the data registers with 0x10 after LGDT. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $stack_top, %esp
        call kernel_main
1:      cli
        hlt
        jmp 1b

        .globl load_segments
load_segments:
        ljmp $0x08, $1f
1:      mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %fs
        mov %ax, %gs
        mov %ax, %ss
        ret

        .bss
        .align 16
        .space 16384
stack_top:
