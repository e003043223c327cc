package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.ESI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Segment overrides with a non-zero base, and 0x66/0x67 inside 32-bit code. */
class PrefixTest {
    static final int FS_BASE = 0x300000;
    /** Data segment, base FS_BASE, limit 4 GiB, ring 0, writable. */
    static final long FS_DESCRIPTOR = 0x00CF92000000FFFFL | (long) (FS_BASE & 0xFFFF) << 16 | (long) ((FS_BASE >>> 16) & 0xFF) << 32
            | (long) (FS_BASE >>> 24) << 56;

    private static CpuHarness withFs(String code) {
        CpuHarness h = new CpuHarness();
        int sel = h.addDescriptor(6, FS_DESCRIPTOR);
        h.mem.write32(FS_BASE, 0xFEEDF00D);
        h.mem.write32(FS_BASE + 0x10, 0x01020304);
        return h.code("mov $" + sel + ", %ax\n mov %ax, %fs\n" + code).run();
    }

    @Test
    void fsOverrideReadsFromTheSegmentBase() {
        CpuHarness h = withFs("mov %fs:0, %eax");
        assertEquals(FS_BASE, h.cpu.segBase(Cpu.FS));
        assertEquals(0xFEEDF00D, h.reg(EAX));
    }

    @Test
    void fsOverrideAppliesToRegisterAddressingAndWrites() {
        CpuHarness h = withFs("mov $0x10, %ebx\n mov %fs:(%ebx), %ecx\n movl $0x55, %fs:4(%ebx)");
        assertEquals(0x01020304, h.reg(ECX));
        assertEquals(0x55, h.mem.read32(FS_BASE + 0x14));
    }

    @Test
    void overrideAppliesToTheStringSourceButNotToEsDestination() {
        CpuHarness h = withFs("xor %esi, %esi\n mov $0x80000, %edi\n fs movsl");
        assertEquals(0xFEEDF00D, h.mem.read32(0x80000));
        assertEquals(4, h.reg(ESI));
        assertEquals(0x80004, h.reg(EDI));
    }

    @Test
    void fsOverrideOnMoffsForm() {
        CpuHarness h = withFs("mov %fs:0x10, %eax"); // A1 moffs32
        assertEquals(0x01020304, h.reg(EAX));
    }

    @Test
    void operandSizePrefixWritesOnlyTheLowWord() {
        CpuHarness h = new CpuHarness().code("mov $0x12345678, %eax\n mov $0xABCD, %ax\n add $0xFFFF, %ax").run();
        assertEquals(0x1234ABCC, h.reg(EAX));
        assertEquals(Cpu.CF, h.flags() & Cpu.CF);
    }

    @Test
    void operandSizePrefixOnImmediateTakesTwoBytes() {
        // 66 B8 iw: a 16-bit immediate; the next instruction starts right after it
        CpuHarness h = new CpuHarness().bytes(0x66, 0xB8, 0x34, 0x12, 0x43).set(EAX, 0xFFFF0000).set(EBX, 0).run(); // 0x43 = inc %ebx
        assertEquals(0xFFFF1234, h.reg(EAX));
        assertEquals(1, h.reg(EBX));
    }

    @Test
    void addressSizePrefixSelectsSixteenBitModrm() {
        // 67 8B 07 = mov (%bx), %eax in 16-bit addressing (rm=7 is [BX])
        CpuHarness h = new CpuHarness().bytes(0x67, 0x8B, 0x07).set(EBX, 0xFFFF0200);
        h.mem.write32(0x200, 0x600DF00D);
        h.run();
        assertEquals(0x600DF00D, h.reg(EAX));
    }

    @Test
    void bothPrefixesTogether() {
        // 66 67 8B 04 = mov (%si), %ax
        CpuHarness h = new CpuHarness().bytes(0x66, 0x67, 0x8B, 0x04).set(ESI, 0x10300).set(EAX, 0xAAAAAAAA);
        h.mem.write32(0x300, 0x12345678);
        h.run();
        assertEquals(0xAAAA5678, h.reg(EAX));
    }

    @Test
    void relativeJumpWithOperandSizePrefixTruncatesEipToSixteenBits() {
        // 66 E9 rel16 at 0x10000: target (0x10000 + 4 + 0x10) & 0xFFFF = 0x0014
        CpuHarness h = new CpuHarness().bytes(0x66, 0xE9, 0x10, 0x00);
        h.mem.write8(0x14, 0xF4); // HLT at the truncated target
        h.run();
        assertEquals(0x15, h.cpu.eip());
    }

    @Test
    void redundantPrefixesAreAccepted() {
        CpuHarness h = new CpuHarness().bytes(0x3E, 0x3E, 0x66, 0x66, 0x40).set(EAX, 0x0000FFFF).run(); // inc %ax
        assertEquals(0, h.reg(EAX));
        assertEquals(-1, h.vector());
    }

    @Test
    void instructionOfExactlyFifteenBytesIsAccepted() {
        int[] b = new int[15];
        java.util.Arrays.fill(b, 0x66);
        b[14] = 0x40; // inc %ax after fourteen operand-size prefixes
        CpuHarness h = new CpuHarness().bytes(b).set(EAX, 0x1FFFF).run();
        assertEquals(-1, h.vector());
        assertEquals(0x10000, h.reg(EAX));
    }

    @Test
    void instructionLongerThanFifteenBytesRaisesGp() {
        int[] b = new int[16];
        java.util.Arrays.fill(b, 0x66);
        b[15] = 0x90;
        CpuHarness h = new CpuHarness().bytes(b).run();
        assertEquals(13, h.vector());
        assertEquals(0, h.stack(0)); // error code
        assertEquals(CpuHarness.CODE, h.stack(1)); // the fault points at the over-long instruction
    }
}
