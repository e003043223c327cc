/*
 * post-rom: a 64 KiB POST ROM in the spirit of test386.asm (our own code): started at the reset
 * vector, it checks the 386 step by step and writes a POST code to port 0x80 before each step:
 *
 *   01 the reset state (CR0)                  07 entering protected mode (GDT, LSL, LAR)
 *   02 real-mode arithmetic and flags         08 segment limits and #GP (error codes)
 *   03 shifts and rotates (SHLD/SHRD too)     09 paging: #PF with CR2 and error code, A/D bits
 *   04 string instructions                    0a back to real mode (the IVT works again)
 *   05 MUL, IMUL, DIV, IDIV                   ff every step passed
 *   06 the IVT: INT n, INT3, INTO, #DE, #BR
 *
 * Each step folds its results (and the flags the SDM defines, undefined ones masked) into a
 * checksum in EBP and compares it with the value a correct 386 gives; it prints one line per step
 * ("post: 02 arithmetic and flags: ok") to COM1 and to the 0x402 debug console, and at the first
 * mismatch prints FAIL with both values and halts, the failing step's code left on port 0x80.
 * After the last step it writes 0 to isa-debug-exit (0xf4). Built with -DCALIBRATE it goes on
 * after a mismatch, with -DTRACE it also prints every value it folds in (to recompute a checksum
 * after changing a step, checked by hand against the SDM). Runs the same under
 *   qemu-system-i386 -bios post-rom.bin -serial stdio -display none
 * and i386mon --bios post-rom.bin (info post shows the codes).
 *
 * Linked at offset 0 and mapped at 0xF0000: real-mode CS is 0xF000 and the protected-mode code
 * segments have base 0xF0000, so labels are offsets in both. Variables live in RAM below 0x1000.
 */
#define ROM_BASE   0xF0000
#define COM1       0x3F8
#define DEBUGCON   0x402
#define POST       0x80
#define DEBUG_EXIT 0xF4

#define VAR        0x600            /* results the handlers leave */
#define FRAME_IP   (VAR + 0x00)
#define FRAME_CS   (VAR + 0x02)
#define FRAME_FL   (VAR + 0x04)
#define IF_IN      (VAR + 0x06)
#define HITS       (VAR + 0x08)
#define RECOVER    (VAR + 0x0C)     /* where a fault handler resumes */
#define ERRCODE    (VAR + 0x10)
#define FAULT_IP   (VAR + 0x14)
#define FAULT_CR2  (VAR + 0x18)
#define STEP       (VAR + 0x1C)     /* the POST code of the step under way */
#define BUFFER     0x1000           /* string instructions work here */
#define IDT        0x3000
#define PAGE_DIR   0x4000
#define PAGE_TABLE 0x5000
#define HOLE       0x200000         /* its page starts not present */
#define RO_PAGE    0x201000         /* a read-only page */

#include "boot.inc"

    .code16
    .text
    .globl _start

/* POST code \code on port 0x80 (and remembered for the result line). */
.macro post code
    mov $\code, %al
    out %al, $POST
    movb %al, STEP
.endm

/* Folds the 16-bit register or memory \what into the checksum (zero-extended). */
.macro mix16 what
    movzwl \what, %edx
    call mix
.endm

/* Folds the flags, masked with \mask (the ones the SDM defines for the instruction before). */
.macro flags mask
    pushfl
    popl %edx
    and $\mask, %edx
    call mix
.endm

/* As flags, in 32-bit code. */
.macro flags32 mask
    pushfl
    popl %edx
    and $\mask, %edx
    call mix32
.endm

/* Ends a step in real mode: compares the checksum with \want, prints the line \name. */
.macro check name, want
    mov $\name, %si
    mov $\want, %ebx
    call result
.endm

#define ARITH  0x8D5                /* OF SF ZF AF PF CF */
#define LOGIC  0x8C5                /* OF SF ZF PF CF (AF undefined) */
#define SHIFT1 0x8C5                /* a shift by 1: OF defined, AF not */
#define SHIFTN 0x0C5                /* a shift by more: OF undefined too */
#define ROT1   0x801                /* a rotate by 1: OF and CF */
#define ROTN   0x001                /* a rotate by more: CF */
#define MULF   0x801                /* MUL/IMUL: OF and CF */

