package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LOCK, UD2, NOP forms, CPUID and RDTSC. */
class MiscInstructionTest {
    static final int UD = 6;

    @Test
    void lockOnAMemoryReadModifyWriteWorks() {
        CpuHarness h = new CpuHarness().code("movl $41, 0x80000\n lock addl $1, 0x80000\n lock incl 0x80000\n lock btsl $4, 0x80000").run();
        assertEquals(-1, h.vector());
        assertEquals(59, h.mem.read32(0x80000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "F0 89 05 00 00 08 00", // lock mov %eax, 0x80000
        "F0 01 C3", // lock add %eax, %ebx: register destination
        "F0 39 05 00 00 08 00", // lock cmp: not a read-modify-write
        "F0 0F A3 05 00 00 08 00", // lock bt: reads only
        "F0 90", // lock nop
        "F0 0F C7 C8"}) // lock cmpxchg8b with a register operand
    void lockWhereItIsNotAllowedRaisesInvalidOpcode(String hex) {
        CpuHarness h = new CpuHarness().bytes(parse(hex)).set(EBX, 5).run();
        assertEquals(UD, h.vector());
        assertEquals(CpuHarness.CODE, h.stack(0)); // #UD is a fault: EIP of the instruction, no error code
        assertEquals(5, h.reg(EBX));
        assertEquals(0, h.mem.read32(0x80000));
    }

    @Test
    void ud2RaisesInvalidOpcodeAtItsAddress() {
        CpuHarness h = new CpuHarness().code("nop\n ud2").run();
        assertEquals(UD, h.vector());
        assertEquals(CpuHarness.CODE + 1, h.stack(0));
        assertEquals(0x08, h.stack(1));
        assertEquals(CpuHarness.STACK_TOP - 12, h.reg(Cpu.ESP));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0F 1F 00", "0F 1F 40 00", "0F 1F 44 00 00", "66 0F 1F 44 00 00", "0F 1F 80 00 00 00 00",
        "66 0F 1F 84 00 00 00 00 00", "66 2E 0F 1F 84 00 00 00 00 00", "0F 18 00", "90", "66 90"})
    void multiByteNopDoesNothingAndIsSkipped(String hex) {
        int[] b = parse(hex);
        CpuHarness h = new CpuHarness().bytes(b).set(EAX, 0xFFFFFFF0).eflags(Ref.ARITH).run();
        assertEquals(-1, h.vector());
        assertEquals(CpuHarness.CODE + b.length + 1, h.cpu.eip()); // past the NOP and the HLT
        assertEquals(0xFFFFFFF0, h.reg(EAX));
        assertEquals(Ref.ARITH, h.flags() & Ref.ARITH);
    }

    @Test
    void nopWithAMemoryOperandDoesNotAccessMemory() {
        CpuHarness h = new CpuHarness().code("nopl 0x7FFFFFF0(%eax)");
        h.cpu.loadFlatSegment(Cpu.DS, 0x10, 0x00409200_0000FFFFL); // limit 64 KiB: an access would fault
        h.run();
        assertEquals(-1, h.vector());
    }

    private static int[] parse(String hex) {
        String[] p = hex.trim().split("\\s+");
        int[] b = new int[p.length];
        for (int k = 0; k < p.length; k++) b[k] = Integer.parseInt(p[k], 16);
        return b;
    }

    private static String text(int... regs) {
        ByteBuffer bb = ByteBuffer.allocate(4 * regs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : regs) bb.putInt(r);
        return new String(bb.array(), StandardCharsets.US_ASCII);
    }

    @Test
    void cpuidLeafZeroGivesTheMaximumLeafAndVendor() {
        CpuHarness h = new CpuHarness().code("cpuid").set(EAX, 0).run();
        assertEquals(1, h.reg(EAX));
        assertEquals("GenuineIntel", text(h.reg(EBX), h.reg(EDX), h.reg(ECX)));
    }

    @Test
    void cpuidLeafOneGivesAP6SignatureAndTheDocumentedFeatures() {
        CpuHarness h = new CpuHarness().code("cpuid").set(EAX, 1).set(ECX, 0x1234).run();
        assertEquals(6, (h.reg(EAX) >>> 8) & 0xF, "family");
        // FPU DE PSE TSC MSR PAE CX8 PGE CMOV: bits 0 2 3 4 5 6 8 13 15 (Cpuid.java)
        int[] bits = {0, 2, 3, 4, 5, 6, 8, 13, 15};
        int want = 0;
        for (int b : bits) want |= 1 << b;
        assertEquals(want, h.reg(EDX));
        assertEquals(0, h.reg(ECX));
        assertEquals(0, h.reg(EBX));
    }

