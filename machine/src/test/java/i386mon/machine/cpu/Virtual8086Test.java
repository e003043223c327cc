package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import i386mon.machine.io.IoDevice;
import org.junit.jupiter.api.Test;

/**
 * Virtual-8086 mode (SDM vol. 3, ch. 20): entry by IRET from ring 0, 8086 segment loads, the V86
 * frame of an interrupt or exception on the ring-0 stack, the IOPL-sensitive instructions, I/O
 * through the TSS bitmap whatever IOPL is, IRET inside V86, and entry by a task switch.
 */
class Virtual8086Test {
    /** V86 code runs with CS 0x1000 (base {@link CpuHarness#CODE}), SS:SP 0x1800:0xFFF0, DS 0x2000. */
    private static final int V86_CS = CpuHarness.CODE >>> 4, V86_SS = 0x1800, V86_SP = 0xFFF0, V86_DS = 0x2000;

    /** 32-bit ring-0 code entering V86 at label {@code v86} with EFLAGS {@code flags}; 16-bit code follows. */
    private static String enter(int flags) {
        return "start: push $0x0\n push $0x0\n push $" + V86_DS + "\n push $0x0\n push $" + V86_SS + "\n push $" + V86_SP + "\n"
                + " push $" + (flags | Cpu.VM | 2) + "\n push $" + V86_CS + "\n push $(v86 - " + CpuHarness.CODE + ")\n iret\n"
                + ".code16\nv86:\n";
    }

    private static CpuHarness run(int flags, String v86Code) {
        return new CpuHarness().code(enter(flags) + v86Code).run();
    }

    private static int ip(CpuHarness h, String label) { return h.label(label) - CpuHarness.CODE; }

