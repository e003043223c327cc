package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.FakeTarget;
import org.junit.jupiter.api.Test;

/**
 * The monitor in real mode, virtual-8086 mode and 16-bit protected mode, on the fake target put
 * in those states: 16-bit decoding, seg:off addresses, $ip/$sp, and stop lines naming the mode.
 */
class SixteenBitModesTest {
    private final Harness h = new Harness();

    /** Real mode with CS=07c0 (base 0x7c00), IP 0, and 16-bit data segments as after a BIOS boot. */
    private FakeTarget realMode() {
        FakeTarget t = h.target();
        t.cr0 = 0x10;
        for (int i = 0; i < 6; i++) { t.selectors[i] = 0; t.bases[i] = 0; t.limits[i] = 0xffff; t.flags[i] = 0x9300; }
        t.selectors[1] = 0x07c0;
        t.bases[1] = 0x7c00;
        t.flags[1] = 0x9b00;
        t.eip = 0;
        t.regs[4] = 0x12347bfe;
        return t;
    }

    /** 16-bit protected mode: CS 0x18 names a D=0 code segment with base 0x20000 in a GDT at 0x800. */
    private FakeTarget sixteenBitProtectedMode() {
        FakeTarget t = h.target();
        t.gdtrBase = 0x800;
        t.gdtrLimit = 0x1f;
        // 0x18: base 0x00020000, limit 0xffff, access 0x9a, flags 0 (D=0)
        t.poke(0x818, 0xff, 0xff, 0x00, 0x00, 0x02, 0x9a, 0x00, 0x00);
        t.selectors[1] = 0x18;
        t.bases[1] = 0x20000;
        t.limits[1] = 0xffff;
        t.flags[1] = 0x00009a00;
        t.eip = 0x10;
        return t;
    }

    @Test
    void xiDecodesSixteenBitCodeInRealMode() {
        realMode().poke(0x7c00, 0xb8, 0x34, 0x12); // mov $0x1234,%ax in 16-bit code (a 5-byte movl in 32-bit)
        assertEquals("0x00007c00:  b8 34 12                 mov      $0x1234, %ax\n", h.ok("x/i 0x7c00"));
    }

    @Test
    void xiTakesCsColonIpAsTheRealModeAddress() {
        realMode().poke(0x7c00, 0x90, 0xf4);
        String out = h.ok("x/2i $cs:$ip");
        assertTrue(out.startsWith("0x00007c00:  90 "), out);
        assertTrue(out.contains("0x00007c01:  f4 "), out);
    }

    @Test
    void relativeBranchTargetsAreIpsInTheCodeSegment() {
        realMode().poke(0x7c10, 0xeb, 0xfe); // jmp . at IP 0x10
        assertTrue(h.ok("x/i 0x7c0:0x10").endsWith("jmp      0x10\n"), h.out.toString());
    }

    @Test
    void disasStartsAtCsIpInRealMode() {
        FakeTarget t = realMode();
        t.eip = 0x10;
        t.poke(0x7c10, 0x31, 0xc0); // xor %ax,%ax
        assertTrue(h.ok("disas").startsWith("0x00007c10:  31 c0                    xor      %ax, %ax\n"), h.out.toString());
    }

    @Test
    void disasDecodesSixteenBitProtectedModeCode() {
        sixteenBitProtectedMode().poke(0x20010, 0x66, 0x40); // inc %eax with an operand-size prefix in 16-bit code
        assertTrue(h.ok("disas $cs:$eip 1").contains("66 40                    inc      %eax"), h.out.toString());
    }

    @Test
    void breakAtSegmentOffsetTakesTheRealModeLinearAddress() {
        realMode();
        assertTrue(h.ok("break 0x7c0:0x10").startsWith("Breakpoint 1 at 0x00007c10"), h.out.toString());
        assertTrue(h.target().breakpoints.contains(0x7c10));
    }

    @Test
    void segmentOffsetIsSegmentTimesSixteenPlusOffsetInRealMode() {
        realMode();
        assertEquals("0x12350\n", h.ok("print/x 0x1234:0x10"));
    }

    @Test
    void segmentOffsetInVirtual8086ModeIsSegmentArithmeticToo() {
        FakeTarget t = h.target();
        t.eflags = 0x20002;
        assertEquals("0xb8010\n", h.ok("print/x 0xb800:0x10"));
    }

    @Test
    void segmentOffsetInProtectedModeAddsTheDescriptorBase() {
        sixteenBitProtectedMode();
        assertEquals("0x20010\n", h.ok("print/x 0x18:0x10"));
    }

    @Test
    void aSelectorBeyondTheGdtLimitIsOneLine() {
        sixteenBitProtectedMode();
        assertEquals("selector 0x0028 is beyond the GDT limit 0x1f", h.fails("print 0x28:0"));
    }