_start:
    cli
    xor %ax, %ax
    mov %ax, %ss
    mov $0x7000, %sp
    mov %ax, %ds
    mov %ax, %es
    mov $0xFF, %al                  /* every IRQ masked: nothing interrupts the steps */
    out %al, $0x21
    out %al, $0xA1

    /* ---- 01: the reset state */
    post 0x01
    xor %ebp, %ebp
    mov %cr0, %eax
    mov %eax, %edx
    call mix
    check name01, 0x60000010

    /* ---- 02: arithmetic and flags */
    post 0x02
    xor %ebp, %ebp
    mov $0x7FFF, %ax
    add $1, %ax                     /* signed overflow */
    mix16 %ax
    flags ARITH
    mov $0xFFFF, %ax
    add $1, %ax                     /* carry, zero */
    mix16 %ax
    flags ARITH
    stc
    mov $0x1234, %ax
    adc $0x4321, %ax
    mix16 %ax
    flags ARITH
    xor %ax, %ax
    sub $1, %ax                     /* borrow */
    mix16 %ax
    flags ARITH
    stc
    mov $0x8000, %ax
    sbb $0, %ax                     /* 0x8000 - 0 - 1: overflow */
    mix16 %ax
    flags ARITH
    mov $0x80000000, %eax
    neg %eax                        /* the most negative number negates to itself */
    mov %eax, %edx
    call mix
    flags ARITH
    xor %eax, %eax
    neg %eax                        /* 0: CF clear */
    flags ARITH
    mov $0x0F0F, %ax
    and $0x00F0, %ax                /* zero: ZF, PF */
    mix16 %ax
    flags LOGIC
    mov $0x8000, %ax
    or $0x0001, %ax
    mix16 %ax
    flags LOGIC
    mov $0x5555, %ax
    xor $0xAAAA, %ax
    mix16 %ax
    flags LOGIC
    stc
    mov $0xFF, %bl
    inc %bl                         /* CF untouched by INC */
    mix16 %bx
    flags ARITH
    mov $0x80, %bl
    dec %bl                         /* 0x80 - 1: overflow */
    mix16 %bx
    flags ARITH
    mov $3, %bl
    cmp $5, %bl
    flags ARITH
    mov $0x1234, %cx
    test $0x8000, %cx
    flags LOGIC
    mov $0x0F, %al
    add $0x01, %al                  /* a carry out of bit 3: AF */
    flags ARITH
    check name02, 0x3c5811c0

    /* ---- 03: shifts and rotates */
    post 0x03
    xor %ebp, %ebp
    mov $0x8001, %ax
    shl $1, %ax
    mix16 %ax
    flags SHIFT1
    mov $0x8001, %ax
    shr $1, %ax
    mix16 %ax
    flags SHIFT1
    mov $0x8000, %ax
    sar $3, %ax
    mix16 %ax
    flags SHIFTN
    mov $0x8001, %ax
    rol $1, %ax
    mix16 %ax
    flags ROT1
    mov $0x8001, %ax
    ror $4, %ax
    mix16 %ax
    flags ROTN
    stc
    mov $0x4000, %ax
    rcl $2, %ax                     /* a 17-bit rotate through CF */
    mix16 %ax
    flags ROTN
    clc
    mov $1, %ax
    rcr $1, %ax
    mix16 %ax
    flags ROT1
    mov $0x12345678, %eax
    mov $0x9ABCDEF0, %edx
    shld $8, %edx, %eax
    mov %eax, %ebx
    mov %ebx, %edx
    call mix
    flags SHIFTN
    mov $0x12345678, %eax
    mov $0x9ABCDEF0, %edx
    shrd $12, %edx, %eax
    mov %eax, %edx
    call mix
    flags SHIFTN
    mov $1, %al
    sub $2, %al                     /* every arithmetic flag defined: CF SF AF PF */
    mov $0, %cl
    mov $0x4321, %ax
    shl %cl, %ax                    /* a count of 0 changes no flag */
    mix16 %ax
    flags ARITH
    mov $33, %cl
    mov $0x40000001, %eax
    shl %cl, %eax                   /* the count is taken modulo 32 */
    mov %eax, %edx
    call mix
    flags SHIFT1
    check name03, 0x157d9728

    /* ---- 04: string instructions */
    post 0x04
    xor %ebp, %ebp
    cld
    mov $0xF000, %ax
    mov %ax, %ds
    mov $text, %si                  /* from the ROM ... */
    mov $BUFFER, %di                /* ... to 0000:1000 */
    mov $16, %cx
    rep movsb
    xor %ax, %ax
    mov %ax, %ds
    lea -text(%si), %dx             /* SI advanced by 16 */
    mix16 %dx
    mix16 %di
    mix16 %cx
    mov $BUFFER + 0x20, %di
    mov $0xA55A, %ax
    mov $8, %cx
    rep stosw
    mix16 %di
    std
    mov $BUFFER + 0x2E, %si
    lodsw                           /* backwards: SI goes down */
    cld
    mix16 %ax
    mix16 %si
    movb $'X', BUFFER + 5
    mov $0xF000, %ax
    mov %ax, %ds
    mov $text, %si
    mov $BUFFER, %di
    mov $16, %cx
    repe cmpsb                      /* stops after the first difference */
    pushfl
    xor %ax, %ax
    mov %ax, %ds
    popl %ebx
    lea -text(%si), %dx
    mix16 %dx
    mix16 %di
    mix16 %cx
    mov %ebx, %edx
    and $ARITH, %edx
    call mix
    mov $'X', %al
    mov $BUFFER, %di
    mov $16, %cx
    repne scasb                     /* finds the X */
    mix16 %di
    mix16 %cx
    flags ARITH
    std
    mov $BUFFER + 6, %si            /* an overlapping copy downwards: 4 words moved up by 2 */
    mov $BUFFER + 8, %di
    mov $4, %cx
    rep movsw
    cld
    mix16 %si
    mix16 %di
    mov $BUFFER, %si
    mov $8, %cx
