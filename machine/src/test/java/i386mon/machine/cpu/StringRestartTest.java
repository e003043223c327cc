package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** A REP string instruction that faults in mid-string keeps the iterations done and restarts (SDM vol. 2, REP). */
class StringRestartTest {
    private static final int SRC = 0x70000, DST = 0x80FF0, UNMAPPED = 0x81000;

    private static CpuHarness harness(String code) {
        CpuHarness h = new CpuHarness().paging().unmap(UNMAPPED);
        for (int k = 0; k < 8; k++) h.mem.write32(SRC + 4L * k, 0x1000 + k);
        return h.code(code);
    }

    @Test
    void repMovsdFaultingOnTheDestinationLeavesTheDoneIterations() {
        CpuHarness h = harness("mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n mov $8,%ecx\n cld\nfault: rep movsl").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(UNMAPPED, h.cpu.cr2());
        assertEquals(2, h.stack(0), "supervisor write to a not-present page");
        assertEquals(h.label("fault"), h.stack(1), "EIP at the REP MOVSD");
        assertEquals(4, h.reg(Cpu.ECX));
        assertEquals(SRC + 16, h.reg(Cpu.ESI));
        assertEquals(UNMAPPED, h.reg(Cpu.EDI));
        assertEquals(0x1003, h.mem.read32(DST + 12), "the fourth dword was copied");
    }

    @Test
    void repMovsdCompletesAfterTheHandlerMapsThePage() {
        int pte = CpuHarness.PAGE_TABLE + 4 * (UNMAPPED >>> 12);
        CpuHarness h = harness("jmp start\npf: inc %ebp\n movl $" + (UNMAPPED | 7) + "," + pte + "\n invlpg " + UNMAPPED
                + "\n add $4,%esp\n iret\nstart: xor %ebp,%ebp\n mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n mov $8,%ecx\n cld\n rep movsl");
        h.setGate(CpuException.PF, h.label("pf"), 0).run();
        assertEquals(-1, h.vector());
        assertEquals(1, h.reg(Cpu.EBP), "one page fault");
        assertEquals(0, h.reg(Cpu.ECX));
        assertEquals(SRC + 32, h.reg(Cpu.ESI));
        assertEquals(DST + 32, h.reg(Cpu.EDI));
        for (int k = 0; k < 8; k++) assertEquals(0x1000 + k, h.mem.read32(DST + 4L * k));
    }

    @Test
    void repStosdWhoseFirstStoreFaultsChangesNothing() {
        CpuHarness h = harness("mov $" + (UNMAPPED + 8) + ",%edi\n mov $6,%ecx\n mov $0xAB,%eax\n std\nfault: rep stosl").run();
        // UNMAPPED+8, +4, +0 are in the unmapped page: the very first store faults.
        assertEquals(CpuException.PF, h.vector());
        assertEquals(6, h.reg(Cpu.ECX));
        assertEquals(UNMAPPED + 8, h.reg(Cpu.EDI));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void repStosdBackwardsIntoAnUnmappedPageStopsAtItsTop() {
        CpuHarness h = harness("mov $" + (UNMAPPED + 0x1008) + ",%edi\n mov $6,%ecx\n mov $0xAB,%eax\n std\nfault: rep stosl").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(UNMAPPED + 0xFFC, h.cpu.cr2());
        assertEquals(3, h.reg(Cpu.ECX), "three stores done at +8, +4, +0 of the next page");
        assertEquals(UNMAPPED + 0xFFC, h.reg(Cpu.EDI));
        assertEquals(0xAB, h.mem.read32(UNMAPPED + 0x1000));
    }

    @Test
    void repMovsbFaultingOnTheSourceRestartsAtTheByte() {
        CpuHarness h = harness("mov $" + (UNMAPPED - 3) + ",%esi\n mov $0x90000,%edi\n mov $10,%ecx\n cld\nfault: rep movsb").run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(0, h.stack(0), "supervisor read of a not-present page");
        assertEquals(7, h.reg(Cpu.ECX));
        assertEquals(UNMAPPED, h.reg(Cpu.ESI));
        assertEquals(0x90003, h.reg(Cpu.EDI));
    }
}
