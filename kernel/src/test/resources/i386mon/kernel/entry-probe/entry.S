/* Entry of the loader probe: saves every register the loader hands over without touching the
   stack, then pushes at once onto whatever stack the loader left (it never loads ESP, as many
   tutorial kernels do not) and calls probe_main in probe.c. */
        .text
        .align 4
        .long 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)  /* page-aligned modules, memory info */
        .globl _start
_start:
        mov %eax, entry_gpr + 0
        mov %ebx, entry_gpr + 4
        mov %ecx, entry_gpr + 8
        mov %edx, entry_gpr + 12
        mov %esi, entry_gpr + 16
        mov %edi, entry_gpr + 20
        mov %ebp, entry_gpr + 24
        mov %esp, entry_gpr + 28
        mov %cs, entry_seg + 0
        mov %ds, entry_seg + 2
        mov %es, entry_seg + 4
        mov %fs, entry_seg + 6
        mov %gs, entry_seg + 8
        mov %ss, entry_seg + 10
        str entry_seg + 12
        sldt entry_seg + 14
        sgdt entry_gdtr
        sidt entry_idtr
        mov %cr0, %eax
        mov %eax, entry_cr + 0
        mov %cr2, %eax
        mov %eax, entry_cr + 4
        mov %cr3, %eax
        mov %eax, entry_cr + 8
        /* Pushes at once: the loader's stack must be usable. */
        pushfl
        popl entry_eflags
        call probe_main
1:      cli
        hlt
        jmp 1b

        /* In .bss, after the image probe.c hashes: what is saved here differs between loaders. */
        .bss
        .align 4
        .globl entry_gpr, entry_seg, entry_gdtr, entry_idtr, entry_cr, entry_eflags
entry_gpr:      .skip 8 * 4
entry_seg:      .skip 8 * 2
entry_gdtr:     .skip 8
entry_idtr:     .skip 8
entry_cr:       .skip 3 * 4
entry_eflags:   .skip 4

        .section .note.GNU-stack, "", @progbits
