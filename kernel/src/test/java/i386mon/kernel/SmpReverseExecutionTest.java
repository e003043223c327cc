package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.RunControl;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reverse execution on the SMP test kernel with four CPUs (spinlocks, LOCK XADD, fixed IPIs and
 * NMIs between them): going back lands on the instruction count, per-CPU counts and registers a
 * forward run has there, and recording does not change what the guest does.
 */
class SmpReverseExecutionTest {
    private static final int CPUS = 4;

    @TempDir
    Path dir;

    private record Guest(Machine machine, DebugTarget target, RunControl control, ByteArrayOutputStream serial) { }

    private Guest boot() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        Path kernel = build.link("smp.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("smp/entry.S"), build.compile("smp/smp.c"));
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write).withCpus(CPUS));
        m.boot(Files.readAllBytes(kernel), "smp.elf", List.of());
        DebugTarget t = m.debugTarget();
        return new Guest(m, t, new RunControl(t), serial);
    }

    /** Every CPU's instruction count, EIP and general registers. */
    private static List<Long> cpuState(Guest g) {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < CPUS; i++) {
            s.add(g.machine().cpu(i).retired());
            s.add((long) g.machine().cpu(i).eip());
            for (int r = 0; r < 8; r++) s.add((long) g.machine().cpu(i).reg(r));
        }
        return s;
    }

    @Test
    void recordingChangesNothingTheGuestDoes() throws Exception {
        Guest plain = boot(), recorded = boot();
        recorded.target().timeline().enable(200_000);
        assertEquals(StopReason.Kind.EXIT, plain.control().resume(500_000_000).kind());
        assertEquals(StopReason.Kind.EXIT, recorded.control().resume(500_000_000).kind());
        String text = plain.serial().toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("smp: end"), text);
        assertEquals(text, recorded.serial().toString(StandardCharsets.ISO_8859_1));
        assertEquals(cpuState(plain), cpuState(recorded));
    }

    @Test
    void reverseStepiLandsOnTheForwardRunsCountsAndRegisters() throws Exception {
        Guest g = boot();
        g.target().timeline().enable(100_000);
        g.control().resume(700_001);
        long at = g.target().instructionsRetired();
        List<Long> state = cpuState(g);
        g.control().resume(250_000);
        g.control().reverseStep(g.target().instructionsRetired() - at);
        assertEquals(at, g.target().instructionsRetired());
        assertEquals(state, cpuState(g));
    }

    @Test
    void reverseContinueLandsOnTheLastInterruptHandlerEntryAForwardRunPassed() throws Exception {
        Guest forward = boot();
        int handler = forward.target().symbol("smp_interrupt");
        forward.control().breakpoints().add(handler);
        List<Long> hits = new ArrayList<>();
        List<List<Long>> states = new ArrayList<>();
        while (forward.control().resume(500_000_000).kind() == StopReason.Kind.BREAKPOINT) {
            hits.add(forward.target().instructionsRetired());
            states.add(cpuState(forward));
        }
        assertTrue(hits.size() >= 4, "IPIs and NMIs were taken: " + hits);
        int k = hits.size() / 2;
        long until = (hits.get(k) + hits.get(k + 1)) / 2; // between two hits

        Guest g = boot();
        g.target().timeline().enable(100_000);
        g.control().resume(until - g.target().instructionsRetired());
        g.control().breakpoints().add(handler);
        StopReason r = g.control().reverseContinue();
        assertEquals(StopReason.Kind.BREAKPOINT, r.kind(), r.description());
        assertEquals(hits.get(k), g.target().instructionsRetired());
        assertEquals(states.get(k), cpuState(g));
    }

    @Test
    void aSnapshotOfFourCpusRestoresTheSameFuture() throws Exception {
        Guest g = boot();
        g.control().resume(600_000);
        var snap = g.target().snapshots().capture();
        int mark = g.serial().size();
        assertEquals(StopReason.Kind.EXIT, g.control().resume(500_000_000).kind());
        String first = g.serial().toString(StandardCharsets.ISO_8859_1).substring(mark);
        List<Long> end = cpuState(g);
        g.target().snapshots().restore(snap);
        mark = g.serial().size();
        assertEquals(StopReason.Kind.EXIT, g.control().resume(500_000_000).kind());
        assertEquals(first, g.serial().toString(StandardCharsets.ISO_8859_1).substring(mark));
        assertArrayEquals(end.toArray(), cpuState(g).toArray());
    }
}