1:  lodsw
    mix16 %ax
    loop 1b
    check name04, 0xf582338f

    /* ---- 05: multiplication and division */
    post 0x05
    xor %ebp, %ebp
    mov $200, %al
    mov $3, %bl
    mul %bl
    mix16 %ax
    flags MULF
    mov $0x1234, %ax
    mov $0x100, %bx
    mul %bx
    mix16 %dx                       /* DX first: mixing AX goes through EDX */
    mix16 %ax
    flags MULF
    mov $0x12345678, %eax
    mov $0x9ABCDEF0, %ebx
    mul %ebx
    push %edx
    mov %eax, %edx
    call mix
    pop %edx
    call mix
    flags MULF
    mov $-3, %ax
    mov $5, %bx
    imul %bx
    mix16 %dx                       /* DX first: mixing AX goes through EDX */
    mix16 %ax
    flags MULF
    mov $300, %cx
    imul $-7, %cx, %ax
    mix16 %ax
    flags MULF
    mov $0x10000, %eax
    mov $0x10000, %ebx
    imul %ebx, %eax                 /* overflows 32 bits */
    mov %eax, %edx
    call mix
    flags MULF
    xor %dx, %dx
    mov $1000, %ax
    mov $7, %bx
    div %bx
    mix16 %dx                       /* DX first: mixing AX goes through EDX */
    mix16 %ax
    mov $-1000, %eax
    cdq
    mov $7, %ebx
    idiv %ebx                       /* the remainder takes the dividend's sign */
    push %edx
    mov %eax, %edx
    call mix
    pop %edx
    call mix
    mov $0x1234, %ax
    mov $0x56, %bl
    div %bl
    mix16 %ax
    mov $-128, %ax
    mov $-2, %bl
    idiv %bl                        /* 64 fits in AL */
    mix16 %ax
    check name05, 0xbbe2bc27

    /* ---- 06: the interrupt vector table */
    post 0x06
    xor %ebp, %ebp
    movw $int40, 0x40 * 4
    movw %cs, 0x40 * 4 + 2
    movw $rm_trap, 3 * 4
    movw %cs, 3 * 4 + 2
    movw $rm_trap, 4 * 4
    movw %cs, 4 * 4 + 2
    movw $rm_fault, 0 * 4
    movw %cs, 0 * 4 + 2
    movw $rm_fault, 5 * 4
    movw %cs, 5 * 4 + 2
    movl $0, HITS
    mov $0x1111, %ax
    sti
    int $0x40
