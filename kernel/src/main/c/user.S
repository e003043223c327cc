/* Ring-3 programs. They are copied into a page of each task's own address space, so they must be
 * position independent: data is addressed relative to a call/pop anchor. System calls (int 0x80):
 * EAX = number, EBX/ECX = arguments, result in EAX. Numbers match task.c. */
#define SYS_WRITE 1
#define SYS_YIELD 2
#define SYS_EXIT  3
#define SYS_GETID 4

        .section .user, "ax"

/* The two-task demo: EDI = base address of the other task's region (set by the kernel). */
        .globl user_demo
user_demo:
        call 1f
1:      pop %ebp
        mov $SYS_GETID, %eax
        int $0x80
        mov %eax, %esi
        lea (hello - 1b)(%ebp), %ebx
        mov $(hello_end - hello), %ecx
        mov $SYS_WRITE, %eax
        int $0x80
        mov $SYS_YIELD, %eax
        int $0x80
        cmp $2, %esi
        jne 2f
        /* Task 2 reads task 1's address: not mapped in task 2's directory, so #PF. */
        mov (%edi), %eax
2:      lea (bye - 1b)(%ebp), %ebx
        mov $(bye_end - bye), %ecx
        mov $SYS_WRITE, %eax
        int $0x80
        mov $SYS_EXIT, %eax
        xor %ebx, %ebx
        int $0x80
        ud2
hello:  .ascii "hello from ring 3"
hello_end:
bye:    .ascii "goodbye"
bye_end:

/* The fault probe of fault=ADDR,user: EDI = address, ESI = 1 to write. */
        .globl user_probe
user_probe:
        test %esi, %esi
        jnz 1f
        mov (%edi), %eax
        jmp 2f
1:      movl $0x5a5a5a5a, (%edi)
2:      mov $SYS_EXIT, %eax
        mov $1, %ebx
        int $0x80
        ud2
