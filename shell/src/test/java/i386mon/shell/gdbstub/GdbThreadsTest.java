package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.debug.DebugTarget;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stub's threads on a two-CPU machine: one thread per CPU, Hg/Hc choosing whose registers and steps. */
class GdbThreadsTest {
    private final DemoMachine m = new DemoMachine("", 2);
    private final DebugTarget t = m.session.target();

    /** Register {@code n} of the {@code p} reply as a number. */
    private long register(int n) {
        return Long.parseLong(Hex.littleEndian(Long.parseLong(m.reply("p" + Integer.toHexString(n)), 16), 4), 16);
    }

    private String extraInfo(int thread) {
        return new String(Hex.bytes(m.reply("qThreadExtraInfo," + thread)), StandardCharsets.UTF_8);
    }

    @Test
    void everyCpuIsAThread() {
        assertEquals("m1,2", m.reply("qfThreadInfo"));
        assertEquals("OK", m.reply("T2"));
        assertEquals("E01", m.reply("T3"));
        assertEquals("E22", m.reply("Hg3"));
    }

    @Test
    void qcNamesTheMonitorsSelectedCpu() {
        assertEquals("QC1", m.reply("qC"));
        t.selectCpu(1);
        assertEquals("QC2", m.reply("qC"));
    }

    @Test
    void extraInfoSaysWhetherTheCpuWaitsForStartup() {
        assertEquals("CPU 1 [waiting for SIPI]", extraInfo(2));
        assertEquals("CPU 0 [running]", extraInfo(1));
    }

    @Test
    void hgReadsTheOtherCpusRegistersAndKeepsTheMonitorsCpu() {
        assertEquals("OK", m.reply("Hg2"));
        assertEquals(0xFFF0, register(GdbRegisters.EIP), "CPU 1 waits at the reset vector");
        assertEquals(0xF000, register(10), "cs");
        assertEquals(0, t.selectedCpu(), "the monitor's CPU is restored");
        assertEquals("OK", m.reply("Hg1"));
        assertEquals(t.eip() & 0xFFFF_FFFFL, register(GdbRegisters.EIP));
    }

    @Test
    void hgWritesGoToThatCpu() {
        int eax0 = t.reg(0);
        m.reply("Hg2");
        assertEquals("OK", m.reply("P0=78563412"));
        t.selectCpu(1);
        assertEquals(0x12345678, t.reg(0));
        t.selectCpu(0);
        assertEquals(eax0, t.reg(0));
    }

    @Test
    void aSteppedThreadIsSelectedToStepAlone() {
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("vCont;s:2;c").kind());
        assertEquals(1, t.selectedCpu(), "the monitor's step steps the selected CPU only");
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("vCont;s:1").kind());
        assertEquals(0, t.selectedCpu());
    }

    @Test
    void hcChoosesTheCpuThatSStepsAndCRunsAll() {
        assertEquals("OK", m.reply("Hc2"));
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("c").kind());
        assertEquals(0, t.selectedCpu(), "a continue runs every CPU");
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("s").kind());
        assertEquals(1, t.selectedCpu());
    }
}