after_int40:
    cli
    mix16 %ax                       /* the handler's AX + 1 */
    mov FRAME_IP, %dx
    sub $after_int40, %dx           /* IP pushed: the next instruction */
    mix16 %dx
    mix16 FRAME_CS
    mov FRAME_FL, %dx
    and $0x0200, %dx                /* IF was set when INT pushed the flags ... */
    mix16 %dx
    mix16 IF_IN                     /* ... and clear in the handler */
    int3
after_int3:
    mov FRAME_IP, %dx
    sub $after_int3, %dx            /* a trap: the next instruction */
    mix16 %dx
    mov $0x7F, %al
    add $1, %al                     /* OF set: INTO traps */
    into
after_into:
    mov FRAME_IP, %dx
    sub $after_into, %dx
    mix16 %dx
    mov $1, %al
    add $1, %al                     /* OF clear: INTO does nothing */
    into
    movw $after_de, RECOVER
    xor %bl, %bl
    mov $7, %ax
de_at:
    div %bl                         /* a fault: IP of the DIV itself */
after_de:
    mov FRAME_IP, %dx
    sub $de_at, %dx
    mix16 %dx
    movw $after_br, RECOVER
    movw $10, BUFFER                /* bounds 10..20 */
    movw $20, BUFFER + 2
    mov $21, %ax
br_at:
    bound %ax, BUFFER
after_br:
    mov FRAME_IP, %dx
    sub $br_at, %dx
    mix16 %dx
    mov $15, %ax
    bound %ax, BUFFER               /* within bounds: no #BR */
    mix16 HITS                      /* INT3, INTO, #DE, #BR: 4 */
    check name06, 0x0225c084

    /* ---- 07: protected mode */
    post 0x07
    call build_idt
    lidtl %cs:idt_pointer
    enter_protected_mode protected32, %cs:

    .code32
protected32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x90000, %esp
    xor %ebp, %ebp
    mov %cr0, %edx
    call mix32
    mov %cs, %dx
    movzwl %dx, %edx
    call mix32
    mov $0x28, %eax
    lsl %eax, %edx                  /* the limit of the 4 KiB segment */
    call mix32
    mov $0x28, %eax
    lar %eax, %edx                  /* its access rights */
    call mix32
    mov $0x58, %eax
    lsl %eax, %edx                  /* beyond the GDT: ZF clear */
    flags32 0x040
    mov $ROM_BASE + name07, %esi
    mov $0x093f9c00, %ebx
    call result32

    /* ---- 08: segment limits and #GP */
    post 0x08
    xor %ebp, %ebp
    movl $0, HITS
    mov $0x28, %ax                  /* base 0x10000, limit 0xFFF */
    mov %ax, %es
    movl $0x11223344, %es:0xFFC     /* the last dword inside */
    mov 0x10FFC, %edx
    call mix32
    mov $0x10, %ax
    mov %ax, %es
    movl $gp1_done, RECOVER
gp1_at:
    ljmp $0x08, $0x10000            /* an offset beyond the code segment's limit: #GP(0) */
gp1_done:
    call gp_seen
    movl $gp2_done, RECOVER
gp2_at:
    mov $0x58, %ax
    mov %ax, %fs                    /* a selector beyond the GDT limit: #GP(0x58) */
gp2_done:
    call gp_seen
    movl $gp3_done, RECOVER
    mov $0x38, %ax
gp3_at:
    mov %ax, %ss                    /* read-only data cannot be the stack: #GP(0x38) */