    /** The V86 exception frame on the ring-0 stack: error code, IP, CS, EFLAGS, SP, SS, ES, DS, FS, GS. */
    private static void assertGpFrom(CpuHarness h, String label) {
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0), "error code");
        assertEquals(ip(h, label), h.stack(1), "IP");
        assertEquals(V86_CS, h.stack(2), "CS");
        assertTrue((h.stack(3) & Cpu.VM) != 0, "EFLAGS with VM");
    }

    @Test
    void iretWithVmFromRingZeroEntersV86WithEightySixSegments() {
        CpuHarness h = run(0, "mov $0x1234,%ax\n mov %ax,%es\nstop: hlt");
        // HLT is privileged (CPL 3): the #GP frame tells the V86 state, and ES loaded as 0x1234 << 4.
        assertGpFrom(h, "stop");
        assertEquals(V86_SP, h.stack(4), "SP");
        assertEquals(V86_SS, h.stack(5), "SS");
        assertEquals(0x1234, h.stack(6), "ES");
        assertEquals(V86_DS, h.stack(7), "DS");
        assertEquals(0, h.stack(8), "FS");
        assertEquals(0, h.stack(9), "GS");
    }

    @Test
    void deliveryFromV86NullsTheDataSegmentsAndClearsVm() {
        CpuHarness h = run(0, "stop: hlt");
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.cpu.segSelector(Cpu.ES));
        assertEquals(0, h.cpu.segFlags(Cpu.FS) & 0x8000, "FS unusable");
        assertEquals(0, h.flags() & Cpu.VM);
        assertEquals(CpuHarness.RING0_STACK_TOP - 40, h.reg(Cpu.ESP), "ten dwords on the ring-0 stack from the TSS");
    }

    @Test
    void segmentLoadsUseTheSelectorTimesSixteen() {
        CpuHarness h = new CpuHarness().code(enter(0) + "mov $0x1234,%ax\n mov %ax,%ds\n mov (0x10),%bx\nstop: hlt");
        h.mem.write16(0x12350, 0xBEEF);
        h.run();
        assertEquals(0xBEEF, h.reg(Cpu.EBX) & 0xFFFF, "DS base 0x12340");
    }

    @Test
    void selectorZeroIsAnOrdinarySegmentInV86() {
        CpuHarness h = new CpuHarness().code(enter(0) + "xor %ax,%ax\n mov %ax,%ds\n mov (0x600),%bx\nstop: hlt");
        h.mem.write16(0x600, 0x4321);
        h.run();
        assertEquals(0x4321, h.reg(Cpu.EBX) & 0xFFFF);
        assertGpFrom(h, "stop");
    }

    @Test
    void cliBelowIopl3IsGpZero() { assertGpFrom(run(0, "stop: cli"), "stop"); }

    @Test
    void stiBelowIopl3IsGpZero() { assertGpFrom(run(0, "stop: sti"), "stop"); }

    @Test
    void pushfBelowIopl3IsGpZero() { assertGpFrom(run(0, "stop: pushf"), "stop"); }

    @Test
    void popfBelowIopl3IsGpZero() { assertGpFrom(run(0, "push $0\nstop: popf"), "stop"); }

    @Test
    void intNBelowIopl3IsGpZero() {
        CpuHarness h = new CpuHarness().setGateDpl(0x21, 3).code(enter(0) + "stop: int $0x21");
        assertGpFrom(h.run(), "stop");
    }

    @Test
    void iretBelowIopl3IsGpZero() { assertGpFrom(run(0, "stop: iret"), "stop"); }

    @Test
    void int3IsNotIoplSensitiveAndChecksTheGateDpl() {
        CpuHarness h = run(0, "int3");
        assertEquals(CpuException.GP, h.vector());
        assertEquals(3 * 8 | 2, h.stack(0), "the gate's DPL 0 refuses CPL 3");
    }

    @Test
    void atIopl3TheSensitiveInstructionsRun() {
        CpuHarness h = run(Cpu.IOPL, "cli\n pushf\n pop %bx\n sti\n push %bx\n popf\nstop: hlt");
        assertGpFrom(h, "stop");
        assertEquals(0, h.reg(Cpu.EBX) & Cpu.IF, "PUSHF saw IF clear after CLI");
        assertEquals(Cpu.IOPL, h.stack(3) & Cpu.IOPL);
    }

    @Test
    void intNAtIopl3GoesThroughTheIdtToRingZero() {
        CpuHarness h = new CpuHarness().setGateDpl(0x21, 3).code(enter(Cpu.IOPL) + "int $0x21\nafter: hlt").run();
        assertEquals(0x21, h.vector());
        assertEquals(ip(h, "after"), h.stack(0), "IP after INT (no error code)");
        assertEquals(V86_CS, h.stack(1));
        assertEquals(V86_DS, h.stack(6), "DS on the frame");
    }

    @Test
    void iretAtIopl3PopsIpCsAndFlagsButNotIopl() {
        String code = "pushw $0x0202\n pushw $" + V86_CS + "\n pushw $(back - start)\n iret\n"
                + "back: pushf\n pop %bx\nstop: hlt";
        CpuHarness h = run(Cpu.IOPL, code);
        assertGpFrom(h, "stop");
        assertEquals(Cpu.IOPL | Cpu.IF, h.reg(Cpu.EBX) & (Cpu.IOPL | Cpu.IF), "IF from the frame, IOPL kept");
    }

    @Test
    void farJumpLoadsCsAsAnEightySixSegment() {
        CpuHarness h = run(0, "ljmp $0x1001,$(there - start - 0x10)\n hlt\nthere: mov $1,%cx\nstop: hlt");
        assertEquals(1, h.reg(Cpu.ECX) & 0xFFFF);
        assertEquals(0x1001, h.stack(2), "CS");
    }

    @Test
    void farCallAndRetfUseCsIpOnTheSixteenBitStack() {
        CpuHarness h = run(0, "lcall $0x1000,$(sub - start)\nstop: hlt\nsub: mov %sp,%cx\n lret");
        assertGpFrom(h, "stop");
        assertEquals(V86_SP - 4, h.reg(Cpu.ECX) & 0xFFFF, "CS and IP pushed as words");
        assertEquals(V86_SP, h.stack(4), "RETF popped them");
    }

    @Test
    void outGoesThroughTheIoBitmapEvenAtIopl3() {
        CpuHarness h = new CpuHarness();
        h.mem.write16(CpuHarness.TSS + 0x66, 0x68);
        h.gdt(5, CpuHarness.descriptor(CpuHarness.TSS, 0x68 + 0x20, 0x8B, 0)); // room for ports 0-0xFF, busy (TR)
        h.cpu.setReg(Cpu.ESP, CpuHarness.STACK_TOP);
        for (int k = 0; k < 0x20; k++) h.mem.write8(CpuHarness.TSS + 0x68 + k, 0xFF);
        h.mem.write8(CpuHarness.TSS + 0x68 + 0x60 / 8, 0xFE); // port 0x60 allowed
        int[] seen = {-1};
        h.io.register(0x60, 2, new IoDevice() {
            @Override
            public int in(int port, int size) { return 0; }

            @Override
            public void out(int port, int size, int value) { seen[0] = value; }
        });
        h.startState().code(enter(Cpu.IOPL) + "mov $0x5a,%al\n out %al,$0x60\nstop: out %al,$0x61").run();
        assertEquals(0x5a, seen[0], "the allowed port");
        assertGpFrom(h, "stop");
    }

    @Test
    void sldtIsUndefinedInV86() {
        CpuHarness h = run(0, "sldt %ax");
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void lldtIsUndefinedInV86BeforeTheCplCheck() {
        CpuHarness h = run(0, "lldt %ax");
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void arplIsUndefinedInV86() {
        CpuHarness h = run(0, "arpl %ax,%bx");
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void larIsUndefinedInV86() {
        CpuHarness h = run(0, "lar %ax,%bx");
        assertEquals(CpuException.UD, h.vector());
    }

    @Test
    void aTaskSwitchToATssWithVmEntersV86() {
        CpuHarness h = new CpuHarness().code("ljmp $0x30,$0\n.code16\nv86: mov %ds,%bx\nstop: hlt");
        int tss = 0x7000;
        h.gdt(6, CpuHarness.descriptor(tss, 0x67, 0x89, 0));
        h.mem.write32(tss + 4, CpuHarness.RING0_STACK_TOP);
        h.mem.write32(tss + 8, 0x10);
        h.mem.write32(tss + 0x20, h.label("v86") - CpuHarness.CODE);
        h.mem.write32(tss + 0x24, Cpu.VM | 2);
        h.mem.write32(tss + 0x28 + 4 * Cpu.ESP, V86_SP);
        int[] segs = {0, V86_CS, V86_SS, 0x4321, 0, 0};
        for (int s = 0; s < 6; s++) h.mem.write16(tss + 0x48 + 4 * s, segs[s]);
        h.run();
        assertGpFrom(h, "stop");
        assertEquals(0x4321, h.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x4321, h.stack(7), "DS on the frame");
    }
}
