package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Snapshots and reverse execution with several CPUs: every CPU's state, its MMU, the local APICs
 * and the scheduler's place in its round are captured, and replay repeats the interleaving
 * exactly. The guest is SmpCommandsTest's: the BSP starts the APs, each AP counts at 0x7000 with
 * LOCK INC, the BSP waits for 3000 and exits; a round gives each CPU 100 instructions.
 */
class SmpReverseTest {
    private static final int AP_LOOP = SmpCommandsTest.AP_LOOP;

    private static Harness smp(int cpus) {
        return Harness.real(TestKernel.elf(SmpCommandsTest.SOURCE), cpus, 100);
    }

    private static long icount(Harness h) { return h.session.target().instructionsRetired(); }

    /** Every part's state but RAM (each CPU, MMU, APIC, the scheduler...) and the RAM the guest uses. */
    private static String state(Harness h) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, byte[]> e : h.session.target().snapshots().capture().partStates().entrySet()) {
            sb.append(e.getKey()).append('=').append(java.util.HexFormat.of().formatHex(e.getValue())).append('\n');
        }
        return sb.append(h.ok("xp/4xw 0x7000")).append(h.ok("xp/8xw 0x8000")).toString();
    }

    /** Both CPUs' registers as the monitor shows them. */
    private static String registers(Harness h) {
        String s = h.ok("cpu 0") + h.ok("info registers") + h.ok("cpu 1") + h.ok("info registers");
        h.ok("cpu 0");
        return s;
    }

    @Test
    void loadvmOnTwoCpusGivesBackEveryPartsStateByteForByte() {
        Harness h = smp(2);
        h.ok("cont --max 2345");
        String saved = state(h);
        long at = icount(h);
        h.ok("savevm one");
        h.ok("cont --max 3000");
        assertTrue(!state(h).equals(saved), "the guest moved on");
        h.ok("loadvm one");
        assertEquals(at, icount(h));
        assertEquals(saved, state(h));
    }

    @Test
    void aRunAfterLoadvmOnTwoCpusRepeatsTheFirstRun() {
        Harness h = smp(2);
        h.ok("cont --max 2345");
        h.ok("savevm one");
        h.ok("cont --max 3001");
        String first = state(h);
        h.ok("loadvm one");
        h.ok("cont --max 3001");
        assertEquals(first, state(h));
    }

    @Test
    void aSnapshotOfTwoCpusHoldsTheApplicationProcessor() {
        Harness h = smp(2);
        assertTrue(h.session.target().snapshots().capture().partStates().containsKey("cpus"));
        byte[] before = h.session.target().snapshots().capture().partStates().get("cpus");
        h.ok("cont --max 5000");
        assertTrue(!java.util.Arrays.equals(before, h.session.target().snapshots().capture().partStates().get("cpus")), "CPU 1 started and ran");
    }

    @Test
    void reverseStepiOnTwoCpusLandsOnTheForwardRunsCountAndState() {
        Harness h = smp(2);
        h.ok("reverse on 1000");
        h.ok("cont --max 4321");
        long at = icount(h);
        String state = state(h), regs = registers(h);
        h.ok("cont --max 2500");
        h.ok("reverse-stepi 2500");
        assertEquals(at, icount(h));
        assertEquals(regs, registers(h));
        assertEquals(state.replaceAll("cpus=[0-9a-f]*\n", ""), state(h).replaceAll("cpus=[0-9a-f]*\n", ""),
                "every part but the selected CPU (a stop selects the CPU whose turn it is)");
    }

    @Test
    void aForwardRunAfterGoingBackOnTwoCpusRepeatsThePast() {
        Harness h = smp(2);
        h.ok("reverse on 700");
        h.ok("cont --max 6000");
        long end = icount(h);
        String regs = registers(h);
        String memory = h.ok("xp/4xw 0x7000");
        h.ok("reverse-stepi 3333");
        h.ok("cont --max " + (end - icount(h)));
        assertEquals(end, icount(h));
        assertEquals(regs, registers(h));
        assertEquals(memory, h.ok("xp/4xw 0x7000"));
    }

    @Test
    void reverseContinueOnTwoCpusLandsOnTheForwardRunsBreakpointHit() {
        String breakpoint = "break " + AP_LOOP + " cpu 1 if [0x7000] == 500";
        Harness forward = smp(2);
        forward.ok(breakpoint);
        assertTrue(forward.ok("cont").startsWith("CPU 1: Stopped: breakpoint 1 at "));
        long hit = icount(forward);
        String regs = registers(forward);

        Harness h = smp(2);
        h.ok("reverse on 1000");
        h.ok("cont --max " + (hit + 3000));
        h.ok(breakpoint);
        String out = h.ok("reverse-continue");
        assertTrue(out.startsWith("CPU 1: Stopped: breakpoint 1 at "), out);
        assertEquals(hit, icount(h));
        assertEquals(regs, registers(h));
    }

    @Test
    void stateAtACheckpointIsTheSameWhateverPiecesTheRunWasIn() {
        Harness whole = smp(2), pieces = smp(2);
        whole.ok("reverse on 100000");
        pieces.ok("reverse on 100000");
        whole.ok("cont --max 5000");
        for (int i = 0; i < 10; i++) pieces.ok("cont --max 500");
        assertEquals(icount(whole), icount(pieces));
        assertArrayEquals(whole.ok("xp/4xw 0x7000").getBytes(), pieces.ok("xp/4xw 0x7000").getBytes());
        assertEquals(registers(whole), registers(pieces));
    }

    @Test
    void reverseStepOnTwoCpusGoesBackByInstructionAndSaysSo() {
        Harness h = smp(2);
        h.ok("reverse on 1000");
        h.ok("cont --max 3000");
        long at = icount(h);
        String out = h.ok("reverse-step");
        assertTrue(out.startsWith("With several CPUs this goes back by instruction"), out);
        assertEquals(at - 1, icount(h));
    }
}