gp3_done:
    call gp_seen
    movl $gp4_done, RECOVER
    mov $0x30, %ax
gp4_at:
    mov %ax, %ds                    /* execute-only code cannot be read: #GP(0x30) */
gp4_done:
    call gp_seen
    mov $0x38, %ax                  /* read-only data is fine in DS */
    mov %ax, %fs
    mov $0x10, %ax
    mov %ax, %fs
    mov HITS, %edx
    call mix32
    mov $ROM_BASE + name08, %esi
    mov $0x880ea262, %ebx
    call result32

    /* ---- 09: paging and #PF */
    post 0x09
    xor %ebp, %ebp
    mov $PAGE_TABLE, %ebx           /* identity map of the first 4 MiB */
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $12, %eax
    or $0x003, %eax                 /* present, writable, supervisor */
    mov %eax, (%ebx, %ecx, 4)
    inc %ecx
    cmp $1024, %ecx
    jne 1b
    movl $(HOLE | 0x002), PAGE_TABLE + (HOLE >> 12) * 4      /* not present */
    movl $(RO_PAGE | 0x001), PAGE_TABLE + (RO_PAGE >> 12) * 4 /* read-only */
    mov $PAGE_DIR, %ebx
    xor %ecx, %ecx
1:  movl $0, (%ebx, %ecx, 4)
    inc %ecx
    cmp $1024, %ecx
    jne 1b
    movl $(PAGE_TABLE | 0x003), PAGE_DIR
    mov $PAGE_DIR, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    jmp 1f                          /* the identity map keeps the next fetch where it was */
1:  movl $0, HITS
    movl $0, RECOVER                /* 0: the #PF handler maps the page and retries */
    movl $0x5A5A5A5A, HOLE + 0x123  /* #PF: write, not present */
    mov HOLE + 0x123, %edx          /* the retried write landed */
    call mix32
    mov FAULT_CR2, %edx
    call mix32
    mov ERRCODE, %edx
    call mix32
    mov PAGE_TABLE + (HOLE >> 12) * 4, %edx
    and $0x60, %edx                 /* accessed and dirty, set by the CPU */
    call mix32
    movl $0xA5A5A5A5, RO_PAGE + 4   /* supervisor writes ignore R/W on a 386 (no CR0.WP) */
    mov RO_PAGE + 4, %edx
    call mix32
    movl $pf2_done, RECOVER
pf2_at:
    mov 0x800010, %eax              /* a directory entry not present: read, not present */
pf2_done:
    mov FAULT_CR2, %edx
    call mix32
    mov ERRCODE, %edx
    call mix32
    mov FAULT_IP, %edx
    sub $pf2_at, %edx
    call mix32
    mov HITS, %edx
    call mix32
    mov $ROM_BASE + name09, %esi
    mov $0x4108095a, %ebx
    call result32

    /* ---- 0a: back to real mode */
    post 0x0A
    mov %cr0, %eax
    and $0x7FFFFFFF, %eax           /* paging off first, in the identity-mapped code */
    mov %eax, %cr0
    xor %eax, %eax
    mov %eax, %cr3
    ljmp $0x18, $protected16

    .code16
protected16:
    mov $0x20, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov %cr0, %eax
    and $0xFE, %al
    mov %eax, %cr0
    ljmp $0xF000, $real_again

real_again:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7000, %sp
    lidt %cs:real_idt_pointer       /* the IVT at 0 again */
    xor %ebp, %ebp
    mov %cr0, %edx
    call mix
    mov $0x2221, %ax
    int $0x40
    mix16 %ax
    check name0a, 0x0000202e

    post 0xFF
    mov $msg_done, %si
    call puts
    mov $0, %al
    out %al, $DEBUG_EXIT
halt:
    cli
    hlt
    jmp halt

/* ---- real-mode helpers */

/* checksum = rol(checksum, 5) ^ EDX; the flags stay as they were, for the next flags */
mix:
    pushfl
#ifdef TRACE
    push %eax
    mov %edx, %eax
    call hex32_16
    mov $' ', %al
    call putc
    pop %eax
