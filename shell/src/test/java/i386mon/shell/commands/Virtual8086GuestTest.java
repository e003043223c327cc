package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real machine running a kernel that enters virtual-8086 mode by IRET (CS:IP 0800:0000, a
 * {@code jmp .} loop): {@code info registers} as QEMU 7.2 prints the same state (captured from
 * {@code qemu-system-i386 -kernel} with this kernel), the stop line naming the mode, 16-bit
 * decoding. Skipped, saying so, while the CPU refuses IRET to virtual-8086 mode.
 */
class Virtual8086GuestTest {
    private static final String KERNEL = TestKernel.start(0) + String.join("\n",
            "    cli",
            "    movw $0xfeeb, 0x8000", // jmp . at linear 0x8000 = 0800:0000
            "    mov $0x7000, %esp",
            "    push $0", "    push $0", "    push $0x2000", "    push $0x2000", // GS FS DS ES
            "    push $0x3000", "    push $0xfff0",                             // SS ESP
            "    push $0x20002", "    push $0x0800", "    push $0",             // EFLAGS (VM) CS EIP
            "    iret",
            "");

    private final Harness h = Harness.real(TestKernel.elf(KERNEL));

    /** Runs into the loop; skips the test when the CPU did not enter virtual-8086 mode. */
    private String inVirtual8086Mode() {
        h.ok("step 40");
        String regs = h.ok("info registers");
        Assumptions.assumeTrue(regs.contains(" EFL=00020002 "), () -> "skipped: this CPU does not enter virtual-8086 mode by IRET yet:\n" + regs);
        return regs;
    }

    @Test
    void infoRegistersMatchesQemu() {
        String regs = inVirtual8086Mode();
        assertTrue(regs.contains("EIP=00000000 EFL=00020002 [-------] CPL=3 II=0 A20=1 SMM=0 HLT=0\n"
                + "ES =2000 00020000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"
                + "CS =0800 00008000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"
                + "SS =3000 00030000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"
                + "DS =2000 00020000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"
                + "FS =0000 00000000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"
                + "GS =0000 00000000 0000ffff 0000f300 DPL=3 DS16 [-WA]\n"), regs);
    }

    @Test
    void regsNamesVirtual8086ModeAndCsIp() {
        inVirtual8086Mode();
        assertTrue(h.ok("regs").endsWith("at 0x00008000, virtual-8086 mode CS:IP=0800:0000\n"), h.out.toString());
    }

    @Test
    void xiDecodesTheLoopAsSixteenBitCode() {
        inVirtual8086Mode();
        assertTrue(h.ok("x/i $cs:$ip").equals("0x00008000:  eb fe                    jmp      0x0\n"), h.out.toString());
    }
}
