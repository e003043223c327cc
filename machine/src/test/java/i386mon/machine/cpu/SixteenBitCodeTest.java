package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBP;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.ESP;
import static i386mon.machine.cpu.Harness16.SP_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * Instructions in a 16-bit protected-mode code segment (CS.D=0) on a 16-bit stack (SS.B=0):
 * operand and address size 16 by default, 0x66/0x67 select 32 (SDM vol. 1, 3.6 and vol. 3, 21.1).
 */
class SixteenBitCodeTest {
    // ---- ALU with 16-bit operands

    @Test
    void addOfWordsSetsOverflowAndSignAtBit15() {
        Harness16 h = new Harness16().code("add %bx, %ax").set(EAX, 0xAAAA7FFF).set(EBX, 0x55550001).run();
        assertEquals(0xAAAA8000, h.reg(EAX));
        assertTrue(h.flag(Cpu.OF));
        assertTrue(h.flag(Cpu.SF));
        assertFalse(h.flag(Cpu.CF));
    }

    @Test
    void addOfWordsCarriesOutOfBit15AndLeavesTheHighHalf() {
        Harness16 h = new Harness16().code("add $1, %ax").set(EAX, 0x1234FFFF).run();
        assertEquals(0x12340000, h.reg(EAX));
        assertTrue(h.flag(Cpu.CF));
        assertTrue(h.flag(Cpu.ZF));
        assertFalse(h.flag(Cpu.OF));
    }

    @Test
    void subOfWordsBorrows() {
        Harness16 h = new Harness16().code("sub $2, %cx").set(ECX, 0x00000001).run();
        assertEquals(0xFFFF, h.reg(ECX));
        assertTrue(h.flag(Cpu.CF));
        assertTrue(h.flag(Cpu.SF));
    }

    @Test
    void incOfAWordOverflowsWithoutTouchingCarry() {
        Harness16 h = new Harness16().code("stc\n inc %dx").set(EDX, 0x7FFF).run();
        assertEquals(0x8000, h.reg(EDX));
        assertTrue(h.flag(Cpu.OF));
        assertTrue(h.flag(Cpu.CF));
    }

    @Test
    void wordMultiplyWritesDxAx() {
        Harness16 h = new Harness16().code("mul %bx").set(EAX, 0xFFFF1234).set(EBX, 0x100).set(EDX, 0xABCD0000).run();
        assertEquals(0xFFFF3400, h.reg(EAX));
        assertEquals(0xABCD0012, h.reg(EDX));
        assertTrue(h.flag(Cpu.CF));
    }

    @Test
    void wordDivideByZeroIsDivideError() {
        Harness16 h = new Harness16().code("div %bx").set(EAX, 5).set(EBX, 0x10000).run();
        assertEquals(CpuException.DE, h.vector());
    }

    // ---- operand- and address-size overrides

    @Test
    void operandSizePrefixMovesADword() {
        Harness16 h = new Harness16().code("mov $0x12345678, %eax\n add %eax, %eax").run();
        assertEquals(0x2468ACF0, h.reg(EAX));
    }

    @Test
    void operandSizePrefixPushesFourBytes() {
        Harness16 h = new Harness16().code("pushl $0x11223344").run();
        assertEquals(SP_TOP - 4, h.reg(ESP));
        assertEquals(0x11223344, h.stackDword(SP_TOP - 4));
    }

    @Test
    void addressSizePrefixUsesThirtyTwoBitRegisters() {
        Harness16 h = new Harness16().code("mov (%ebx,%esi,2), %ax").set(EBX, 0x100).set(ESI, 0x10).set(EAX, 0);
        h.setDataWord(0x120, 0xBEEF);
        h.run();
        assertEquals(0xBEEF, h.reg(EAX));
    }

    @Test
    void withoutAddressSizePrefixTheUpperHalfOfBxIsIgnored() {
        Harness16 h = new Harness16().code("mov (%bx), %ax").set(EBX, 0x55550200).set(EAX, 0);
        h.setDataWord(0x200, 0xCAFE);
        h.run();
        assertEquals(0xCAFE, h.reg(EAX));
    }

    // ---- the eight 16-bit addressing forms (SDM vol. 2, table 2-1)

    private static Harness16 load(String operand, int bx, int bp, int si, int di) {
        Harness16 h = new Harness16().code("mov " + operand + ", %ax").set(EAX, 0)
                .set(EBX, bx).set(EBP, bp).set(ESI, si).set(EDI, di);
        return h;
    }

    @Test
    void bxPlusSi() {
        Harness16 h = load("0x10(%bx,%si)", 0x100, 0, 0x20, 0);
        h.setDataWord(0x130, 0x1111);
        assertEquals(0x1111, h.run().reg(EAX));
    }