#endif
    rol $5, %ebp
    xor %edx, %ebp
    popfl
    ret

/* Prints "post: NN NAME: ok" (NAME at CS:SI) when EDI == EBX, else FAIL with both and halts. */
result:
    push %si
    mov $msg_post, %si
    call puts
    movb STEP, %al
    call hex8
    mov $' ', %al
    call putc
    pop %si
    call puts
    cmp %ebx, %ebp
    jne 1f
    mov $msg_ok, %si
    call puts
    ret
1:  mov $msg_fail, %si
    call puts
    mov %ebp, %eax
    call hex32_16
    mov $msg_want, %si
    call puts
    mov %ebx, %eax
    call hex32_16
    call newline
#ifndef CALIBRATE
    jmp halt
#else
    ret
#endif

int40:
    push %bp
    mov %sp, %bp
    push %dx
    mov 2(%bp), %dx
    mov %dx, FRAME_IP
    mov 4(%bp), %dx
    mov %dx, FRAME_CS
    mov 6(%bp), %dx
    mov %dx, FRAME_FL
    pushf
    pop %dx
    and $0x0200, %dx
    mov %dx, IF_IN
    inc %ax
    pop %dx
    pop %bp
    iret

/* A fault (#DE, #BR): records the IP pushed and resumes at RECOVER. */
rm_fault:
    push %bp
    mov %sp, %bp
    push %dx
    mov RECOVER, %dx
    xchg %dx, 2(%bp)
    jmp 1f

/* A trap (INT3, INTO): records the IP pushed and returns there. */
rm_trap:
    push %bp
    mov %sp, %bp
    push %dx
    mov 2(%bp), %dx
1:  mov %dx, FRAME_IP
    incw HITS
    pop %dx
    pop %bp
    iret

/* The protected-mode IDT at 0x3000: every vector to pm_unexpected, #GP and #PF to their handlers. */
build_idt:
    mov $IDT, %bx
    xor %cx, %cx
1:  mov $pm_unexpected, %ax
    cmp $13, %cx
    jne 2f
    mov $pm_gp, %ax
2:  cmp $14, %cx
    jne 3f
    mov $pm_pf, %ax
3:  mov %ax, (%bx)                  /* offset 15:0 */
    movw $0x08, 2(%bx)              /* selector */
    movw $0x8E00, 4(%bx)            /* present, DPL 0, 32-bit interrupt gate */
    movw $0, 6(%bx)                 /* offset 31:16 */
    add $8, %bx
    inc %cx
    cmp $32, %cx
    jne 1b
    ret

#include "com1.inc"

hex32_16:
    push %eax
    push %eax
    shr $16, %eax
    call hex16
    pop %eax
    call hex16
    pop %eax
    ret

/* ---- 32-bit code: handlers and output */
    .code32

/* #GP: records the error code and the EIP, increments HITS, resumes at RECOVER. */
pm_gp:
    push %eax
    mov 4(%esp), %eax
    mov %eax, %ds:ERRCODE
    mov 8(%esp), %eax
    mov %eax, %ds:FAULT_IP
    incl %ds:HITS
    mov %ds:RECOVER, %eax
    mov %eax, 8(%esp)
    pop %eax
    add $4, %esp                    /* the error code */
    iret

/* #PF: records CR2 and the error code; with RECOVER 0 maps the page present and retries, else resumes there. */
pm_pf:
    push %eax
    mov 4(%esp), %eax
    mov %eax, ERRCODE
    mov 8(%esp), %eax
    mov %eax, FAULT_IP
    mov %cr2, %eax
    mov %eax, FAULT_CR2
    incl HITS
    mov RECOVER, %eax
    test %eax, %eax
    jz 1f
    mov %eax, 8(%esp)
    jmp 2f
1:  orl $1, PAGE_TABLE + (HOLE >> 12) * 4
    mov %cr3, %eax                  /* the 386 has no INVLPG: reload CR3 */
    mov %eax, %cr3
2:  pop %eax
    add $4, %esp
    iret

