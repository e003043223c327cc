package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** Exceptions during delivery: double fault, triple fault (shutdown), serial handling (SDM vol. 3, 6.15 int 8, table 6-5). */
class DoubleFaultTest {
    private static final int TOP = CpuHarness.STACK_TOP;

    @Test
    void gpWhoseGateSelectorIsBeyondTheGdtBecomesADoubleFault() {
        CpuHarness h = new CpuHarness().setGateSelector(CpuException.GP, 0x400)
                .code("xor %eax,%eax\nfault: .byte 0x0f,0x22,0xc8").run(); // mov %eax,%cr1
        assertEquals(CpuException.UD, h.vector(), "MOV to CR1 is #UD: benign, so its handler runs");
        h = new CpuHarness().setGateSelector(CpuException.GP, 0x400).code("xor %eax,%eax\n mov $0x403,%bx\nfault: mov %bx,%ds").run();
        assertEquals(CpuException.DF, h.vector());
        assertEquals(TOP - 16, h.reg(Cpu.ESP));
        assertEquals(0, h.stack(0), "#DF error code");
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x08, h.stack(2));
    }

    @Test
    void pageFaultWhoseGateIsNotPresentBecomesADoubleFault() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000).setGateNotPresent(CpuException.PF)
                .code("xor %eax,%eax\nfault: mov 0x80000,%eax").run();
        assertEquals(CpuException.DF, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x80000, h.cpu.cr2());
    }

    @Test
    void benignExceptionWhoseGateIsNotPresentIsFollowedSeriallyByNp() {
        CpuHarness h = new CpuHarness().setGateNotPresent(CpuException.UD).code("xor %eax,%eax\nfault: ud2").run();
        assertEquals(CpuException.NP, h.vector());
        assertEquals(CpuException.UD * 8 + 2 + 1, h.stack(0), "IDT bit and EXT in the error code");
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void softwareIntWhoseGateIsNotPresentIsNpWithoutExt() {
        CpuHarness h = new CpuHarness().setGateNotPresent(0x40).code("xor %eax,%eax\nfault: int $0x40").run();
        assertEquals(CpuException.NP, h.vector());
        assertEquals(0x40 * 8 + 2, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void pageFaultPushingOntoAnUnmappedStackShutsDownKeepingTheState() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000).unmap(TOP - 4)
                .code("mov $0x1234,%ebx\nfault: mov 0x80000,%eax").run();
        assertTrue(h.cpu.shutdown());
        assertEquals(Cpu.Stop.SHUTDOWN, h.cpu.stopReason());
        assertArrayEquals(new int[] {14, 8, 14}, h.cpu.faultChain());
        assertEquals(h.label("fault"), h.cpu.eip(), "EIP at the faulting instruction");
        assertEquals(TOP, h.reg(Cpu.ESP), "ESP untouched");
        assertEquals(0x1234, h.reg(Cpu.EBX));
        assertEquals(-1, h.vector(), "no handler ran");
    }

    @Test
    void tripleFaultChainListsPageFaultDoubleFaultAndGp() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000)
                .setGateSelector(CpuException.PF, 0x400).setGateSelector(CpuException.DF, 0x400)
                .code("xor %eax,%eax\nfault: mov 0x80000,%eax").run();
        assertTrue(h.cpu.shutdown());
        assertArrayEquals(new int[] {14, 8, 13}, h.cpu.faultChain());
        assertEquals(CpuException.GP, h.cpu.lastException().vector);
        assertEquals(0x401, h.cpu.lastException().errorCode, "selector with EXT");
        assertEquals(h.label("fault"), h.cpu.eip());
    }

    @Test
    void benignThenContributoryThenDoubleFaultFailureShutsDownAfterFourSteps() {
        CpuHarness h = new CpuHarness().setGateNotPresent(CpuException.UD).setGateNotPresent(CpuException.NP)
                .setGateNotPresent(CpuException.DF).code("xor %eax,%eax\nfault: ud2").run();
        assertTrue(h.cpu.shutdown());
        assertArrayEquals(new int[] {6, 11, 8, 11}, h.cpu.faultChain());
        assertEquals(h.label("fault"), h.cpu.eip());
    }

    @Test
    void shutdownStaysStoppedWhenRunAgain() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000).unmap(TOP - 4).code("fault: mov 0x80000,%eax").run();
        long n = h.cpu.run(100);
        assertEquals(0, n);
        assertEquals(Cpu.Stop.SHUTDOWN, h.cpu.stopReason());
        assertEquals(h.label("fault"), h.cpu.eip());
    }

    @Test
    void badSs0OnAPrivilegeChangeEndsInTripleFault() {
        CpuHarness h = new CpuHarness();
        h.mem.write32(CpuHarness.TSS + 8, 0x08);
        h.code(CpuHarness.RING3 + "fault: int $0x80").run();
        assertTrue(h.cpu.shutdown());
        assertArrayEquals(new int[] {10, 8, 10}, h.cpu.faultChain());
        assertEquals(h.label("fault"), h.cpu.eip());
        assertEquals(3, h.cpu.cpl());
    }

    @Test
    void catchpointStopsBeforeDeliveryWithCr2Set() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000);
        h.cpu.setCatch(CpuException.PF, true);
        h.code("xor %eax,%eax\nfault: movl $7,0x80008").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.PF, h.cpu.lastException().vector);
        assertEquals(2, h.cpu.lastException().errorCode);
        assertEquals(0x80008, h.cpu.cr2());
        assertEquals(h.label("fault"), h.cpu.eip());
        assertEquals(h.label("fault"), h.cpu.lastExceptionEip());
        assertEquals(TOP, h.reg(Cpu.ESP), "nothing pushed");
        assertEquals(-1, h.vector(), "handler not run");
    }

    @Test
    void resumingAfterACatchpointDeliversTheException() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000);
        h.cpu.setCatch(CpuException.PF, true);
        h.code("xor %eax,%eax\nfault: movl $7,0x80008").run();
        h.run();
        assertEquals(CpuException.PF, h.vector());
        assertEquals(2, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertFalse(h.cpu.shutdown());
    }

    @Test
    void catchpointStopRetiresNothing() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000);
        h.cpu.setCatch(CpuException.PF, true);
        h.code("nop\n movl $7,0x80008");
        assertEquals(1, h.cpu.run(100), "only the NOP retired");
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
    }

    @Test
    void catchpointOnANonExceptionVectorIsRejected() {
        CpuHarness h = new CpuHarness();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.cpu.setCatch(0x4E, true));
        assertTrue(e.getMessage().contains("0-31"));
    }

    @Test
    void clearedCatchpointDoesNotStop() {
        CpuHarness h = new CpuHarness().paging().unmap(0x80000);
        h.cpu.setCatch(CpuException.PF, true);
        h.cpu.setCatch(CpuException.PF, false);
        h.code("fault: movl $7,0x80008").run();
        assertEquals(CpuException.PF, h.vector());
    }
    @Test
    void catchpointOnDoubleFaultStopsBeforeDeliveringIt() {
        CpuHarness h = new CpuHarness().setGateSelector(CpuException.GP, 0x400);
        h.cpu.setCatch(CpuException.DF, true);
        h.code("mov $0x403,%bx\nfault: mov %bx,%ds").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.DF, h.cpu.lastException().vector);
        assertEquals(0, h.cpu.lastException().errorCode);
        assertEquals(h.label("fault"), h.cpu.eip());
        assertEquals(-1, h.vector());
        h.run();
        assertEquals(CpuException.DF, h.vector(), "resuming delivers the #DF");
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void chainContinuesAcrossACatchpointIntoATripleFault() {
        CpuHarness h = new CpuHarness().setGateSelector(CpuException.GP, 0x400).setGateSelector(CpuException.DF, 0x400);
        h.cpu.setCatch(CpuException.GP, true);
        h.code("mov $0x403,%bx\nfault: mov %bx,%ds").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(0x400, h.cpu.lastException().errorCode);
        h.run();
        assertTrue(h.cpu.shutdown());
        assertArrayEquals(new int[] {13, 8, 13}, h.cpu.faultChain());
    }

    @Test
    void catchpointOnTheSerialExceptionStopsBeforeIt() {
        CpuHarness h = new CpuHarness().setGateNotPresent(CpuException.UD);
        h.cpu.setCatch(CpuException.NP, true);
        h.code("fault: ud2").run();
        assertEquals(Cpu.Stop.EXCEPTION, h.cpu.stopReason());
        assertEquals(CpuException.NP, h.cpu.lastException().vector);
        assertEquals(CpuException.UD * 8 + 3, h.cpu.lastException().errorCode);
        assertArrayEquals(new int[] {6, 11}, h.cpu.faultChain());
    }
}
