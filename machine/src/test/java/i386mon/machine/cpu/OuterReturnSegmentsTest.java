package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What a RETF or IRET to an outer privilege level does to DS/ES/FS/GS: a register holding a data or
 * non-conforming code segment whose DPL is below the new CPL becomes null; the return itself does
 * not fault (SDM vol. 2, RET and IRET: RETURN-TO-OUTER-PRIVILEGE-LEVEL). Conforming code segments
 * and segments the new CPL may use stay, whatever their selector's RPL.
 */
class OuterReturnSegmentsTest {
    /** GDT index 6: conforming readable ring-0 code. */
    private static final long CONFORMING_CODE = descriptor(0, 0xFFFFF, 0x9E, 0xC);

    /** Ring 0 loads DS=0x08 (non-conforming readable ring-0 code), ES=0x30, FS=0x20 (ring-3 data, RPL 0), GS=0x10. */
    private static final String LOAD = "mov $0x08,%ax\n mov %ax,%ds\n mov $0x30,%ax\n mov %ax,%es\n"
            + " mov $0x20,%ax\n mov %ax,%fs\n mov $0x10,%ax\n mov %ax,%gs\n";

    /** Ring 3 records DS, ES, FS, GS in ESI, EDI, EBX, EBP and stops. */
    private static final String RECORD = "mov %ds,%esi\n mov %es,%edi\n mov %fs,%ebx\n mov %gs,%ebp\n int $0x80";

    private static void assertOuterLevelSegments(CpuHarness h) {
        assertEquals(CpuHarness.USER_VECTOR, h.vector(), "the return did not fault");
        assertEquals(0x1b, h.stack(1), "the INT came from ring 3");
        assertEquals(0, h.reg(Cpu.ESI), "DS: non-conforming code of DPL 0 is nulled");
        assertEquals(0x30, h.reg(Cpu.EDI), "ES: conforming code stays");
        assertEquals(0x20, h.reg(Cpu.EBX), "FS: DPL 3 data stays although its RPL is 0");
        assertEquals(0, h.reg(Cpu.EBP), "GS: data of DPL 0 is nulled");
    }

    @Test
    void retfToRing3NullsOnlySegmentsTheNewCplMayNotUse() {
        CpuHarness h = new CpuHarness().gdt(6, CONFORMING_CODE)
                .code(LOAD + "push $0x23\n push $0x87000\n push $0x1b\n push $r3\n lret\nr3: " + RECORD).run();
        assertOuterLevelSegments(h);
    }

    @Test
    void iretToRing3NullsOnlySegmentsTheNewCplMayNotUse() {
        CpuHarness h = new CpuHarness().gdt(6, CONFORMING_CODE)
                .code(LOAD + "push $0x23\n push $0x87000\n pushf\n push $0x1b\n push $r3\n iret\nr3: " + RECORD).run();
        assertOuterLevelSegments(h);
    }

    @Test
    void nulledSegmentKeepsNoAccessRights() {
        CpuHarness h = new CpuHarness().code("push $0x23\n push $0x87000\n push $0x1b\n push $r3\n lret\nr3: int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0, h.cpu.segFlags(Cpu.DS) & 0x8000, "DS unusable: its cache is not present");
    }

    @Test
    void returnToTheSameLevelKeepsEverySegment() {
        CpuHarness h = new CpuHarness().gdt(6, CONFORMING_CODE)
                .code(LOAD + "push %cs\n push $back\n lret\nback: " + RECORD.replace("int $0x80", "nop")).run();
        assertEquals(0x08, h.reg(Cpu.ESI));
        assertEquals(0x30, h.reg(Cpu.EDI));
        assertEquals(0x20, h.reg(Cpu.EBX));
        assertEquals(0x10, h.reg(Cpu.EBP));
    }
}
