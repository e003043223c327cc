/* Entry of the higher-half image. Everything is linked at 0xC0000000 + load address, so until
 * paging is on this code runs at its load address and may only use relative jumps and
 * addresses explicitly lowered by KERNEL_VBASE. The boot page directory maps the first 16 MiB
 * twice, at 0 (so the next instruction after enabling paging still exists) and at 0xC0000000;
 * kmain removes the low mapping. */
#define KERNEL_VBASE 0xC0000000
#define LOW(sym) ((sym) - KERNEL_VBASE)
#define BOOT_TABLES 4           /* 4 page tables x 4 MiB = 16 MiB */

        .section .bss
        .align 4096
        .globl boot_pd
boot_pd:
        .skip 4096
boot_pts:
        .skip 4096 * BOOT_TABLES
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
        mov %eax, %esi          /* loader magic */
        mov %ebx, %ebp          /* multiboot info (physical) */

        /* Clear .bss (which holds the boot tables and stack). */
        mov $LOW(__bss_start), %edi
        mov $LOW(__bss_end), %ecx
        sub %edi, %ecx
        xor %eax, %eax
        rep stosb

        /* Page tables: entry i maps physical page i, present + writable. */
        mov $LOW(boot_pts), %edi
        xor %ecx, %ecx
1:      mov %ecx, %eax
        shl $12, %eax
        or $0x003, %eax
        mov %eax, (%edi,%ecx,4)
        inc %ecx
        cmp $(1024 * BOOT_TABLES), %ecx
        jb 1b

        /* Directory entries 0..3 (low) and 768..771 (0xC0000000) share the tables. */
        mov $LOW(boot_pd), %edi
        mov $(LOW(boot_pts) + 0x003), %eax
        xor %ecx, %ecx
2:      mov %eax, (%edi,%ecx,4)
        mov %eax, 768*4(%edi,%ecx,4)
        add $4096, %eax
        inc %ecx
        cmp $BOOT_TABLES, %ecx
        jb 2b

        mov %edi, %cr3
        mov %cr0, %eax
        or $0x80000000, %eax    /* CR0.PG */
        mov %eax, %cr0

        /* An absolute jump leaves the identity window for the linked (high) addresses. */
        mov $high_entry, %eax
        jmp *%eax

high_entry:
        mov $boot_stack_top, %esp
        xor %eax, %eax
        push %eax
        popfl
        push %ebp
        push %esi
        xor %ebp, %ebp
        call kmain
3:      cli
        hlt
        jmp 3b
