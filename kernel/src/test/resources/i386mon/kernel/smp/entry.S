/* Entry, AP trampoline and interrupt stubs of the SMP test kernel (smp.c).
   The trampoline is 16-bit code that smp_main copies to 0x8000 (SIPI vector 0x08): it loads the
   kernel's GDT, turns protection on and jumps to ap_entry32, which takes the next AP stack and
   calls ap_main. Stubs push their vector and call smp_interrupt(vector). */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
        .globl _start
_start:
        mov $bsp_stack_top, %esp
        call smp_main
1:      cli
        hlt
        jmp 1b

/* ---- the AP trampoline: position independent, runs at TRAMPOLINE (0x8000) in real mode */
        .set TRAMPOLINE, 0x8000
        .globl trampoline_start, trampoline_end
        .code16
trampoline_start:
        cli
        xor %ax, %ax
        mov %ax, %ds
        lgdtl TRAMPOLINE + (tramp_gdt_desc - trampoline_start)
        mov %cr0, %eax
        or $1, %eax
        mov %eax, %cr0
        ljmpl $0x08, $ap_entry32
        .align 4
        .globl tramp_gdt_desc
tramp_gdt_desc:
        .word 0           /* limit and base filled in by smp_main before the copy */
        .long 0
trampoline_end:
        .code32

ap_entry32:
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov %ax, %fs
        mov %ax, %gs
        mov $1, %eax
        lock xadd %eax, next_ap_stack
        inc %eax
        shl $12, %eax
        lea ap_stacks(%eax), %esp
        call ap_main
2:      cli
        hlt
        jmp 2b

/* ---- interrupt stubs: NMI (2), IPIs 0x40/0x41, spurious 0xff */
        .globl nmi_stub, ipi40_stub, ipi41_stub, spurious_stub
nmi_stub:
        pushal
        push $2
        jmp common
ipi40_stub:
        pushal
        push $0x40
        jmp common
ipi41_stub:
        pushal
        push $0x41
        jmp common
spurious_stub:
        pushal
        push $0xff
        jmp common
common:
        call smp_interrupt
        add $4, %esp
        popal
        iret

        .data
        .globl next_ap_stack
        .align 4
next_ap_stack:
        .long 0

        .bss
        .align 4096
        .globl ap_stacks
ap_stacks:
        .space 4096 * 9
        .space 16384
bsp_stack_top:
