/* The hot loops of bench.elf, in assembler so that both emulators run exactly these instructions
 * (cdecl: arguments on the stack, EBX ESI EDI EBP preserved, result in EAX). */
        .text

/* Each loop stores its own iteration counter here when it ends: the count both emulators print. */
        .globl bench_loops_done
        .section .bss
        .align 4
bench_loops_done:
        .long 0
        .text

/* uint32_t bench_loadstore_loop(uint32_t *buf, uint32_t iters): per iteration i (from 0):
 * j = (i * 1031) & 16383; v = rol(buf[j] + i, 3); buf[j + 1] = v; acc ^= v. Returns acc.
 * 10 instructions an iteration, one load and one store. */
        .globl bench_loadstore_loop
bench_loadstore_loop:
        push %ebx
        push %esi
        push %edi
        mov 16(%esp), %ebx
        mov 20(%esp), %edx
        xor %ecx, %ecx
        xor %esi, %esi
1:      imul $1031, %ecx, %edi
        and $16383, %edi
        mov (%ebx,%edi,4), %eax
        add %ecx, %eax
        rol $3, %eax
        mov %eax, 4(%ebx,%edi,4)
        xor %eax, %esi
        inc %ecx
        dec %edx
        jnz 1b
        mov %ecx, bench_loops_done
        mov %esi, %eax
        pop %edi
        pop %esi
        pop %ebx
        ret

/* uint32_t bench_callret_loop(uint32_t iters): per iteration i, acc = outer(acc, i), where outer
 * builds a frame, saves a register and calls leaf twice; leaf saves and restores one register.
 * Per iteration: 3 calls and 3 rets, 11 pushes and pops. Returns acc. */
        .globl bench_callret_loop
bench_callret_loop:
        push %ebx
        mov 8(%esp), %ecx
        xor %eax, %eax
        xor %ebx, %ebx
1:      push %ebx
        push %eax
        call cr_outer
        add $8, %esp
        inc %ebx
        dec %ecx
        jnz 1b
        mov %ebx, bench_loops_done
        pop %ebx
        ret

/* cr_outer(acc, i) = leaf(leaf(acc, i) ^ 0x5bd1e995, i + 1) */
cr_outer:
        push %ebp
        mov %esp, %ebp
        push %esi
        mov 12(%ebp), %esi
        push %esi
        push 8(%ebp)
        call cr_leaf
        add $8, %esp
        xor $0x5bd1e995, %eax
        inc %esi
        push %esi
        push %eax
        call cr_leaf
        add $8, %esp
        pop %esi
        pop %ebp
        ret

/* cr_leaf(x, y) = rol(x + y, 7) */
cr_leaf:
        push %edx
        mov 8(%esp), %eax
        mov 12(%esp), %edx
        add %edx, %eax
        rol $7, %eax
        pop %edx
        ret

/* uint32_t bench_string_loop(uint32_t *a, uint32_t *b, uint32_t iters): per iteration i, rep stosd
 * fills a[0..4095] with i * 0x01010101, rep movsd copies a to b + (i & 7) words, and acc is
 * rol(acc, 1) ^ b[(i * 17) & 4095]. Returns acc. */
        .globl bench_string_loop
bench_string_loop:
        push %ebx
        push %esi
        push %edi
        push %ebp
        xor %ebx, %ebx          /* i */
        xor %ebp, %ebp          /* acc */
        cld
1:      imul $0x01010101, %ebx, %eax
        mov 20(%esp), %edi
        mov $4096, %ecx
        rep stosl
        mov 20(%esp), %esi
        mov %ebx, %edi
        and $7, %edi
        shl $2, %edi
        add 24(%esp), %edi
        mov $4096, %ecx
        rep movsl
        imul $17, %ebx, %eax
        and $4095, %eax
        mov 24(%esp), %edx
        rol $1, %ebp
        xor (%edx,%eax,4), %ebp
        inc %ebx
        cmp 28(%esp), %ebx
        jne 1b
        mov %ebx, bench_loops_done
        mov %ebp, %eax
        pop %ebp
        pop %edi
        pop %esi
        pop %ebx
        ret
