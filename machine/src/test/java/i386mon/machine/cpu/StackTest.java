package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBP;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.ESP;
import static i386mon.machine.cpu.CpuHarness.STACK_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ENTER/LEAVE, PUSHA/POPA, PUSHF/POPF, PUSH/POP forms (SDM vol. 2). */
class StackTest {
    static final int S = STACK_TOP, B = 0x88000;

    private static CpuHarness enter(String insn) {
        CpuHarness h = new CpuHarness().code(insn).set(EBP, B);
        h.mem.write32(B - 4, 0x11111111);
        h.mem.write32(B - 8, 0x22222222);
        h.mem.write32(B - 12, 0x33333333);
        return h.run();
    }

    @Test
    void enterLevelZeroPushesEbpAndAllocates() {
        CpuHarness h = enter("enter $0x20, $0");
        assertEquals(B, h.mem.read32(S - 4));
        assertEquals(S - 4, h.reg(EBP));
        assertEquals(S - 4 - 0x20, h.reg(ESP));
    }

    @Test
    void enterLevelOneAlsoPushesTheNewFramePointer() {
        CpuHarness h = enter("enter $8, $1");
        assertEquals(B, h.mem.read32(S - 4));
        assertEquals(S - 4, h.mem.read32(S - 8));
        assertEquals(S - 4, h.reg(EBP));
        assertEquals(S - 8 - 8, h.reg(ESP));
    }

    @Test
    void enterLevelThreeCopiesTwoOuterFramePointers() {
        CpuHarness h = enter("enter $4, $3");
        assertEquals(B, h.mem.read32(S - 4));
        assertEquals(0x11111111, h.mem.read32(S - 8));
        assertEquals(0x22222222, h.mem.read32(S - 12));
        assertEquals(S - 4, h.mem.read32(S - 16));
        assertEquals(S - 4, h.reg(EBP));
        assertEquals(S - 16 - 4, h.reg(ESP));
    }

    @Test
    void enterLevelIsTakenModulo32() {
        CpuHarness h = enter("enter $0, $33"); // level 33 is level 1
        assertEquals(S - 8, h.reg(ESP));
        assertEquals(S - 4, h.mem.read32(S - 8));
    }

    @Test
    void leaveRestoresTheCallersFrame() {
        CpuHarness h = new CpuHarness().code("enter $0x40, $0\n push $5\n leave").set(EBP, B).run();
        assertEquals(B, h.reg(EBP));
        assertEquals(S, h.reg(ESP));
    }

    @Test
    void pushaStoresAllRegistersWithTheOriginalEsp() {
        CpuHarness h = new CpuHarness().code("pusha").set(EAX, 1).set(ECX, 2).set(EDX, 3).set(EBX, 4).set(EBP, 6).set(ESI, 7).set(EDI, 8).run();
        int[] want = {8, 7, 6, S, 4, 3, 2, 1}; // from the new top: EDI ESI EBP ESP EBX EDX ECX EAX
        for (int k = 0; k < 8; k++) assertEquals(want[k], h.mem.read32(S - 32 + 4L * k), "slot " + k);
        assertEquals(S - 32, h.reg(ESP));
    }

    @Test
    void popaRestoresAllButEsp() {
        CpuHarness h = new CpuHarness().code("pusha\n xor %eax, %eax\n mov %eax, %ecx\n mov %eax, %edx\n mov %eax, %ebx\n"
                + " mov %eax, %ebp\n mov %eax, %esi\n mov %eax, %edi\n movl $0x1234, 12(%esp)\n popa")
                .set(EAX, 1).set(ECX, 2).set(EDX, 3).set(EBX, 4).set(EBP, 6).set(ESI, 7).set(EDI, 8).run();
        assertEquals(1, h.reg(EAX));
        assertEquals(2, h.reg(ECX));
        assertEquals(3, h.reg(EDX));
        assertEquals(4, h.reg(EBX));
        assertEquals(6, h.reg(EBP));
        assertEquals(7, h.reg(ESI));
        assertEquals(8, h.reg(EDI));
        assertEquals(S, h.reg(ESP));
    }

    @Test
    void sixteenBitPushaAndPopaUseWords() {
        CpuHarness h = new CpuHarness().code("pushaw\n mov %esp, 0x80000\n movw $0x5555, 14(%esp)\n popaw")
                .set(EAX, 0xAAAA0001).set(ECX, 0xBBBB0002).run();
        assertEquals(S - 16, h.mem.read32(0x80000));
        assertEquals(0xAAAA5555, h.reg(EAX));
        assertEquals(0xBBBB0002, h.reg(ECX));
        assertEquals(S, h.reg(ESP));
        assertEquals(S & 0xFFFF, h.mem.read16(S - 16 + 6) & 0xFFFF);
    }

