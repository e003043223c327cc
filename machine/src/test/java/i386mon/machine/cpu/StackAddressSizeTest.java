package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBP;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static i386mon.machine.cpu.Cpu.ESP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/**
 * The stack segment's B bit, not the operand size, decides whether SP or ESP moves: with SS.B=0
 * a push of any width decrements SP alone, which wraps at 64 KiB and leaves ESP's upper half
 * (SDM vol. 1, 6.2.3 and vol. 3, 6.12.1). Exception delivery, PUSHAD, ENTER and LEAVE follow it.
 */
class StackAddressSizeTest {
    @Test
    void interruptOntoASixteenBitStackWrapsSpAndKeepsTheUpperHalfOfEsp() {
        Harness16 h = new Harness16().code("int $0x40\nafter:");
        h.cpu.setReg(ESP, 0x12340004);
        h.run();
        assertEquals(0x40, h.vector());
        assertEquals(0x1234FFF8, h.reg(ESP), "three dwords below SP 4, wrapped");
        assertEquals(h.label("after"), h.stackDword(0xFFF8), "EIP");
        assertEquals(Harness16.CODE16, h.stackDword(0xFFFC), "CS");
        assertEquals(2, h.stackDword(0) & 0x2, "EFLAGS at SP 0");
    }

    @Test
    void exceptionWithErrorCodeOntoASixteenBitStackWraps() {
        Harness16 h = new Harness16().code("mov $0x28,%ax\nfault: mov %ax,%ds");
        h.cpu.setReg(ESP, 0x8);
        h.run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0xFFF8, h.reg(ESP), "four dwords below SP 8, wrapped");
        assertEquals(0x28, h.stackDword(0xFFF8), "error code: the TSS selector");
        assertEquals(h.label("fault"), h.stackDword(0xFFFC), "EIP");
        assertEquals(Harness16.CODE16, h.stackDword(0), "CS");
    }

    @Test
    void interruptFromRing3OntoASixteenBitSs0WrapsSp() {
        Harness16 h = new Harness16();
        h.h.mem.write32(CpuHarness.TSS + 4, 0x0008); // ESP0
        h.h.mem.write32(CpuHarness.TSS + 8, Harness16.STACK16); // SS0: the 16-bit stack (B=0)
        h.code("int $0x80\nafter:").enterRing3().run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(Harness16.STACK16, h.cpu.segSelector(Cpu.SS));
        assertEquals(0xFFF4, h.reg(ESP) & 0xFFFF, "five dwords below SP 8, wrapped");
        assertEquals(h.label("after"), h.stackDword(0xFFF4), "EIP");
        assertEquals(Harness16.CODE16_RING3, h.stackDword(0xFFF8), "CS");
        assertEquals(Harness16.SP_TOP, h.stackDword(0), "ESP of ring 3");
        assertEquals(Harness16.DATA16_RING3, h.stackDword(4), "SS of ring 3");
    }

    @Test
    void pushadOnASixteenBitStackWrapsSpAndStoresTheWholeEsp() {
        Harness16 h = new Harness16().code("pushal").set(EAX, 1).set(ECX, 2).set(EDX, 3).set(EBX, 4).set(EBP, 6).set(ESI, 7)
                .set(EDI, 8);
        h.cpu.setReg(ESP, 0x12340010);
        h.run();
        assertEquals(0x1234FFF0, h.reg(ESP));
        int[] want = {8, 7, 6, 0x12340010, 4, 3, 2, 1};
        for (int k = 0; k < 8; k++) assertEquals(want[k], h.stackDword((0xFFF0 + 4 * k) & 0xFFFF), "slot " + k);
    }

    @Test
    void popadOnASixteenBitStackWrapsSp() {
        Harness16 h = new Harness16().code("pushal\n xor %eax,%eax\n xor %edi,%edi\n popal").set(EAX, 0x11111111).set(EDI, 0x88888888);
        h.cpu.setReg(ESP, 0x12340010);
        h.run();
        assertEquals(0x12340010, h.reg(ESP));
        assertEquals(0x11111111, h.reg(EAX));
        assertEquals(0x88888888, h.reg(EDI));
    }

    @Test
    void enterOnASixteenBitStackMovesOnlySpAndSetsEbpFromSp() {
        Harness16 h = new Harness16().code("enterl $8,$0").set(EBP, 0x9ABC1111);
        h.cpu.setReg(ESP, 0x56780004);
        h.run();
        assertEquals(0x9ABC1111, h.stackDword(0), "old EBP pushed as a dword at SP 0");
        assertEquals(0, h.reg(EBP), "32-bit operand size: EBP = the SP after the push, zero-extended (SDM vol. 2, ENTER; as QEMU)");
        assertEquals(0x5678FFF8, h.reg(ESP), "SP wrapped below 0 by the frame size");
    }

    @Test
    void leaveOnASixteenBitStackCopiesBpToSpOnly() {
        Harness16 h = new Harness16().code("enterl $8,$0\n leavel").set(EBP, 0x9ABC1111);
        h.cpu.setReg(ESP, 0x56780004);
        h.run();
        assertEquals(0x9ABC1111, h.reg(EBP));
        assertEquals(0x56780004, h.reg(ESP));
    }

    @Test
    void enterWithANestingLevelOnASixteenBitStackCopiesFramePointersThroughBp() {
        Harness16 h = new Harness16().code("enterl $4,$2").set(EBP, 0x00000100);
        h.cpu.setReg(ESP, 0x00000008);
        h.h.mem.write32(Harness16.SS_BASE + 0xFC, 0xCAFEF00D); // the outer frame pointer at BP - 4
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(0x100, h.stackDword(4), "old EBP");
        assertEquals(0xCAFEF00D, h.stackDword(0), "copied from BP - 4");
        assertEquals(4, h.stackDword(0xFFFC), "the new frame pointer, pushed at the wrapped SP");
        assertEquals(4, h.reg(EBP));
        assertEquals(0xFFF8, h.reg(ESP));
    }

    /** An expand-down stack segment at 0x70000 with limit 0xFFF and the given B bit, loaded into SS with ESP {@code esp}. */
    private static CpuHarness expandDownStack(boolean big, int esp, String code) {
        return new CpuHarness().gdt(6, CpuHarness.descriptor(0x70000, 0xFFF, 0x96, big ? 0x4 : 0x0))
                .code("mov $0x30,%ax\n mov %ax,%ss\n mov $" + esp + ",%esp\n" + code);
    }

    @Test
    void expandDownStackWithBClearEndsAt64KiB() {
        CpuHarness h = expandDownStack(false, 0x8000, "movl $1,%ss:0xFFFC\nfault: movl $1,%ss:0xFFFE").run();
        assertEquals(CpuException.SS, h.vector());
        assertEquals(0, h.stack(0), "error code");
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void expandDownStackWithBSetReachesAbove64KiB() {
        CpuHarness h = expandDownStack(true, 0x20000, "movl $0x77,%ss:0xFFFE\n push $0x55").run();
        assertEquals(-1, h.vector());
        assertEquals(0x77, h.mem.read32(0x7FFFE));
        assertEquals(0x55, h.mem.read32(0x70000 + 0x1FFFC));
    }

    @Test
    void pushAtSpZeroOnAnExpandDownStackWithBClearWrapsToTheTop() {
        CpuHarness h = expandDownStack(false, 0, "push $0x55").run();
        assertEquals(-1, h.vector());
        assertEquals(0xFFFC, h.reg(ESP));
        assertEquals(0x55, h.mem.read32(0x70000 + 0xFFFC));
    }

    @Test
    void callGateFromRing3OntoASixteenBitSs0WrapsSp() {
        Harness16 h = new Harness16();
        h.h.mem.write32(CpuHarness.TSS + 4, 0x0004); // ESP0
        h.h.mem.write32(CpuHarness.TSS + 8, Harness16.STACK16); // SS0: the 16-bit stack (B=0)
        h.code("lcall $0x63,$0\nback: nop\ntarget: hlt").enterRing3();
        h.h.gdt(12, CpuHarness.callGate(Harness16.CODE16, h.label("target"), 3, 0)); // a 32-bit call gate
        h.run();
        assertEquals(-1, h.vector());
        assertEquals(0, h.cpu.cpl());
        assertEquals(0xFFF4, h.reg(ESP) & 0xFFFF, "four dwords below SP 4, wrapped");
        assertEquals(h.label("back"), h.stackDword(0xFFF4), "EIP");
        assertEquals(Harness16.CODE16_RING3, h.stackDword(0xFFF8), "CS");
        assertEquals(Harness16.SP_TOP, h.stackDword(0xFFFC), "ESP of ring 3");
        assertEquals(Harness16.DATA16_RING3, h.stackDword(0), "SS of ring 3");
    }

    @Test
    void farCallWhoseSecondSlotFaultsWritesNothing() {
        CpuHarness h = new CpuHarness().gdt(6, CpuHarness.descriptor(0x70000, 0xFFF, 0xF6, 0x4)); // expand-down, DPL 3
        h.code("jmp start\ntarget: lret\nstart: " + CpuHarness.RING3
                + "mov $0x33,%ax\n mov %ax,%ss\n mov $0x1004,%esp\nfault: lcall $0x1b,$target");
        h.mem.write32(0x71000, 0xDEADBEEF);
        h.run();
        assertEquals(CpuException.SS, h.vector(), "the EIP slot at 0xFFC is at the limit of the expand-down stack");
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x1004, h.stack(4), "the caller's ESP");
        assertEquals(0xDEADBEEF, h.mem.read32(0x71000), "the CS slot, which passed the checks, was not written");
    }
}
