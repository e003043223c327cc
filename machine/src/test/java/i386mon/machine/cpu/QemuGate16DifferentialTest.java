package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Differential test against QEMU for 16-bit gates (SDM vol. 3, 6.12.1 and 5.8.5): a multiboot
 * kernel runs in a 32-bit code segment based at its own start (so offsets fit in 16 bits) and goes
 * through a 16-bit interrupt gate, a 16-bit trap gate (IF on, the PICs masked), a #GP with its error
 * code through a 16-bit gate and a 16-bit call gate; each handler writes its word frame and its
 * EFLAGS to port 0xE9. Our CPU (interpreted and with compiled blocks) must write the same bytes.
 */
class QemuGate16DifferentialTest {
    static String source() {
        StringBuilder b = new StringBuilder();
        b.append("kbase: jmp 9f\n .align 4\n .long 0x1BADB002, 0, -0x1BADB002\n9: mov $0x90000, %esp\n cld\n");
        b.append(" mov $0xff, %al\n out %al, $0x21\n out %al, $0xa1\n"); // PICs masked: IF may be on
        // GDT entry 3: 32-bit code, limit 0xFFFF, based at kbase; entry 4: a 16-bit call gate to 0x18:cg
        b.append(" mov $kbase, %eax\n mov %ax, GDT+0x18+2\n shr $16, %eax\n mov %al, GDT+0x18+4\n mov %ah, GDT+0x18+7\n");
        b.append(" movw $cg-kbase, GDT+0x20\n");
        b.append(" lgdt GDTR\n ljmp $0x08, $1f\n1: mov $0x10, %ax\n mov %ax, %ds\n mov %ax, %es\n mov %ax, %ss\n mov %ax, %fs\n mov %ax, %gs\n");
        b.append(" mov $h40-kbase, %eax\n mov $IDTAB+0x40*8, %edi\n mov $0x8600, %ebx\n call gate\n");
        b.append(" mov $h40-kbase, %eax\n mov $IDTAB+0x41*8, %edi\n mov $0x8700, %ebx\n call gate\n");
        b.append(" mov $gph-kbase, %eax\n mov $IDTAB+13*8, %edi\n mov $0x8600, %ebx\n call gate\n lidt IDTR\n");
        b.append(" ljmp $0x18, $2f-kbase\n2: sti\n int $0x40\n int $0x41\n cli\n int $0x40\n");
        b.append(" mov $0x28, %ax\n mov %ax, %ds\n mov $0x10, %ax\n lcall $0x20, $0\n lcall $0x20, $0\n");
        b.append(" mov $0, %al\n out %al, $0xf4\n hlt\n");
        // interrupt and trap gates: IP, CS, FLAGS (words) and the handler's own EFLAGS
        b.append("h40: movzwl (%esp), %eax\n call emit\n movzwl 2(%esp), %eax\n call emit\n movzwl 4(%esp), %eax\n call emit\n"
                + " pushf\n pop %eax\n call emit\n iretw\n");
        // #GP: the error code word, IP, CS; then the two-byte load is skipped
        b.append("gph: movzwl (%esp), %eax\n or $0xD0000, %eax\n call emit\n movzwl 2(%esp), %eax\n call emit\n"
                + " movzwl 4(%esp), %eax\n call emit\n add $2, %esp\n addw $2, (%esp)\n iretw\n");
        // call gate: IP, CS (words)
        b.append("cg: movzwl (%esp), %eax\n call emit\n movzwl 2(%esp), %eax\n call emit\n lretw\n");
        b.append("gate: mov %ax, (%edi)\n movw $0x18, 2(%edi)\n mov %bx, 4(%edi)\n movw $0, 6(%edi)\n ret\n");
        b.append("emit: push %ecx\n mov $4, %ecx\n8: out %al, $0xe9\n shr $8, %eax\n loop 8b\n pop %ecx\n ret\n");
        b.append(" .align 8\nGDT: .quad 0, 0x00CF9A000000FFFF, 0x00CF92000000FFFF, 0x00409A000000FFFF, 0x0000840000180000\n"
                + "GDTR: .word 39\n .long GDT\n");
        b.append(" .align 8\nIDTAB: .fill 0x42, 8, 0\nIDTR: .word 0x42*8-1\n .long IDTAB\n");
        return b.toString();
    }

    @Test
    void sixteenBitInterruptTrapAndCallGatesMatchQemu() throws Exception {
        QemuDifferentialTest.assumeQemu();
        String src = source();
        byte[] q = QemuDifferentialTest.runQemu(src);
        // three gate entries of 4 dwords, the #GP of 3, two call-gate entries of 2
        assertEquals((3 * 4 + 3 + 2 * 2) * 4, q.length, "bytes QEMU wrote to port 0xE9 (a short stream means the kernel died)");
        assertEquals(0x18, QemuDifferentialTest.le(q, 4), "QEMU: CS pushed as a word");
        assertEquals(0, QemuDifferentialTest.le(q, 12) & 0x200, "QEMU: the interrupt gate cleared IF");
        assertEquals(0x200, QemuDifferentialTest.le(q, 28) & 0x200, "QEMU: the trap gate kept IF");
        assertEquals(0xD0028, QemuDifferentialTest.le(q, 48), "QEMU: #GP(0x28) through the 16-bit gate");
        assertArrayEquals(q, QemuDifferentialTest.runOurs(src, false, q.length), "interpreted");
        assertArrayEquals(q, QemuDifferentialTest.runOurs(src, true, q.length), "with compiled blocks");
    }
}
