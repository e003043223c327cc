package i386mon.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.debug.StopReason;
import org.junit.jupiter.api.Test;

/**
 * Several CPUs on one board: application processors wait for INIT/SIPI and start in real mode at
 * the startup vector, IPIs reach the CPUs they name (and nothing when none has that APIC ID), CPUs
 * take turns in quanta so HLT on one does not stop the others, LOCK makes a read-modify-write
 * atomic where a plain one loses updates, code one CPU writes is what another runs, and a step
 * runs the selected CPU alone. The guest code here is real-mode code (an AP starts in real mode;
 * the BSP is put there too), so the same bytes run on both.
 */
class SmpTest {
    private static final long ICR_LOW = 0xFEE00300L, ICR_HIGH = 0xFEE00310L;
    private static final int COUNTER = 0x7000, CODE = 0x8000, STARTUP_VECTOR = CODE >>> 12;

    // mov cx,1000; L: lock inc dword [0x7000]; loop L; hlt
    private static final byte[] LOCKED_LOOP = bytes(0xB9, 0xE8, 0x03, 0xF0, 0x66, 0xFF, 0x06, 0x00, 0x70, 0xE2, 0xF8, 0xF4);
    // mov cx,1000; L: mov eax,[0x7000]; inc eax; mov [0x7000],eax; loop L; hlt
    private static final byte[] PLAIN_LOOP = bytes(0xB9, 0xE8, 0x03, 0x66, 0xA1, 0x00, 0x70, 0x66, 0x40, 0x66, 0xA3, 0x00, 0x70,
            0xE2, 0xF4, 0xF4);

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static Machine machine(int cpus, long quantum) {
        return new Machine(MachineConfig.defaults().withRam(4 << 20).withCpus(cpus).withSmpQuantum(quantum));
    }

    /** The BSP sends an IPI through its local APIC's ICR, as a guest's MOV to the APIC page does. */
    private static void ipi(Machine m, int destination, int low) {
        m.memory().write32(ICR_HIGH, destination << 24);
        m.memory().write32(ICR_LOW, low);
    }

    /** The BSP in real mode with every segment at 0, at {@code address}. */
    private static void bspAt(Machine m, int address) {
        Cpu bsp = m.cpu();
        bsp.powerOnReset();
        for (int seg = 0; seg < 6; seg++) bsp.setRealModeSegment(seg, 0);
        bsp.setEip(address);
    }

    private static void startAp(Machine m, int apicId) {
        ipi(m, apicId, 0x4500);                  // INIT, assert
        ipi(m, apicId, 0x4600 | STARTUP_VECTOR); // STARTUP
    }

    @Test
    void applicationProcessorsWaitForAStartupIpi() {
        Machine m = machine(3, MachineConfig.DEFAULT_SMP_QUANTUM);
        assertFalse(m.waitingForStartup(0));
        assertTrue(m.waitingForStartup(1));
        assertTrue(m.waitingForStartup(2));
    }

