/* Entry of the IDE bus-master DMA test kernel (idedma.c): a multiboot header, a stack, then
   idedma_main; the IRQ 14 and IRQ 15 stubs call ide_irq with the channel and return. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $stack_top, %esp
        call idedma_main
1:      cli
        hlt
        jmp 1b

        .globl irq14_stub, irq15_stub
        .align 16
irq14_stub:
        pushal
        push $0
        call ide_irq
        add $4, %esp
        popal
        iret

        .align 16
irq15_stub:
        pushal
        push $1
        call ide_irq
        add $4, %esp
        popal
        iret

        .bss
        .align 16
        .space 16384
stack_top:
