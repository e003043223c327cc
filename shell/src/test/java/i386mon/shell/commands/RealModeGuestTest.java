package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real machine running a kernel that clears CR0.PE from flat 32-bit code and far-jumps to
 * 0800:0000 (a {@code jmp .} loop), keeping the protected-mode segment caches as the CPU does
 * (SDM vol. 3, 9.9.2: the far jump loads only CS's selector and base): {@code info registers}
 * as QEMU 7.2 prints the same state (captured from {@code qemu-system-i386 -kernel} with this
 * kernel), and the stop text naming real mode. Skipped, saying so, while the CPU refuses to clear PE.
 */
class RealModeGuestTest {
    private static final String KERNEL = TestKernel.start(0) + String.join("\n",
            "    cli",
            "    movw $0xfeeb, 0x8000", // jmp . at linear 0x8000 = 0800:0000
            "    mov %cr0, %eax",
            "    and $0xfffffffe, %eax",
            "    mov %eax, %cr0",
            "    ljmp $0x0800, $0",
            "");

    private final Harness h = Harness.real(TestKernel.elf(KERNEL));

    /** Runs into the loop; skips the test when the CPU did not enter real mode. */
    private String inRealMode() {
        h.ok("step 40");
        String regs = h.ok("info registers");
        Assumptions.assumeTrue(regs.contains("\nCR0=00000010 "), () -> "skipped: this CPU does not clear CR0.PE yet:\n" + regs);
        return regs;
    }

    @Test
    void infoRegistersMatchesQemu() {
        String regs = inRealMode();
        assertTrue(regs.contains("EIP=00000000 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
                + "ES =0010 00000000 ffffffff 00cf9300\n"
                + "CS =0800 00008000 ffffffff 00cf9a00\n"
                + "SS =0010 00000000 ffffffff 00cf9300\n"
                + "DS =0010 00000000 ffffffff 00cf9300\n"
                + "FS =0010 00000000 ffffffff 00cf9300\n"
                + "GS =0010 00000000 ffffffff 00cf9300\n"
                + "LDT=0000 00000000 0000ffff 00008200\n"
                + "TR =0000 00000000 0000ffff 00008b00\n"), regs);
    }

    @Test
    void regsNamesRealModeWithTheThirtyTwoBitCodeSegmentItKept() {
        inRealMode();
        assertTrue(h.ok("regs").endsWith("at 0x00008000, real mode CS:EIP=0800:00000000\n"), h.out.toString());
    }

    @Test
    void xiDecodesAsQemuDoesWithTheKeptCache() {
        // QEMU 7.2: "0x00008000:  eb fe                    jmp      0x8000" (CS still 32-bit)
        inRealMode();
        assertTrue(h.ok("x/i $cs:$ip").equals("0x00008000:  eb fe                    jmp      0x8000\n"), h.out.toString());
    }
}
