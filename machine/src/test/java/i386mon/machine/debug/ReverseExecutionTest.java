package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.snapshot.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reverse execution by replay from checkpoints, on a loop that counts, reads the PIT and polls COM1. */
class ReverseExecutionTest {
    private static final int COUNTER = Rig.DATA, LAST_BYTE = Rig.DATA + 8;
    private final Rig rig = new Rig();
    private final DebugTarget t = rig.m.debugTarget();
    private final RunControl rc = new RunControl(t);
    private final int loopTop;

    ReverseExecutionTest() {
        loopTop = rig.here();
        rig.inc(COUNTER)                                     // inc dword [COUNTER]
           .bytes(0xE4, 0x40)                                // in al, 0x40 (PIT count: time-dependent)
           .bytes(0x66, 0xBA).bytes(0xFD, 0x03)              // mov dx, 0x3fd
           .bytes(0xEC)                                      // in al, dx (LSR)
           .bytes(0xA8, 0x01)                                // test al, 1
           .bytes(0x74, 0x08)                                // jz +8 (to jmp)
           .bytes(0x66, 0xBA).bytes(0xF8, 0x03)              // mov dx, 0x3f8
           .bytes(0xEC)                                      // in al, dx (RBR)
           .bytes(0xA2).dword(LAST_BYTE)                     // mov [LAST_BYTE], al
           .bytes(0xEB, 0x00);                               // (jz lands here) jmp to the loop's top, patched below
        rig.install();
        int jmpAt = rig.here() - 2;
        rig.m.memory().write8(jmpAt + 1, (loopTop - (jmpAt + 2)) & 0xFF);
        t.timeline().enable(10_000);
    }

    private Map<String, byte[]> state() {
        Snapshot s = t.snapshots().capture();
        return s.partStates();
    }

    private static void assertSame(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
    }

    @Test
    void reverseStepiLandsWhereAForwardRunToThatCountDid() {
        rc.resume(25_000);
        Map<String, byte[]> at = state();
        long count = t.instructionsRetired();
        rc.resume(17_345);
        assertEquals(StopReason.Kind.STEP, rc.reverseStep(17_345).kind());
        assertEquals(count, t.instructionsRetired());
        assertSame(at, state());
    }

    @Test
    void reverseStepiStopsAtTheStartOfTheHistory() {
        rc.resume(500);
        assertEquals("No more reverse-execution history", rc.reverseStep(1_000).description());
        assertEquals(0, t.instructionsRetired());
    }

    @Test
    void recordedSerialInputIsReplayed() {
        rc.resume(12_000);
        t.sendSerial(1, new byte[] {'Q'});
        rc.resume(30_000);
        Map<String, byte[]> end = state();
        assertEquals('Q', rig.m.memory().read8(LAST_BYTE));
        rc.reverseStep(35_000);
        assertEquals(0, rig.m.memory().read8(LAST_BYTE), "before the byte arrived");
        rc.resume(35_000);
        assertSame(end, state());
    }

    @Test
    void reverseContinueLandsOnTheBreakpointHitAForwardRunStoppedAt() {
        int readRbr = loopTop + 6 + 2 + 4 + 1 + 2 + 2 + 4; // the in al, dx that reads RBR runs only when a byte arrived
        rc.breakpoints().add(readRbr);
        rc.resume(13_000);
        t.sendSerial(1, new byte[] {'x'});
        StopReason hit = rc.resume(1_000_000);
        assertEquals(StopReason.Kind.BREAKPOINT, hit.kind());
        assertEquals(readRbr, t.eip());
        long hitCount = t.instructionsRetired();
        Map<String, byte[]> atHit = state();
        rc.resume(40_000);
        StopReason back = rc.reverseContinue();
        assertEquals(StopReason.Kind.BREAKPOINT, back.kind());
        assertEquals(hitCount, t.instructionsRetired());
        assertSame(atHit, state());
        assertEquals("No more reverse-execution history", rc.reverseContinue().description());
        assertEquals(0, t.instructionsRetired());
    }

    @Test
    void reverseWatchFindsTheLastWriteAndStopsRightAfterIt() {
        rc.resume(20_000);
        long value = rig.m.memory().read32(COUNTER);
        Watchpoint w = t.debugger().watchLinear(COUNTER, 4, WatchAccess.WRITE);
        WatchHit h = rc.reverseWatch(w);
        t.debugger().unwatch(w.id());
        assertNotNull(h);
        assertEquals(loopTop, h.eip());
        assertEquals(value, h.newValue());
        assertEquals(value - 1, h.oldValue());
        assertEquals(value, rig.m.memory().read32(COUNTER));
    }

    @Test
    void reverseWatchWithoutAWriteLeavesTheMachineWhereItWas() {
        rc.resume(20_000);
        long count = t.instructionsRetired();
        Watchpoint w = t.debugger().watchLinear(Rig.DATA + 0x100, 4, WatchAccess.WRITE);
        assertNull(rc.reverseWatch(w));
        assertEquals(count, t.instructionsRetired());
    }

    @Test
    void anEditStartsANewHistory() {
        rc.resume(25_000);
        t.setReg(Cpu.EBX, 42);
        assertEquals(25_000, t.instructionsRetired());
        rc.resume(5_000);
        rc.reverseStep(5_000);
        assertEquals(42, t.reg(Cpu.EBX), "the edit is part of the history from there on");
    }

    @Test
    void reverseIsRefusedWhenOff() {
        t.timeline().disable();
        assertThrows(IllegalStateException.class, () -> rc.reverseStep(1));
    }
}