    @Test
    void theNullSelectorNamesNoSegment() {
        sixteenBitProtectedMode();
        assertEquals("selector 0x0000 is null: it names no descriptor", h.fails("x/i 0:0"));
    }

    @Test
    void translateTakesSegmentOffset() {
        realMode();
        assertTrue(h.ok("translate 0x1234:0x10").contains("0x00012350"), h.out.toString());
    }

    @Test
    void ipIsTheLowHalfOfEip() {
        FakeTarget t = realMode();
        t.eip = 0x1234abcd;
        assertEquals("0xabcd\n", h.ok("print/x $ip"));
    }

    @Test
    void spIsSixteenBitsOnASixteenBitStack() {
        realMode();
        assertEquals("0x7bfe\n", h.ok("print/x $sp"));
    }

    @Test
    void spIsEspOnAThirtyTwoBitStack() {
        h.target().regs[4] = 0x12347bfe;
        assertEquals("0x12347bfe\n", h.ok("print/x $sp"));
    }

    @Test
    void settingIpKeepsTheHighHalfOfEip() {
        FakeTarget t = realMode();
        t.eip = 0x10000;
        h.ok("regs ip=0x7c00");
        assertEquals(0x17c00, t.eip);
    }

    @Test
    void stopLinesNameRealModeAndCsIp() {
        FakeTarget t = realMode();
        t.selectors[1] = 0;
        t.bases[1] = 0;
        t.eip = 0x7c00;
        t.poke(0x7c00, 0x90, 0xf4);
        assertTrue(h.ok("cont").startsWith("Stopped: hlt with interrupts disabled at 0x00007c02, real mode CS:IP=0000:7c02\n"), h.out.toString());
    }

    @Test
    void stopLinesNameVirtual8086Mode() {
        FakeTarget t = h.target();
        t.eflags = 0x20002;
        for (int i = 0; i < 6; i++) { t.selectors[i] = 0; t.bases[i] = 0; t.limits[i] = 0xffff; t.flags[i] = 0xf300; }
        t.eip = 0x7c00;
        t.poke(0x7c00, 0xf4);
        assertTrue(h.ok("cont").startsWith("Stopped: hlt with interrupts disabled at 0x00007c01, virtual-8086 mode CS:IP=0000:7c01\n"), h.out.toString());
    }

    @Test
    void regsNamesSixteenBitProtectedMode() {
        sixteenBitProtectedMode();
        assertTrue(h.ok("regs").endsWith("at 0x00020010, 16-bit protected mode CS:IP=0018:0010\n"), h.out.toString());
    }

    @Test
    void stopLinesInThirtyTwoBitProtectedModeStayAsTheyWere() {
        assertTrue(h.ok("regs").endsWith("at 0x00100000 (kernel_main)\n"), h.out.toString());
    }

    @Test
    void xiAtTheResetVectorDecodesTheFarJumpAsSixteenBitCode() {
        FakeTarget t = realMode();
        t.selectors[1] = 0xf000;
        t.bases[1] = 0xf0000;
        t.eip = 0xfff0;
        t.poke(0xffff0, 0xea, 0x5b, 0xe0, 0x00, 0xf0); // QEMU 7.2: "ljmpw    $0xf000:$0xe05b" (capstone's spelling; ours is GNU objdump's)
        assertEquals("0x000ffff0:  ea 5b e0 00 f0           ljmp     $0xf000, $0xe05b\n", h.ok("x/i $cs:$ip"));
    }

    @Test
    void infoRegistersJsonNamesTheMode() {
        realMode();
        assertEquals("real", ((java.util.Map<?, ?>) JsonParser.parse(h.ok("info registers --json").trim())).get("mode"));
        h.target().cr0 = 0x11;
        assertEquals("protected-16", ((java.util.Map<?, ?>) JsonParser.parse(h.ok("info registers --json").trim())).get("mode"));
    }

    @Test
    void realModeWithTheThirtyTwoBitCodeCacheKeptDecodesThirtyTwoBitCodeAndShowsEip() {
        // right after MOV CR0 clearing PE and a far jump: CS keeps its protected-mode cache (QEMU does the same)
        FakeTarget t = h.target();
        t.cr0 = 0x10;
        t.selectors[1] = 0x0800;
        t.bases[1] = 0x8000;
        t.flags[1] = 0x00cf9a00;
        t.eip = 0;
        t.poke(0x8000, 0xeb, 0xfe);
        assertTrue(h.ok("regs").endsWith("at 0x00008000, real mode CS:EIP=0800:00000000\n"), h.out.toString());
        assertTrue(h.ok("x/i $cs:$ip").endsWith("jmp      0x8000\n"), h.out.toString());
    }
}