/* Any other exception in protected mode: the step fails here. */
pm_unexpected:
    mov $0x10, %ax
    mov %ax, %ds
    mov $ROM_BASE + msg_unexpected, %esi
    call puts32
    jmp halt32

/* Folds the #GP just taken (its error code) into the checksum. */
gp_seen:
    mov ERRCODE, %edx
    jmp mix32

mix32:
    pushfl
#ifdef TRACE
    push %eax
    mov %edx, %eax
    call hex32
    mov $' ', %al
    call putc32
    pop %eax
#endif
    rol $5, %ebp
    xor %edx, %ebp
    popfl
    ret

/* As result, in 32-bit code: the name at ESI (a linear address, DS being flat). */
result32:
    push %esi
    mov $ROM_BASE + msg_post, %esi
    call puts32
    movb STEP, %al
    call hex8_32
    mov $' ', %al
    call putc32
    pop %esi
    call puts32
    cmp %ebx, %ebp
    jne 1f
    mov $ROM_BASE + msg_ok, %esi
    jmp puts32
1:  mov $ROM_BASE + msg_fail, %esi
    call puts32
    mov %ebp, %eax
    call hex32
    mov $ROM_BASE + msg_want, %esi
    call puts32
    mov %ebx, %eax
    call hex32
    mov $ROM_BASE + msg_crlf, %esi
    call puts32
#ifndef CALIBRATE
    jmp halt32
#else
    ret
#endif

halt32:
    cli
    hlt
    jmp halt32

#include "com1-32.inc"

/* AL as two lowercase hex digits. */
hex8_32:
    push %eax
    push %eax
    shr $4, %al
    call digit32
    pop %eax
    call digit32
    pop %eax
    ret

digit32:
    and $0x0F, %al
    add $'0', %al
    cmp $'9', %al
    jbe 1f
    add $('a' - '9' - 1), %al
1:  jmp putc32

text:        .ascii "0123456789abcdef"
msg_post:    .asciz "post: "
msg_ok:      .asciz ": ok\r\n"
msg_fail:    .asciz ": FAIL checksum "
msg_want:    .asciz " want "
msg_crlf:    .asciz "\r\n"
msg_unexpected: .asciz "post: unexpected exception in protected mode\r\n"
msg_done:    .asciz "post: ff all steps passed\r\n"
name01:      .asciz "reset state"
name02:      .asciz "arithmetic and flags"
name03:      .asciz "shifts and rotates"
name04:      .asciz "string instructions"
name05:      .asciz "mul and div"
name06:      .asciz "interrupt vector table"
name07:      .asciz "protected mode"
name08:      .asciz "segment limits and #gp"
name09:      .asciz "paging and #pf"
name0a:      .asciz "back to real mode"

    .balign 8
gdt:
    .quad 0                         /* 0x00 null */
    .quad 0x00409B0F0000FFFF        /* 0x08 32-bit code, base 0xF0000, limit 0xFFFF */
    .quad 0x00CF93000000FFFF        /* 0x10 flat 4 GiB data */
    .quad 0x00009B0F0000FFFF        /* 0x18 16-bit code, base 0xF0000, limit 0xFFFF */
    .quad 0x000093000000FFFF        /* 0x20 16-bit data, base 0, limit 0xFFFF */
    .quad 0x0040930100000FFF        /* 0x28 data, base 0x10000, limit 0xFFF (bytes) */
    .quad 0x004098000000FFFF        /* 0x30 execute-only 32-bit code, base 0 */
    .quad 0x004091000000FFFF        /* 0x38 read-only data, base 0, limit 0xFFFF */
gdt_end:
gdt_pointer:
    .word gdt_end - gdt - 1
    .long ROM_BASE + gdt
idt_pointer:
    .word 32 * 8 - 1
    .long IDT
real_idt_pointer:
    .word 0x3FF
    .long 0

    /* The reset vector: the CPU's first instruction, at 0xFFFFFFF0 (CS base 0xFFFF0000). */
    .org 0xFFF0, 0xFF
    .code16
reset_vector:
    ljmp $0xF000, $_start
    .org 0x10000, 0xFF