    @Test
    void bxPlusDi() {
        Harness16 h = load("0x10(%bx,%di)", 0x100, 0, 0, 0x40);
        h.setDataWord(0x150, 0x2222);
        assertEquals(0x2222, h.run().reg(EAX));
    }

    @Test
    void bpPlusSiReadsTheStackSegment() {
        Harness16 h = load("(%bp,%si)", 0, 0x300, 0x4, 0);
        h.setStackWord(0x304, 0x3333);
        h.setDataWord(0x304, 0xDEAD);
        assertEquals(0x3333, h.run().reg(EAX));
    }

    @Test
    void bpPlusDiReadsTheStackSegment() {
        Harness16 h = load("(%bp,%di)", 0, 0x300, 0, 0x6);
        h.setStackWord(0x306, 0x4444);
        h.setDataWord(0x306, 0xDEAD);
        assertEquals(0x4444, h.run().reg(EAX));
    }

    @Test
    void siAlone() {
        Harness16 h = load("(%si)", 0, 0, 0x500, 0);
        h.setDataWord(0x500, 0x5555);
        assertEquals(0x5555, h.run().reg(EAX));
    }

    @Test
    void diAlone() {
        Harness16 h = load("(%di)", 0, 0, 0, 0x502);
        h.setDataWord(0x502, 0x6666);
        assertEquals(0x6666, h.run().reg(EAX));
    }

    @Test
    void bpWithDisplacementReadsTheStackSegment() {
        Harness16 h = load("-2(%bp)", 0, 0x602, 0, 0);
        h.setStackWord(0x600, 0x7777);
        h.setDataWord(0x600, 0xDEAD);
        assertEquals(0x7777, h.run().reg(EAX));
    }

    @Test
    void directSixteenBitDisplacementReadsTheDataSegment() {
        Harness16 h = load("0x0700", 0, 0x700, 0, 0);
        h.setDataWord(0x700, 0x8888);
        h.setStackWord(0x700, 0xDEAD);
        assertEquals(0x8888, h.run().reg(EAX));
    }

    @Test
    void bxAlone() {
        Harness16 h = load("(%bx)", 0x800, 0, 0, 0);
        h.setDataWord(0x800, 0x9999);
        assertEquals(0x9999, h.run().reg(EAX));
    }

    @Test
    void segmentOverrideBeatsTheBpDefault() {
        Harness16 h = load("%ds:(%bp)", 0, 0x900, 0, 0);
        h.setDataWord(0x900, 0xAAAA);
        h.setStackWord(0x900, 0xDEAD);
        assertEquals(0xAAAA, h.run().reg(EAX));
    }

    @Test
    void sixteenBitEffectiveAddressWrapsAt64K() {
        Harness16 h = load("0x20(%bx,%si)", 0xFFF0, 0, 0x10, 0);
        h.setDataWord(0x20, 0xBBBB);
        assertEquals(0xBBBB, h.run().reg(EAX));
    }

    @Test
    void leaOfA16BitAddressKeepsTheUpperHalf() {
        Harness16 h = new Harness16().code("lea 0x10(%bx,%di), %ax").set(EAX, 0xFFFF0000).set(EBX, 0xFFF8).set(EDI, 0x8).run();
        assertEquals(0xFFFF0010, h.reg(EAX)); // 0x10 + 0xFFF8 + 8 = 0x10010, cut to 16 bits
    }

    // ---- IP and SP width

    @Test
    void sequentialExecutionPastFfffWrapsIpToZero() {
        // The 386 manual says #GP, but real CPUs (386 to today's, per OS/2 Museum's test "Does (E)IP
        // wrap around in 16-bit segments?") and QEMU wrap IP as the 8086 does: a 16-bit IP has no bit 16.
        Harness16 h = new Harness16().code("mov $0x4321, %dx");
        h.h.mem.write8(CpuHarness.CODE + 0xFFFF, 0x90); // NOP, the last byte of the segment
        h.cpu.setEip(0xFFFF);
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(0x4321, h.reg(EDX) & 0xFFFF);
    }

    @Test
    void shortJumpForwardAcrossTheEndWrapsIp() {
        Harness16 h = new Harness16().code("nop\n nop\n mov $0x99, %cx");
        h.h.mem.write8(CpuHarness.CODE + 0xFFF0, 0xEB); // jmp .+0x12 -> 0x10002 & 0xFFFF = 2
        h.h.mem.write8(CpuHarness.CODE + 0xFFF1, 0x10);
        h.cpu.setEip(0xFFF0);
        h.run();
        assertEquals(0x99, h.reg(ECX) & 0xFFFF);
        assertEquals(-1, h.vector());
    }

