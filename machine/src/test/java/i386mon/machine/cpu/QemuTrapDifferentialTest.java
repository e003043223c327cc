package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Differential test against QEMU for two fault rules: a system descriptor loaded into DS/ES/FS/GS
 * (#GP with the selector), and the single-step trap after each iteration of a REP string
 * instruction. A multiboot kernel with its own GDT and IDT writes, to port 0xE9, what each load
 * and each #DB saw; our CPU (interpreted and with compiled blocks) must write the same bytes.
 * Skipped when qemu-system-i386 is not installed, except in CI.
 */
class QemuTrapDifferentialTest {
    /** Segment loads that are two bytes long (the #GP handler skips them): MOV to ES, DS, FS, GS. */
    private static final String[] LOADS = {"mov %ax,%es", "mov %ax,%ds", "mov %ax,%fs", "mov %ax,%gs"};

    static String source() {
        StringBuilder b = new StringBuilder();
        b.append("kbase: jmp 9f\n .align 4\n .long 0x1BADB002, 0, -0x1BADB002\n9: mov $0x90000, %esp\n cld\n");
        b.append(" lgdt GDTR\n ljmp $0x08, $1f\n1: mov $0x10, %ax\n mov %ax, %ds\n mov %ax, %es\n mov %ax, %ss\n mov %ax, %fs\n mov %ax, %gs\n");
        b.append(" mov $dbh, %eax\n mov $IDTAB+8, %edi\n call gate\n mov $gph, %eax\n mov $IDTAB+13*8, %edi\n call gate\n lidt IDTR\n");
        // every system type (S=0, P=1, DPL 0) in GDT entry 3 (selector 0x18) into each data segment register
        for (String load : LOADS) {
            b.append(" xor %esi, %esi\n2: mov %esi, %eax\n or $0x80, %al\n mov %al, GDT+0x18+5\n mov $0x18, %eax\n ")
                    .append(load).append("\n mov ").append(load.substring(load.indexOf(',') + 1))
                    .append(", %eax\n call emit\n mov $0x10, %eax\n ").append(load)
                    .append("\n inc %esi\n cmp $16, %esi\n jb 2b\n");
        }
        // TF set around each repeated string instruction; the #DB handler logs every trap
        String tfOn = " pushf\n orl $0x100, (%esp)\n popf\n", tfOff = " pushf\n andl $~0x100, (%esp)\n popf\n";
        b.append(" movl $0x44332211, 0x81000\n mov $0x81000, %esi\n mov $0x82000, %edi\n mov $3, %ecx\n")
                .append(tfOn).append(" rep movsb\n").append(tfOff).append(" mov 0x82000, %eax\n call emit\n");
        b.append(" mov $0x82100, %edi\n xor %ecx, %ecx\n").append(tfOn).append(" rep stosl\n").append(tfOff);
        b.append(" movl $0x58636261, 0x81000\n movl $0x59636261, 0x82000\n mov $0x81000, %esi\n mov $0x82000, %edi\n mov $10, %ecx\n")
                .append(tfOn).append(" repe cmpsb\n").append(tfOff);
        b.append(" movl $0x64636261, 0x82000\n mov $0x82000, %edi\n mov $0x63, %eax\n mov $10, %ecx\n")
                .append(tfOn).append(" repne scasb\n").append(tfOff);
        b.append(" mov $0x7000, %esi\n mov $0x7100, %edi\n mov $0xABCD0002, %ecx\n")
                .append(tfOn).append(" .byte 0x67, 0x64, 0xf3, 0xa4\n").append(tfOff);
        b.append(" mov $0, %al\n out %al, $0xf4\n hlt\n");
        // #DB: saved EIP (from kbase), ECX, EDI, DR6.BS; DR6 cleared for the next trap
        b.append("dbh: push %eax\n mov 4(%esp), %eax\n sub $kbase, %eax\n call emit\n mov %ecx, %eax\n call emit\n mov %edi, %eax\n call emit\n"
                + " mov %dr6, %eax\n and $0x4000, %eax\n call emit\n xor %eax, %eax\n mov %eax, %dr6\n pop %eax\n iret\n");
        // #GP: 0xD0000 | error code, then the two-byte load is skipped
        b.append("gph: xchg %eax, (%esp)\n or $0xD0000, %eax\n call emit\n pop %eax\n addl $2, (%esp)\n iret\n");
        b.append("gate: mov %ax, (%edi)\n movw $0x08, 2(%edi)\n movw $0x8E00, 4(%edi)\n shr $16, %eax\n mov %ax, 6(%edi)\n ret\n");
        b.append("emit: push %ecx\n mov $4, %ecx\n8: out %al, $0xe9\n shr $8, %eax\n loop 8b\n pop %ecx\n ret\n");
        b.append(" .align 8\nGDT: .quad 0, 0x00CF9A000000FFFF, 0x00CF92000000FFFF, 0\nGDTR: .word 31\n .long GDT\n");
        b.append(" .align 8\nIDTAB: .fill 32, 8, 0\nIDTR: .word 255\n .long IDTAB\n");
        return b.toString();
    }

    @Test
    void systemSegmentLoadsAndRepSingleStepTrapsMatchQemu() throws Exception {
        QemuDifferentialTest.assumeQemu();
        String src = source();
        byte[] q = QemuDifferentialTest.runQemu(src);
        // 64 loads (a #GP record and the register after it); then, of 16 bytes each, the traps of the five
        // strings (3 + 1 + 4 + 3 + 2) and the three after each (PUSHF, AND, POPF clearing TF); the copied dword
        assertEquals(64 * 8 + (13 + 5 * 3) * 16 + 4, q.length, "bytes QEMU wrote to port 0xE9 (a short stream means the kernel died)");
        for (int k = 0; k < 64; k++) {
            assertEquals(0xD0018, QemuDifferentialTest.le(q, 8 * k), "QEMU: load " + k + " is #GP(0x18)");
            assertEquals(0x10, QemuDifferentialTest.le(q, 8 * k + 4), "QEMU: load " + k + " left the register");
        }
        assertArrayEquals(q, QemuDifferentialTest.runOurs(src, false, q.length), "interpreted");
        assertArrayEquals(q, QemuDifferentialTest.runOurs(src, true, q.length), "with compiled blocks");
    }
}
