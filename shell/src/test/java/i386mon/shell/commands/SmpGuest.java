package i386mon.shell.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiboot guests for the tests on several CPUs: the BSP copies the application processors'
 * 16-bit code to 0x8000 and starts them with INIT and SIPI (vector 8) to all but itself, then
 * runs {@code bsp}; each AP far-jumps so that CS base is 0 (EIP is the linear address) and runs
 * {@code ap} in real mode.
 */
final class SmpGuest {
    private SmpGuest() { }

    static String source(List<String> bsp, List<String> ap) {
        List<String> lines = new ArrayList<>(List.of(
                "    .section .multiboot, \"a\"",
                "    .align 4",
                "    .long 0x1BADB002, 3, -(0x1BADB002 + 3)",
                "    .text",
                "    .globl _start",
                "_start:",
                "    mov $ap_code, %esi",
                "    mov $0x8000, %edi",
                "    mov $(ap_end - ap_code), %ecx",
                "    rep movsb",
                "    movl $0, 0xfee00310",
                "    movl $0xc4500, 0xfee00300",   // INIT to all but self
                "    movl $0xc4608, 0xfee00300"));  // SIPI vector 8 to all but self
        lines.addAll(bsp);
        lines.addAll(List.of(
                "    .code16",
                "ap_code:",
                "    ljmp $0, $(0x8000 + ap_flat - ap_code)",   // CS base 0: EIP is the linear address
                "ap_flat:"));
        lines.addAll(ap);
        lines.addAll(List.of("ap_end:", "    .code32", ""));
        return String.join("\n", lines);
    }
}
