package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.FakeTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterDumpTest {
    /** The state of QEMU's sample in monitor-formats.md: a kernel halted after enabling PSE paging. */
    private static FakeTarget sample() {
        FakeTarget t = new FakeTarget(4096, b -> { });
        int[] r = {0x10, 0x3fd, 0x3f8, 0x2cbe321b, 0x105fe4, 0xe84ac620, 0xffffffff, 0xf5c53f0a};
        System.arraycopy(r, 0, t.regs, 0, 8);
        t.eip = 0x1001ca;
        t.eflags = 0x46;
        t.halted = true;
        for (int i = 0; i < 6; i++) { t.selectors[i] = 0x10; t.limits[i] = 0xffffffff; t.flags[i] = 0x00cf9300; }
        t.selectors[1] = 0x08;
        t.flags[1] = 0x00cf9a00;
        t.gdtrBase = 0xcb2b8;
        t.gdtrLimit = 0x27;
        t.idtrLimit = 0x3ff;
        t.cr0 = 0x80000011;
        t.cr3 = 0x107000;
        t.cr4 = 0x10;
        return t;
    }

    @Test
    void matchesQemuLineForLine() {
        assertEquals(List.of(
                "EAX=00000010 EBX=2cbe321b ECX=000003fd EDX=000003f8",
                "ESI=ffffffff EDI=f5c53f0a EBP=e84ac620 ESP=00105fe4",
                "EIP=001001ca EFL=00000046 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=1",
                "ES =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]",
                "CS =0008 00000000 ffffffff 00cf9a00 DPL=0 CS32 [-R-]",
                "SS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]",
                "DS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]",
                "FS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]",
                "GS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]",
                "LDT=0000 00000000 0000ffff 00008200 DPL=0 LDT",
                "TR =0000 00000000 0000ffff 00008b00 DPL=0 TSS32-busy",
                "GDT=     000cb2b8 00000027",
                "IDT=     00000000 000003ff",
                "CR0=80000011 CR2=00000000 CR3=00107000 CR4=00000010",
                "DR0=00000000 DR1=00000000 DR2=00000000 DR3=00000000 ",
                "DR6=ffff0ff0 DR7=00000400",
                "EFER=0000000000000000"), RegisterDump.lines(sample()));
    }

    @Test
    void omitsDescriptorDecodeInRealModeAsQemuDoes() {
        FakeTarget t = new FakeTarget(4096, b -> { });
        t.selectors[1] = 0xf000;
        t.bases[1] = 0xffff0000;
        assertEquals("CS =f000 ffff0000 0000ffff 00009b00", RegisterDump.lines(t).get(4));
    }

    @Test
    void decodesVirtual8086SegmentsAsQemuLoadsThem() {
        // QEMU's load_seg_vm: base selector * 16, limit 0xffff, flags P S W A DPL=3 (0xf300) for CS too
        FakeTarget t = new FakeTarget(4096, b -> { });
        t.cr0 = 0x11;
        t.eflags = 0x20202;
        for (int i = 0; i < 6; i++) { t.selectors[i] = 0x2000; t.bases[i] = 0x20000; t.flags[i] = 0xf300; }
        List<String> lines = RegisterDump.lines(t);
        assertTrue(lines.get(2).startsWith("EIP=00000000 EFL=00020202 [-------] CPL="), lines.get(2));
        assertEquals("CS =2000 00020000 0000ffff 0000f300 DPL=3 DS16 [-WA]", lines.get(4));
    }

    @Test
    void matchesQemuAtTheResetVectorLineForLine() {
        // qemu-system-i386 7.2 -S, "info registers" before the first instruction (real mode, SeaBIOS not yet run)
        FakeTarget t = new FakeTarget(4096, b -> { });
        t.regs[2] = 0x663;
        t.eip = 0xfff0;
        t.selectors[1] = 0xf000;
        t.bases[1] = 0xffff0000;
        t.cr0 = 0x60000010;
        assertEquals(List.of(
                "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00000663",
                "ESI=00000000 EDI=00000000 EBP=00000000 ESP=00000000",
                "EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0",
                "ES =0000 00000000 0000ffff 00009300",
                "CS =f000 ffff0000 0000ffff 00009b00",
                "SS =0000 00000000 0000ffff 00009300",
                "DS =0000 00000000 0000ffff 00009300",
                "FS =0000 00000000 0000ffff 00009300",
                "GS =0000 00000000 0000ffff 00009300",
                "LDT=0000 00000000 0000ffff 00008200",
                "TR =0000 00000000 0000ffff 00008b00",
                "GDT=     00000000 0000ffff",
                "IDT=     00000000 0000ffff",
                "CR0=60000010 CR2=00000000 CR3=00000000 CR4=00000000",
                "DR0=00000000 DR1=00000000 DR2=00000000 DR3=00000000 ",
                "DR6=ffff0ff0 DR7=00000400",
                "EFER=0000000000000000"), RegisterDump.lines(t));
    }
}