    @Test
    void pushAtSpZeroWrapsToFffeAndKeepsTheUpperHalfOfEsp() {
        Harness16 h = new Harness16().code("push %ax").set(EAX, 0x5A5A);
        h.cpu.setReg(ESP, 0x12340000);
        h.run();
        assertEquals(0x1234FFFE, h.reg(ESP));
        assertEquals(0x5A5A, h.stackWord(0xFFFE));
    }

    @Test
    void popAtSpFffeWrapsToZero() {
        Harness16 h = new Harness16().code("pop %ax");
        h.cpu.setReg(ESP, 0xFFFE);
        h.setStackWord(0xFFFE, 0x7E57);
        h.run();
        assertEquals(0, h.reg(ESP));
        assertEquals(0x7E57, h.reg(EAX) & 0xFFFF);
    }

    // ---- push and pop widths

    @Test
    void pushOfARegisterMovesSpByTwo() {
        Harness16 h = new Harness16().code("push %bx\n pop %cx").set(EBX, 0xFFFF1234).set(ECX, 0xAAAA0000).run();
        assertEquals(0xAAAA1234, h.reg(ECX));
        assertEquals(SP_TOP, h.reg(ESP));
    }

    @Test
    void pushOfASegmentRegisterMovesSpByTwo() {
        Harness16 h = new Harness16().code("push %ds").run();
        assertEquals(SP_TOP - 2, h.reg(ESP));
        assertEquals(Harness16.DATA16, h.stackWord(SP_TOP - 2));
    }

    @Test
    void pushfStoresTheLowFlagsWord() {
        Harness16 h = new Harness16().code("stc\n pushf").run();
        assertEquals(SP_TOP - 2, h.reg(ESP));
        assertEquals(Cpu.CF | 2, h.stackWord(SP_TOP - 2) & 0xFFF);
    }

    @Test
    void pushaStoresEightWords() {
        Harness16 h = new Harness16().code("pusha").set(EAX, 1).set(ECX, 2).set(EDX, 3).set(EBX, 4).set(EBP, 6).set(ESI, 7).set(EDI, 8).run();
        int[] want = {8, 7, 6, SP_TOP, 4, 3, 2, 1};
        for (int k = 0; k < 8; k++) assertEquals(want[k], h.stackWord(SP_TOP - 16 + 2 * k), "slot " + k);
        assertEquals(SP_TOP - 16, h.reg(ESP));
    }

    @Test
    void pushImmediateIsAWord() {
        Harness16 h = new Harness16().code("push $-2").run();
        assertEquals(SP_TOP - 2, h.reg(ESP));
        assertEquals(0xFFFE, h.stackWord(SP_TOP - 2));
    }

    // ---- string instructions with CX/SI/DI

    @Test
    void repMovsbCountsCxAndKeepsTheUpperHalfOfEcx() {
        Harness16 h = new Harness16().code("cld\n rep movsb").set(ECX, 0x77770003).set(ESI, 0x100).set(EDI, 0x200);
        h.h.mem.write32(Harness16.DS_BASE + 0x100, 0x44332211);
        h.run();
        assertEquals(0x77770000, h.reg(ECX));
        assertEquals(0x00332211, h.h.mem.read32(Harness16.DS_BASE + 0x200));
        assertEquals(0x103, h.reg(ESI));
        assertEquals(0x203, h.reg(EDI));
    }

    @Test
    void stoswWrapsDiAt64K() {
        Harness16 h = new Harness16().code("cld\n stosw").set(EAX, 0xA55A).set(EDI, 0x3333FFFE).run();
        assertEquals(0x33330000, h.reg(EDI));
        assertEquals(0xA55A, h.dataWord(0xFFFE));
    }

    @Test
    void lodsbDecrementingWrapsSiBelowZero() {
        Harness16 h = new Harness16().code("std\n lodsb").set(ESI, 0).set(EAX, 0);
        h.h.mem.write8(Harness16.DS_BASE, 0x5C);
        h.run();
        assertEquals(0x5C, h.reg(EAX));
        assertEquals(0xFFFF, h.reg(ESI));
    }

    @Test
    void repWithAddressSizePrefixCountsEcx() {
        Harness16 h = new Harness16().code("cld\n addr32 rep stosb").set(ECX, 0x10002).set(EDI, 0x40000).set(EAX, 0x33);
        h.cpu.loadFlatSegment(Cpu.ES, 0x10, h.h.mem.read64(CpuHarness.GDT + 0x10)); // flat 4 GiB: EDI may pass 0xFFFF
        h.run();
        assertEquals(0, h.reg(ECX));
        assertEquals(0x40000 + 0x10002, h.reg(EDI));
        assertEquals(-1, h.vector());
    }

