/* The V86 entry, the #GP stub and the 8086 program of the virtual-8086 monitor test kernel (v86.c;
   flat-start.S enters kernel_main). */
        .text
/* Enters V86 by IRET with the frame v86_main built: its address is the argument. */
        .globl enter_v86
enter_v86:
        mov 4(%esp), %esp
        iret

/* #GP from V86: the registers and the V86 frame go to general_protection(frame), then IRET to V86. */
        .globl gp_stub
gp_stub:
        pushal
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        push %esp
        call general_protection
        add $4, %esp
        popal
        add $4, %esp            /* the error code */
        iret

/* Any other exception: its vector for unexpected(). */
        .globl other_stub
other_stub:
        mov $0x10, %ax
        mov %ax, %ds
        call unexpected
1:      cli
        hlt
        jmp 1b

/* The 8086 program, copied below 1 MiB: position-independent, data addressed from its start. */
        .code16
        .globl v86_code, v86_code_end
v86_code:
        push %cs
        pop %ds
        mov $(hello - v86_code), %si
1:      lodsb
        test %al, %al
        jz 3f
        mov %al, %ah
        mov $0x3fd, %dx           /* COM1 through the I/O bitmap: ports 0x3f8-0x3ff allowed */
2:      in (%dx), %al
        test $0x20, %al
        jz 2b
        mov $0x3f8, %dx
        mov %ah, %al
        out %al, (%dx)
        jmp 1b
3:      mov $0x1234, %ax
        int $0x21                 /* IOPL 0: #GP, the monitor runs the service */
        mov %ax, %bx
        out %al, $0x80            /* port 0x80 is not in the bitmap: #GP, emulated */
        in $0x81, %al             /* emulated too: the monitor gives 0x5a */
        out %al, $0x80
        cli                       /* IOPL-sensitive: emulated as a virtual IF */
        pushf                     /* IOPL-sensitive: emulated */
        mov $0x4321, %cx
        int $0x20                 /* back to the monitor for good */
hello:
        .asciz "v86: hello from 8086 code\r\n"
v86_code_end:
        .code32

