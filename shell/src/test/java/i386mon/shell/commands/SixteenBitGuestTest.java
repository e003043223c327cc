package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import org.junit.jupiter.api.Test;

/**
 * A real machine running a kernel that far-jumps into a 16-bit code segment (base 1 MiB, D=0)
 * and reads a word at DS:0xFFFF of a 64 KiB data segment: #GP in 16-bit protected mode, as the
 * monitor shows it.
 */
class SixteenBitGuestTest {
    private static final String KERNEL = TestKernel.start(3) + String.join("\n",
            "    lgdt gdtr",
            "    ljmp $0x18, $(code16 - 0x100000)",
            "    .code16",
            "code16:",
            "    mov $0x20, %ax",
            "    mov %ax, %ds",
            "    mov $0xffff, %bx",
            "    .globl bad",
            "bad:",
            "    mov (%bx), %ax",
            "    hlt",
            "    .code32",
            "    .align 8",
            "gdt: .quad 0",
            "    .quad 0x00CF9A000000FFFF",
            "    .quad 0x00CF92000000FFFF",
            "    .quad 0x00009A100000FFFF", // 0x18: 16-bit code, base 0x100000, limit 0xffff
            "    .quad 0x000092000000FFFF", // 0x20: 16-bit data, base 0, limit 0xffff
            "gdtr: .word gdtr - gdt - 1",
            "    .long gdt",
            "");

    private final Harness h = Harness.real(TestKernel.elf(KERNEL));

    private String stopAtTheFault() {
        h.ok("catch gp");
        return h.ok("cont");
    }

    @Test
    void theStopLineNamesSixteenBitProtectedModeAndCsIp() {
        String s = stopAtTheFault();
        assertTrue(s.startsWith("Stopped: caught #GP"), s);
        assertTrue(s.lines().findFirst().orElseThrow().endsWith(" at 0x00100026 (bad), 16-bit protected mode CS:IP=0018:0026"), s);
    }

    @Test
    void theFaultExplanationNamesTheModeAndDecodesSixteenBitCode() {
        String s = stopAtTheFault();
        assertTrue(s.contains("  fault:       #GP, error code 0x0 in 16-bit protected mode\n"), s);
        assertTrue(s.contains("  instruction: 0x00100026 (bad): movw (%bx), %ax\n"), s);
    }

    @Test
    void xiAtCsIpDecodesSixteenBitCode() {
        stopAtTheFault();
        String s = h.ok("x/i $cs:$ip");
        assertTrue(s.matches("0x00100026:  8b 07 +movw +\\(%bx\\), %ax\n"), s);
    }

    @Test
    void infoRegistersShowsTheSixteenBitCodeSegment() {
        stopAtTheFault();
        String s = h.ok("info registers");
        assertTrue(s.contains("CS =0018 00100000 0000ffff 00009b00 DPL=0 CS16 [-RA]\n"), s);
        assertTrue(s.contains("DS =0020 00000000 0000ffff 00009300 DPL=0 DS16 [-WA]\n"), s);
    }

    @Test
    void infoFaultNamesTheMode() {
        stopAtTheFault();
        assertTrue(h.ok("info fault").contains(" in 16-bit protected mode\n"), h.out.toString());
    }
}
