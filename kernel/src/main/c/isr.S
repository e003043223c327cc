/* Interrupt entry stubs. Each pushes an error code (a zero where the CPU pushes none, SDM vol. 3
 * section 6.13) and the vector, so every handler sees the same struct frame. isr_dispatch returns
 * the frame to resume, which lets the scheduler switch tasks by returning another task's frame. */
        .macro STUB_NOERR n
        .globl isr\n
isr\n:  pushl $0
        pushl $\n
        jmp isr_common
        .endm

        .macro STUB_ERR n
        .globl isr\n
isr\n:  pushl $\n
        jmp isr_common
        .endm

        .section .text
        STUB_NOERR 0
        STUB_NOERR 1
        STUB_NOERR 2
        STUB_NOERR 3
        STUB_NOERR 4
        STUB_NOERR 5
        STUB_NOERR 6
        STUB_NOERR 7
        STUB_ERR   8
        STUB_NOERR 9
        STUB_ERR   10
        STUB_ERR   11
        STUB_ERR   12
        STUB_ERR   13
        STUB_ERR   14
        STUB_NOERR 15
        STUB_NOERR 16
        STUB_ERR   17
        STUB_NOERR 18
        STUB_NOERR 19
        STUB_NOERR 20
        STUB_ERR   21
        STUB_NOERR 22
        STUB_NOERR 23
        STUB_NOERR 24
        STUB_NOERR 25
        STUB_NOERR 26
        STUB_NOERR 27
        STUB_NOERR 28
        STUB_ERR   29
        STUB_ERR   30
        STUB_NOERR 31
        .irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,128
        STUB_NOERR \n
        .endr

isr_common:
        pushal
        push %ds
        push %es
        push %fs
        push %gs
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %fs
        mov %ax, %gs
        cld
        push %esp
        call isr_dispatch
        mov %eax, %esp
        pop %gs
        pop %fs
        pop %es
        pop %ds
        popal
        add $8, %esp            /* vector and error code */
        iret

        .section .rodata
        .align 4
        .globl isr_table
isr_table:
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .long isr\n
        .endr
        .irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
        .long isr\n
        .endr
        .globl isr_syscall_entry
isr_syscall_entry:
        .long isr128

/* int probe_read32(uint32_t addr, uint32_t *out): 0 and *out = value, or -1 when the read page
 * faulted. The #PF handler recognises probe_insn and resumes at probe_fixup. */
        .section .text
        .globl probe_read32, probe_insn, probe_fixup
probe_read32:
        mov 4(%esp), %ecx
probe_insn:
        mov (%ecx), %eax
        mov 8(%esp), %edx
        mov %eax, (%edx)
        xor %eax, %eax
        ret
probe_fixup:
        mov $-1, %eax
        ret