    @Test
    void cpuidExtendedLeavesReportTheMaximumAndNx() {
        CpuHarness h = new CpuHarness().code("mov $0x80000000, %eax\n cpuid\n mov %eax, %esi\n mov $0x80000001, %eax\n cpuid").run();
        assertEquals(0x80000001, h.reg(ESI));
        assertEquals(1 << 20, h.reg(EDX));
    }

    @Test
    void rdtscAdvancesByOneTickPerRetiredInstruction() {
        CpuHarness h = new CpuHarness().code("rdtsc\n mov %eax, %ebx\n mov %edx, %esi\n nop\n nop\n nop\n rdtsc").run();
        assertEquals(6, h.reg(EAX) - h.reg(EBX)); // rdtsc, 2 movs, 3 nops retired in between
        assertEquals(h.reg(ESI), h.reg(EDX));
    }

    @Test
    void rdtscIsDeterministicAcrossRuns() {
        String code = "mov $100, %ecx\n1: loop 1b\n rdtsc";
        CpuHarness a = new CpuHarness().code(code).run(), b = new CpuHarness().code(code).run();
        assertEquals(a.reg(EAX), b.reg(EAX));
        assertEquals(a.reg(EDX), b.reg(EDX));
        assertEquals(101, a.reg(EAX)); // MOV and 100 LOOPs before it
    }

    @Test
    void rdtscCountsAcrossRunSlices() {
        String code = "mov $100, %ecx\n1: loop 1b\n rdtsc";
        CpuHarness h = new CpuHarness().code(code);
        while (!h.cpu.halted()) h.clock.retire(h.cpu.run(7)); // as Machine does between slices
        assertEquals(101, h.reg(EAX));
        assertTrue(h.cpu.retired() >= 102);
    }

    @Test
    void cpuidOfAnUnknownLeafRepeatsTheHighestBasicLeaf() {
        CpuHarness h = new CpuHarness().code("cpuid").set(EAX, 5).run();
        CpuHarness one = new CpuHarness().code("cpuid").set(EAX, 1).run();
        assertArrayEquals(new int[] {one.reg(EAX), one.reg(EBX), one.reg(ECX), one.reg(EDX)},
                new int[] {h.reg(EAX), h.reg(EBX), h.reg(ECX), h.reg(EDX)});
    }

    @Test
    void carryFlagInstructions() {
        CpuHarness h = new CpuHarness().code("stc\n setc %al\n cmc\n setc %bl\n cmc\n clc\n setc %cl").run();
        assertEquals(1, h.reg(EAX) & 0xFF);
        assertEquals(0, h.reg(EBX) & 0xFF);
        assertEquals(0, h.reg(ECX) & 0xFF);
    }

    @Test
    void cmcInvertsALazyCarry() {
        CpuHarness h = new CpuHarness().code("mov $-1, %eax\n add $1, %eax\n cmc\n setc %bl\n setz %cl").run();
        assertEquals(0, h.reg(EBX) & 0xFF);
        assertEquals(1, h.reg(ECX) & 0xFF); // the other flags of the ADD survive
    }

    @Test
    void boundInsideTheRangeContinuesAndOutsideRaisesVectorFive() {
        CpuHarness ok = new CpuHarness().code("movl $-5, 0x80000\n movl $5, 0x80004\n mov $-5, %eax\n bound %eax, 0x80000\n mov $1, %ebx").run();
        assertEquals(-1, ok.vector());
        assertEquals(1, ok.reg(EBX));
        CpuHarness out = new CpuHarness().code("movl $-5, 0x80000\n movl $5, 0x80004\n mov $6, %eax\n bound %eax, 0x80000").run();
        assertEquals(5, out.vector());
    }

    @Test
    void salcCopiesCarryIntoAl() {
        CpuHarness h = new CpuHarness().bytes(0xF9, 0xD6).set(EAX, 0x12345600).run(); // stc; salc
        assertEquals(0x123456FF, h.reg(EAX));
    }

    @Test
    void leaWithARegisterOperandIsUndefined() {
        CpuHarness h = new CpuHarness().bytes(0x8D, 0xC0).run();
        assertEquals(UD, h.vector());
    }
}
