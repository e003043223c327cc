package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** fault=ADDR[,write][,user]: the #PF handler's report, then a panic. */
class FaultScenarioTest {

    private static QemuRunner.Result run(String fault) {
        return QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=" + fault + " exit");
    }

    @Test
    void supervisorWriteToAnUnmappedPageReportsNotPresentWriteSupervisor() {
        QemuRunner.Result r = run("fault=0x2000000,write");
        assertEquals(0x12, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("fault: writing 0x02000000 from ring 0"), r::toString);
        assertTrue(r.find("pf: cr2=0x02000000 eip=0x001[0-9a-f]{5} err=0x2 \\(not-present, write, supervisor\\)")
                .isPresent(), r::toString);
        assertTrue(r.hasLine("panic: page fault at 0x02000000"), r::toString);
    }

    @Test
    void supervisorReadOfAnUnmappedPageReportsNotPresentRead() {
        QemuRunner.Result r = run("fault=0x12345678");
        assertEquals(0x12, r.debugExitCode(), r::toString);
        assertTrue(r.find("pf: cr2=0x12345678 eip=0x[0-9a-f]{8} err=0x0 \\(not-present, read, supervisor\\)")
                .isPresent(), r::toString);
    }

    @Test
    void userReadOfAKernelPageReportsAProtectionFault() {
        QemuRunner.Result r = run("fault=0x100000,user");
        assertEquals(0x12, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("fault: reading 0x00100000 from ring 3"), r::toString);
        assertTrue(r.find("pf: cr2=0x00100000 eip=0x4000[0-9a-f]{4} err=0x5 \\(present, read, user\\)").isPresent(),
                r::toString);
    }

    @Test
    void userWriteToItsReadOnlyCodePageReportsPresentWriteUser() {
        QemuRunner.Result r = run("fault=0x40000000,write,user");
        assertEquals(0x12, r.debugExitCode(), r::toString);
        assertTrue(r.find("pf: cr2=0x40000000 eip=0x4000[0-9a-f]{4} err=0x7 \\(present, write, user\\)").isPresent(),
                r::toString);
    }

    @Test
    void anIdtWithLimitZeroTripleFaultsAndQemuShutsDown() {
        QemuRunner.Result r = QemuRunner.bootBundled(KernelImages.DEFAULT, "scenario=triple exit");
        assertEquals(0, r.exitStatus(), r::toString);
        assertTrue(!r.timedOut(), r::toString);
        assertTrue(r.hasLine("triple: loading an IDT with limit 0, then reading unmapped 0xd0000000"), r::toString);
        assertTrue(r.find("done:.*").isEmpty(), r::toString);
    }

    @Test
    void faultOnAMappedAddressIsReportedAsAFailure() {
        QemuRunner.Result r = run("fault=0x200000");
        assertEquals(0x11, r.debugExitCode(), r::toString);
        assertTrue(r.hasLine("fault: no page fault: 0x00200000 is mapped"), r::toString);
    }
}