    @Test
    void repeCmpswStopsOnADifferenceCountingCx() {
        Harness16 h = new Harness16().code("cld\n repe cmpsw").set(ECX, 0xFFFF0004).set(ESI, 0x100).set(EDI, 0x200);
        h.setDataWord(0x100, 1);
        h.setDataWord(0x102, 2);
        h.setDataWord(0x200, 1);
        h.setDataWord(0x202, 3);
        h.run();
        assertEquals(0xFFFF0002, h.reg(ECX));
        assertEquals(0x104, h.reg(ESI));
        assertFalse(h.flag(Cpu.ZF));
    }

    // ---- LOOP and JCXZ

    @Test
    void loopCountsCxOnly() {
        Harness16 h = new Harness16().code("xor %ax, %ax\n again: inc %ax\n loop again").set(ECX, 0x00020003).run();
        assertEquals(3, h.reg(EAX) & 0xFFFF);
        assertEquals(0x00020000, h.reg(ECX));
    }

    @Test
    void jcxzTestsCxOnly() {
        Harness16 h = new Harness16().code("jcxz taken\n mov $1, %ax\n hlt\n taken: mov $2, %ax").set(ECX, 0x10000).run();
        assertEquals(2, h.reg(EAX) & 0xFFFF);
    }

    @Test
    void jecxzWithAddressSizePrefixTestsEcx() {
        Harness16 h = new Harness16().code("jecxz taken\n mov $1, %ax\n hlt\n taken: mov $2, %ax").set(ECX, 0x10000).run();
        assertEquals(1, h.reg(EAX) & 0xFFFF);
    }

    // ---- near and far CALL/RET

    @Test
    void nearCallPushesAWordIp() {
        Harness16 h = new Harness16().code("call f\n after: hlt\n f: mov %sp, %bx\n ret").run();
        assertEquals(SP_TOP - 2, h.reg(EBX) & 0xFFFF);
        assertEquals(h.label("after"), h.stackWord(SP_TOP - 2));
        assertEquals(SP_TOP, h.reg(ESP));
        assertEquals(h.label("after") + 1, h.cpu.eip());
    }

    @Test
    void nearRetWithImmediateReleasesWords() {
        Harness16 h = new Harness16().code("push $1\n push $2\n call f\n hlt\n f: ret $4").run();
        assertEquals(SP_TOP, h.reg(ESP));
    }

    @Test
    void nearIndirectCallThroughARegisterTakesTheLowWord() {
        Harness16 h = new Harness16().code("call *%ax\n hlt\n f: mov $7, %cx\n ret");
        h.set(EAX, 0xFFFF0000 | h.label("f")).run();
        assertEquals(7, h.reg(ECX) & 0xFFFF);
    }

    @Test
    void farCallPushesCsAndIpAsWords() {
        Harness16 h = new Harness16().code("lcall $" + Harness16.CODE16 + ", $f\n after: hlt\n f: mov %sp, %bx\n lret").run();
        assertEquals(SP_TOP - 4, h.reg(EBX) & 0xFFFF);
        assertEquals(h.label("after"), h.stackWord(SP_TOP - 4));
        assertEquals(Harness16.CODE16, h.stackWord(SP_TOP - 2));
        assertEquals(SP_TOP, h.reg(ESP));
        assertEquals(-1, h.vector());
    }

    @Test
    void farCallWithOperandSizePrefixPushesDwordsAndLretlPopsThem() {
        Harness16 h = new Harness16().code("lcalll $" + Harness16.CODE16 + ", $f\n after: hlt\n f: mov %sp, %bx\n lretl").run();
        assertEquals(SP_TOP - 8, h.reg(EBX) & 0xFFFF);
        assertEquals(h.label("after"), h.stackDword(SP_TOP - 8));
        assertEquals(SP_TOP, h.reg(ESP));
        assertEquals(-1, h.vector());
    }

    @Test
    void farJumpToA32BitCodeSegmentSwitchesTheDefaultSize() {
        // 0x08 is the harness's flat 32-bit code segment; the target is in it at CODE + f.
        Harness16 h = new Harness16().code("ljmpl $0x08, $(" + CpuHarness.CODE + " + f)\n f: .code32\n mov $0x12345678, %eax").run();
        assertEquals(0x12345678, h.reg(EAX));
        assertEquals(0x08, h.cpu.segSelector(Cpu.CS));
    }