    @Test
    void initThenStartupStartsTheProcessorInRealModeAtTheVector() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        startAp(m, 1);
        Cpu ap = m.cpu(1);
        assertFalse(m.waitingForStartup(1));
        assertEquals(STARTUP_VECTOR << 8, ap.segSelector(Cpu.CS));
        assertEquals(CODE, ap.segBase(Cpu.CS));
        assertEquals(0, ap.eip());
        assertEquals(0, ap.cr0() & Cpu.CR0_PE, "real mode");
    }

    @Test
    void aSecondStartupIpiIsIgnoredByARunningProcessor() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        startAp(m, 1);
        m.cpu(1).setEip(0x10);
        ipi(m, 1, 0x4600 | 0x09);
        assertEquals(STARTUP_VECTOR << 8, m.cpu(1).segSelector(Cpu.CS));
        assertEquals(0x10, m.cpu(1).eip());
    }

    @Test
    void startupWithoutInitLeavesAWaitingProcessorUntouchedOnlyAfterInit() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        ipi(m, 1, 0x4600 | STARTUP_VECTOR); // a waiting AP (power-on state) accepts the SIPI
        assertFalse(m.waitingForStartup(1));
        ipi(m, 1, 0x4500);                  // INIT parks it again
        assertTrue(m.waitingForStartup(1));
    }

    @Test
    void anIpiToAnApicIdNoCpuHasGoesNowhere() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        m.memory().write32(0xFEE000F0L, 0x1FF); // software-enable the BSP's APIC
        ipi(m, 5, 0x4040);                      // fixed vector 0x40 to APIC ID 5
        ipi(m, 5, 0x4500);                      // INIT to APIC ID 5
        assertTrue(m.waitingForStartup(1));
        for (int w = 0; w < 8; w++) assertEquals(0, m.memory().read32(0xFEE00200L + w * 0x10), "IRR word " + w);
    }

    /*
     * INIT to self (shorthand 01). The SDM lists Self with INIT as an invalid ICR combination
     * (vol. 3, 10.6.1, Table 10-3, "Valid Combinations for the Pentium 4 and Intel Xeon
     * Processors' Local xAPIC ICR"), so hardware promises nothing; QEMU, which the kernels here
     * are checked against, delivers it to the sender (apic_deliver puts the sender's bit in the
     * mask, do_cpu_init resets it): the bootstrap CPU restarts at the reset vector, an
     * application processor waits for a startup IPI. i386mon does the same.
     */
    @Test
    void initToSelfRestartsTheBootstrapCpuAtTheResetVector() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        bspAt(m, 0x9000);
        m.cpu().setReg(Cpu.EAX, 0x1234);
        ipi(m, 0, 0x44500); // INIT, level assert, shorthand self
        Cpu bsp = m.cpu();
        assertFalse(m.waitingForStartup(0));
        assertEquals(0xF000, bsp.segSelector(Cpu.CS));
        assertEquals(0xFFF0, bsp.eip());
        assertEquals(0, bsp.reg(Cpu.EAX), "the registers are reset too");
        assertTrue(m.waitingForStartup(1), "the other CPU is not touched");
    }

    @Test
    void initToSelfParksAnApplicationProcessorUntilItsNextStartupIpi() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        startAp(m, 1);
        m.selectCpu(1); // the AP's APIC sends
        ipi(m, 0, 0x44500);
        assertTrue(m.waitingForStartup(1));
        m.selectCpu(0);
        ipi(m, 1, 0x4600 | 0x09);
        assertFalse(m.waitingForStartup(1));
        assertEquals(0x9000, m.cpu(1).segBase(Cpu.CS));
    }

    @Test
    void aLockedIncrementIsAtomicAcrossCpusWhereAPlainOneLosesUpdates() {
        assertEquals(2000, countWith(LOCKED_LOOP));
        assertTrue(countWith(PLAIN_LOOP) < 2000, "a plain load-increment-store interleaved per instruction loses updates");
    }

    /** Both CPUs run {@code loop} (1000 increments each), interleaved one instruction at a time. */
    private static int countWith(byte[] loop) {
        Machine m = machine(2, 1);
        m.memory().load(CODE, loop, 0, loop.length);
        bspAt(m, CODE);
        startAp(m, 1);
        StopReason s = m.run(1_000_000);
        assertEquals(StopReason.Kind.HALTED, s.kind(), s.description());
        return m.memory().read32(COUNTER);
    }

    @Test
    void hltOnOneCpuDoesNotStopTheOthers() {
        Machine m = machine(2, 100);
        m.memory().write8(0x9000, 0xF4); // the BSP halts at once, interrupts off
        bspAt(m, 0x9000);
        m.memory().load(CODE, LOCKED_LOOP, 0, LOCKED_LOOP.length);
        startAp(m, 1);
        StopReason s = m.run(1_000_000);
        assertEquals(StopReason.Kind.HALTED, s.kind(), s.description());
        assertEquals(1000, m.memory().read32(COUNTER));
        assertTrue(m.cpu(0).halted() && m.cpu(1).halted());
    }

    @Test
    void codeOneCpuWritesIsWhatAnotherCpuRuns() {
        Machine m = machine(2, 50);
        // BSP: L: mov ax,1; jmp L -- the AP rewrites the immediate: mov byte [0x9001],0x2a; hlt
        m.memory().load(0x9000, bytes(0xB8, 0x01, 0x00, 0xEB, 0xFB), 0, 5);
        bspAt(m, 0x9000);
        m.run(500); // the BSP's loop is decoded and cached
        byte[] writer = bytes(0xC6, 0x06, 0x01, 0x90, 0x2A, 0xF4);
        m.memory().load(CODE, writer, 0, writer.length);
        startAp(m, 1);
        m.run(1000);
        assertEquals(0x2A, m.cpu(0).reg(Cpu.EAX) & 0xFFFF);
    }

    @Test
    void aStepRunsOnlyTheSelectedCpu() {
        Machine m = machine(2, MachineConfig.DEFAULT_SMP_QUANTUM);
        m.memory().load(CODE, LOCKED_LOOP, 0, LOCKED_LOOP.length);
        bspAt(m, CODE);
        startAp(m, 1);
        m.selectCpu(1);
        StopReason s = m.step();
        assertEquals(1, s.cpu());
        assertEquals(1, m.cpu(1).retired());
        assertEquals(0, m.cpu(0).retired());
    }

    @Test
    void aBreakpointStopNamesAndSelectsTheCpuThatHitIt() {
        Machine m = machine(2, 10);
        m.memory().write8(0x9000, 0xF4);
        bspAt(m, 0x9000);
        m.memory().load(CODE, LOCKED_LOOP, 0, LOCKED_LOOP.length);
        startAp(m, 1);
        m.addBreakpoint(CODE + 9); // the AP's LOOP instruction
        StopReason s = m.run(1_000_000);
        assertEquals(StopReason.Kind.BREAKPOINT, s.kind(), s.description());
        assertEquals(1, s.cpu());
        assertEquals(1, m.selectedCpu());
    }

    @Test
    void theSameProgramInterleavesTheSameWayEveryTime() {
        assertEquals(countWith(PLAIN_LOOP), countWith(PLAIN_LOOP));
    }

    @Test
    void aSecondNmiWaitsUntilTheHandlerReturnsWithIret() {
        assertEquals(1, nmisTaken(bytes(0xFF, 0x06, 0x00, 0x71, 0xF4, 0xEB, 0xFD)), "a handler that never returns blocks the next NMI");
        assertEquals(2, nmisTaken(bytes(0xFF, 0x06, 0x00, 0x71, 0xCF)), "after IRET the held NMI is taken");
    }

    /**
     * An NMI to itself, and a second one once the handler ({@code handler} at 0x9100, IVT vector 2,
     * counting at 0x7100) has begun; the BSP spins meanwhile.
     */
    private static int nmisTaken(byte[] handler) {
        Machine m = machine(1, MachineConfig.DEFAULT_SMP_QUANTUM);
        m.memory().load(0x9000, bytes(0xEB, 0xFE), 0, 2); // jmp $
        m.memory().load(0x9100, handler, 0, handler.length);
        m.memory().write16(2 * 4, 0x9100);
        m.memory().write16(2 * 4 + 2, 0);
        bspAt(m, 0x9000);
        ipi(m, 0, 0x44400); // NMI to self
        m.run(1);           // delivered; the handler's first instruction ran
        ipi(m, 0, 0x44400);
        m.run(10_000);
        return m.memory().read16(0x7100);
    }
}