    @Test
    void pushfStoresFlagsWithReservedBitOneSet() {
        CpuHarness h = new CpuHarness().code("stc\n pushf\n pop %eax").run();
        assertEquals(Cpu.CF | 2, h.reg(EAX) & 0xFFF);
    }

    @Test
    void pushfMaterializesLazyFlags() {
        CpuHarness h = new CpuHarness().code("mov $0x7F, %al\n add $1, %al\n pushf\n pop %eax").run();
        assertEquals(Cpu.OF | Cpu.SF | Cpu.AF | 2, h.reg(EAX) & 0xFFF);
    }

    @Test
    void popfAtCplZeroLoadsEveryWritableFlag() {
        CpuHarness h = new CpuHarness().code("push $0xFFFFFEFF\n popf\n pushf\n pop %eax\n cli").run();
        // all but TF (kept clear to avoid a trap), VM, RF, VIF, VIP; reserved bits 3, 5, 15 read as 0, bit 1 as 1
        assertEquals(0x00247ED7, h.reg(EAX));
    }

    @Test
    void popfClearsArithmeticFlags() {
        CpuHarness h = new CpuHarness().code("push $0\n popf").eflags(Ref.ARITH).run();
        assertEquals(0, h.flags() & Ref.ARITH);
    }

    @Test
    void sixteenBitPushfAndPopfMoveTheLowWord() {
        CpuHarness h = new CpuHarness().code("pushw $0x0801\n popfw\n pushfw\n pop %bx").run();
        assertEquals(0x0803, h.reg(EBX) & 0xFFFF);
        assertEquals(S, h.reg(ESP));
    }

    @Test
    void pushEspPushesTheValueBeforeThePush() {
        CpuHarness h = new CpuHarness().code("push %esp\n pop %eax").run();
        assertEquals(S, h.reg(EAX));
    }

    @Test
    void popEspLoadsThePoppedValue() {
        CpuHarness h = new CpuHarness().code("push $0x12345\n pop %esp").run();
        assertEquals(0x12345, h.reg(ESP));
    }

    @Test
    void popToMemoryAddressedByEspUsesTheIncrementedEsp() {
        CpuHarness h = new CpuHarness().code("push $7\n push $9\n popl (%esp)").run();
        assertEquals(9, h.mem.read32(S - 4));
        assertEquals(S - 4, h.reg(ESP));
    }

    @Test
    void pushAndPopOfSixteenBitValuesMoveEspByTwo() {
        CpuHarness h = new CpuHarness().code("pushw $0x1234\n mov %esp, %ebx\n pop %ax").set(EAX, 0xFFFF0000).run();
        assertEquals(S - 2, h.reg(EBX));
        assertEquals(0xFFFF1234, h.reg(EAX));
        assertEquals(S, h.reg(ESP));
    }

    @Test
    void sixteenBitEnterPushesWordsAndWritesOnlyBp() {
        // 66 C8 04 00 01: enterw $4, $1 on a 32-bit stack
        CpuHarness h = new CpuHarness().bytes(0x66, 0xC8, 0x04, 0x00, 0x01).set(EBP, 0xAAAA8800).run();
        assertEquals(0x8800, h.mem.read16(S - 2) & 0xFFFF);
        assertEquals((S - 2) & 0xFFFF, h.mem.read16(S - 4) & 0xFFFF);
        assertEquals(0xAAAA0000 | (S - 2) & 0xFFFF, h.reg(EBP));
        assertEquals(S - 4 - 4, h.reg(ESP));
    }

    @Test
    void sixteenBitLeavePopsAWordIntoBp() {
        CpuHarness h = new CpuHarness().code("mov $0x8FF00, %ebp\n movw $0x1234, 0x8FF00\n leavew").set(EBP, 0).run();
        assertEquals(0x00081234, h.reg(EBP));
        assertEquals(0x8FF02, h.reg(ESP));
    }

    @Test
    void pushAndPopOfSegmentRegisters() {
        CpuHarness h = new CpuHarness().code("push %ds\n mov %esp, %ebx\n pop %es\n pushw %fs\n pop %cx").set(ECX, 0xFFFFFFFF).run();
        assertEquals(S - 4, h.reg(EBX));
        assertEquals(0x10, h.mem.read16(S - 4) & 0xFFFF);
        assertEquals(0x10, h.cpu.segSelector(Cpu.ES));
        assertEquals(0xFFFF0010, h.reg(ECX));
        assertEquals(S, h.reg(ESP));
    }
}
