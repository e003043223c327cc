package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBP;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LAHF/SAHF, CBW/CWDE/CWD/CDQ, MOVZX/MOVSX and LEA (SDM vol. 2). */
class DataMoveTest {
    @Test
    void sahfLoadsTheFiveLowFlagsAndKeepsOverflow() {
        CpuHarness h = new CpuHarness().code("sahf").set(EAX, 0xFF00).eflags(OF).run();
        assertEquals(Ref.ARITH, h.flags() & Ref.ARITH);
        h = new CpuHarness().code("sahf").set(EAX, 0x0000).eflags(Ref.ARITH).run();
        assertEquals(OF, h.flags() & Ref.ARITH);
    }

    @Test
    void lahfStoresTheLowFlagsWithBitOneSet() {
        CpuHarness h = new CpuHarness().code("lahf").set(EAX, 0x12340078).eflags(Ref.ARITH).run();
        assertEquals(0x1234D778, h.reg(EAX)); // SF ZF AF PF CF and bit 1: 0xD7
        h = new CpuHarness().code("lahf").set(EAX, 0xFFFFFFFF).eflags(0).run();
        assertEquals(0xFFFF02FF, h.reg(EAX));
    }

    @Test
    void lahfSeesLazyFlags() {
        CpuHarness h = new CpuHarness().code("mov $0xFF, %bl\n add $1, %bl\n lahf").run();
        assertEquals(0x57, (h.reg(EAX) >>> 8) & 0xFF); // ZF PF AF CF and bit 1
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"cbtw, 0x1234007F, 0x1234007F, 0", "cbtw, 0x12340080, 0x1234FF80, 0", "cwtl, 0x12347FFF, 0x00007FFF, 0",
        "cwtl, 0x00008000, 0xFFFF8000, 0", "cwtd, 0x00008000, 0x00008000, 0x5555FFFF", "cwtd, 0x00007FFF, 0x00007FFF, 0x55550000",
        "cltd, 0x80000000, 0x80000000, 0xFFFFFFFF", "cltd, 0x7FFFFFFF, 0x7FFFFFFF, 0"})
    void signExtensionsCopyTheSignBit(String op, long eax, long wantEax, long wantEdx) {
        CpuHarness h = new CpuHarness().code(op).set(EAX, (int) eax).set(EDX, op.equals("cbtw") || op.equals("cwtl") ? 0 : 0x5555AAAA).run();
        assertEquals((int) wantEax, h.reg(EAX));
        assertEquals((int) wantEdx, h.reg(EDX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"movzbl %bl, %eax| 0x000000F0", "movzbw %bl, %ax| 0xAAAA00F0", "movzwl %bx, %eax| 0x000080F0",
        "movsbl %bl, %eax| 0xFFFFFFF0", "movsbw %bl, %ax| 0xAAAAFFF0", "movswl %bx, %eax| 0xFFFF80F0", "movzbl %bh, %eax| 0x00000080",
        "movsbl %bh, %eax| 0xFFFFFF80"})
    void movzxAndMovsxExtendTheSource(String insn, long want) {
        CpuHarness h = new CpuHarness().code(insn).set(EAX, 0xAAAAAAAA).set(EBX, 0x123480F0).run();
        assertEquals((int) want, h.reg(EAX));
    }

    @Test
    void movsxFromMemory() {
        CpuHarness h = new CpuHarness().code("movw $0x8001, 0x80000\n movswl 0x80000, %eax\n movzwl 0x80000, %ecx").run();
        assertEquals(0xFFFF8001, h.reg(EAX));
        assertEquals(0x8001, h.reg(ECX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lea 0x10(%eax,%ebx,4), %ecx| 0x00001110", // SIB base+index*4+disp8
        "lea (,%ebx,8), %ecx| 0x00002000", // SIB without base: disp32
        "lea 0x7(%esp), %ecx| 0x00090007", // SIB with base ESP and no index
        "lea (%ebp), %ecx| 0x00000300", // EBP base needs mod=1 disp8 0
        "lea -1(%eax,%eax,2), %ecx| 0x000002FF", "lea 0x12345678, %ecx| 0x12345678",
        "lea -0x100(%esi,%edi,1), %ecx| 0xFFFFFF00", // 32-bit wrap-around
        "lea 0x12345(%eax), %cx| 0xCCCC2445", // 16-bit operand: low word only
        "lea 0x10(%bx,%si), %ecx| 0x00000410", // 0x67: BX+SI+disp8
        "lea -0x302(%bp,%di), %ecx| 0x0000FFFE", // 0x67: BP+DI wraps at 64 KiB
        "lea 0x1234, %cx| 0xCCCC1234"})
    void leaComputesTheEffectiveAddress(String insn, long want) {
        CpuHarness h = new CpuHarness().code(insn)
                .set(EAX, 0x100).set(EBX, 0x400).set(ECX, 0xCCCCCCCC).set(EBP, 0x300).set(ESI, 0).set(EDI, 0).run();
        assertEquals((int) want, h.reg(ECX));
    }

    @Test
    void sixteenBitAddressingWrapsTheOffsetForMemoryAccess() {
        // [BX+SI] with BX+SI = 0x1_0010 wraps to 0x0010 (offset within DS)
        CpuHarness h = new CpuHarness().code("movl $0xCAFE, 0x10\n addr16 mov (%bx,%si), %eax").set(EBX, 0xFFFF).set(ESI, 0x11).run();
        assertEquals(0xCAFE, h.reg(EAX));
    }

    @Test
    void sixteenBitBpAddressingDefaultsToTheStackSegment() {
        CpuHarness h = new CpuHarness();
        h.cpu.loadFlatSegment(Cpu.SS, 0x10, 0x00CF92000000FFFFL | 0x0000000200000000L); // SS base 0x20000 (byte 4 of the descriptor)
        h.code("movl $0xBEEF, 0x20100\n addr16 mov (%bp), %eax").set(EBP, 0x100).run();
        assertEquals(0xBEEF, h.reg(EAX));
    }

    @Test
    void sibWithEbpBaseDefaultsToTheStackSegment() {
        CpuHarness h = new CpuHarness();
        h.cpu.loadFlatSegment(Cpu.SS, 0x10, 0x00CF92000000FFFFL | 0x0000000200000000L);
        h.code("movl $0xF00D, 0x20104\n mov 4(%ebp,%eax,1), %ebx\n mov 4(%ecx,%eax,1), %edx").set(EBP, 0x100).set(ECX, 0x20100).set(EAX, 0).run();
        assertEquals(0xF00D, h.reg(EBX));
        assertEquals(0xF00D, h.reg(EDX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "8D 0C 25 78 56 34 12, 0x12345678", // SIB base=5 mod=0: disp32, index 4 = none
        "8D 4C 24 08, 0x00090008", // [ESP+8]
        "8D 8C 98 00 01 00 00, 0x00001200", // [EAX+EBX*4+0x100]
        "8D 0C E0, 0x00000100", // SIB index 4 means no index even with scale 8
        "8D 4C 1D FF, 0x000006FF", // SIB base EBP with mod=1: [EBP+EBX-1]
        "67 8D 4E 10, 0x00000310", // 16-bit [BP+0x10]
        "67 8D 0E 34 12, 0x00001234", // 16-bit mod=0 rm=6: disp16
        "67 8D 88 FF FF, 0x000003FF", // 16-bit [BX+SI-1] (disp16 0xFFFF), wrapped to 16 bits
        "67 8D 09, 0x00000400", // 16-bit [BX+DI]
        "66 8D 0C 18, 0xCCCC0500"}) // 16-bit operand: [EAX+EBX] truncated into CX
    void encodedModrmAndSibFormsAddressAsTheSdmTablesSay(String hex, long want) {
        String[] p = hex.split(" ");
        int[] b = new int[p.length];
        for (int k = 0; k < p.length; k++) b[k] = Integer.parseInt(p[k], 16);
        CpuHarness h = new CpuHarness().bytes(b).set(EAX, 0x100).set(EBX, 0x400).set(ECX, 0xCCCCCCCC).set(EBP, 0x300).set(ESI, 0)
                .set(EDI, 0).run();
        assertEquals((int) want, h.reg(ECX));
    }

    @Test
    void xlatIndexesTheTableAtEbxWithAl() {
        CpuHarness h = new CpuHarness().code("xlat").set(EAX, 0x123456FE).set(EBX, 0x80000);
        h.mem.write8(0x800FE, 0x42);
        h.run();
        assertEquals(0x12345642, h.reg(EAX));
    }

    @Test
    void moffsFormsWithSixteenBitAddresses() {
        // 67 A1 disp16: mov 0x0200, %eax; 67 A2 disp16: mov %al, 0x0300
        CpuHarness h = new CpuHarness().bytes(0x67, 0xA1, 0x00, 0x02, 0x67, 0xA2, 0x00, 0x03);
        h.mem.write32(0x200, 0xDEADBEEF);
        h.run();
        assertEquals(0xDEADBEEF, h.reg(EAX));
        assertEquals(0xEF, h.mem.read8(0x300) & 0xFF);
    }
}