    // ---- faults with 16-bit addresses

    @Test
    void readBeyondTheDataSegmentLimitIsGeneralProtection() {
        Harness16 h = new Harness16();
        h.h.addDescriptor(Harness16.DATA16 / 8, CpuHarness.descriptor(Harness16.DS_BASE, 0x0FFF, 0x92, 0x0));
        h.enter();
        h.code("mov 0x1000, %ax").run();
        assertEquals(CpuException.GP, h.vector());
    }

    @Test
    void wordAtOffsetFfffCrossesTheLimitAndIsGeneralProtection() {
        Harness16 h = new Harness16().code("mov (%bx), %ax").set(EBX, 0xFFFF).run();
        assertEquals(CpuException.GP, h.vector());
    }

    @Test
    void bpAddressBeyondTheStackLimitIsStackFault() {
        Harness16 h = new Harness16();
        h.h.addDescriptor(Harness16.STACK16 / 8, CpuHarness.descriptor(Harness16.SS_BASE, 0x7FFF, 0x92, 0x0));
        h.enter();
        h.cpu.setReg(ESP, 0x7000);
        h.code("mov (%bp), %ax").set(EBP, 0x8000).run();
        assertEquals(CpuException.SS, h.vector());
    }

    @Test
    void faultingInstructionLeavesIpOnItInTheFrame() {
        Harness16 h = new Harness16().code("nop\n bad: mov (%bx), %ax").set(EBX, 0xFFFF).run();
        // 32-bit interrupt gate at the same privilege: error code, EIP, CS, EFLAGS as dwords on SS:SP
        int sp = h.reg(ESP) & 0xFFFF;
        assertEquals(h.label("bad"), h.stackDword(sp + 4));
        assertEquals(Harness16.CODE16, h.stackDword(sp + 8) & 0xFFFF);
    }

    @Test
    void xlatAddsAlToBxWithin64K() {
        Harness16 h = new Harness16().code("xlat").set(EBX, 0x1234FFF0).set(EAX, 0x20);
        h.h.mem.write8(Harness16.DS_BASE + 0x10, 0x5D);
        h.run();
        assertEquals(0x5D, h.reg(EAX) & 0xFF);
    }

    @Test
    void pushOfAWordAtSpOneCrossesTheStackLimitAndIsStackFault() {
        // The handler would push its frame on the same broken stack, so stop at the fault (a catchpoint).
        Harness16 h = new Harness16().code("push %ax");
        h.cpu.setReg(ESP, 1);
        h.cpu.setCatch(CpuException.SS, true);
        h.run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.SS, h.cpu.lastException().vector);
        assertEquals(1, h.reg(ESP));
    }

    @Test
    void enterOnASixteenBitStackUsesBpAndSp() {
        Harness16 h = new Harness16().code("enter $8, $0").set(EBP, 0xABCD1234);
        h.cpu.setReg(ESP, 0x55550100);
        h.run();
        assertEquals(0x1234, h.stackWord(0xFE));
        assertEquals(0xABCD00FE, h.reg(EBP));
        assertEquals(0x555500F6, h.reg(ESP));
    }

    @Test
    void nearIndirectJumpLoadsIpWithTheHighHalfOfEipClear() {
        Harness16 h = new Harness16().code("jmp *%ax\n hlt\n t: mov $3, %cx");
        h.set(EAX, 0xFFFF0000 | h.label("t")).run();
        assertEquals(3, h.reg(ECX) & 0xFFFF);
        assertEquals(h.label("t") + 4, h.cpu.eip());
    }

    @Test
    void retlWithOperandSizePrefixPopsADword() {
        Harness16 h = new Harness16().code("calll f\n hlt\n f: mov %sp, %bx\n retl").run();
        assertEquals(SP_TOP - 4, h.reg(EBX) & 0xFFFF);
        assertEquals(SP_TOP, h.reg(ESP));
    }

    @Test
    void iretwPopsIpCsAndFlagsAsWords() {
        Harness16 h = new Harness16().code("pushw $0x0001\n pushw $" + Harness16.CODE16 + "\n pushw $t\n iret\n hlt\n t: mov $9, %dx").run();
        assertEquals(9, h.reg(EDX) & 0xFFFF);
        assertTrue(h.flag(Cpu.CF));
        assertEquals(SP_TOP, h.reg(ESP));
    }

    @Test
    void movswWithSiAtFfffCrossesTheLimitAndIsGeneralProtection() {
        Harness16 h = new Harness16().code("cld\n movsw").set(ESI, 0xFFFF).set(EDI, 0x10).run();
        assertEquals(CpuException.GP, h.vector());
    }
}
