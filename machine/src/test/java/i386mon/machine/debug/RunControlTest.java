package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.Cpu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunControlTest {
    private static RunControl control(Rig r) {
        r.install();
        return new RunControl(r.m.debugTarget());
    }

    @Test
    void resumeStepsOffTheBreakpointItStartsOn() {
        Rig r = new Rig().nop().nop();
        RunControl rc = control(r);
        rc.breakpoints().add(Rig.CODE);
        StopReason s = rc.resume(1_000);
        assertEquals(StopReason.Kind.HALTED, s.kind());
        assertEquals(3, r.m.cpu().retired(), "nop, nop, hlt");
    }

    @Test
    void resumeReportsTheFrontEndsDecisionAtABreakpointAhead() {
        Rig r = new Rig().nop().nop();
        RunControl rc = control(r);
        rc.breakpoints().add(Rig.CODE + 1);
        rc.breakpoints().decideWith(eip -> StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint 7"));
        StopReason s = rc.resume(1_000);
        assertEquals("breakpoint 7", s.description());
        assertEquals(Rig.CODE + 1, r.m.cpu().eip());
    }

    @Test
    void aBreakpointTheFrontEndDeclinesIsPassed() {
        Rig r = new Rig().nop().nop();
        RunControl rc = control(r);
        List<Integer> asked = new ArrayList<>();
        rc.breakpoints().add(Rig.CODE + 1);
        rc.breakpoints().decideWith(eip -> {
            asked.add(eip);
            return null;
        });
        assertEquals(StopReason.Kind.HALTED, rc.resume(1_000).kind());
        assertEquals(List.of(Rig.CODE + 1), asked);
    }

    @Test
    void resumingFromABreakpointStopRunsOnToTheNextOne() {
        Rig r = new Rig().nop().nop().nop();
        RunControl rc = control(r);
        rc.breakpoints().add(Rig.CODE + 1);
        rc.breakpoints().add(Rig.CODE + 2);
        assertEquals(StopReason.Kind.BREAKPOINT, rc.resume(1_000).kind());
        assertEquals(StopReason.Kind.BREAKPOINT, rc.resume(1_000).kind());
        assertEquals(Rig.CODE + 2, r.m.cpu().eip());
    }

    @Test
    void stepExecutesTheInstructionOnABreakpoint() {
        Rig r = new Rig().nop().nop();
        RunControl rc = control(r);
        rc.breakpoints().add(Rig.CODE);
        assertEquals(StopReason.STEPPED, rc.step(1));
        assertEquals(Rig.CODE + 1, r.m.cpu().eip());
    }

    @Test
    void stepsDoNotStopAtBreakpointsTheyPass() {
        Rig r = new Rig().nop().nop().nop();
        RunControl rc = control(r);
        rc.breakpoints().add(Rig.CODE + 1);
        assertEquals(StopReason.STEPPED, rc.step(3));
        assertEquals(Rig.CODE + 3, r.m.cpu().eip());
    }

    @Test
    void aCatchWhoseConditionIsFalseLetsTheExceptionBeDelivered() {
        Rig r = new Rig().paging().load(0x00C01234);
        RunControl rc = control(r);
        List<Integer> asked = new ArrayList<>();
        rc.catchpoints().add(14, v -> {
            asked.add(v);
            return false;
        });
        // no IDT: delivering the #PF fails, so the run ends in a triple fault instead of the catch
        assertEquals(StopReason.Kind.TRIPLE_FAULT, rc.resume(1_000).kind());
        assertEquals(List.of(14), asked);
    }

    @Test
    void aCatchWhoseConditionHoldsStopsBeforeDelivery() {
        Rig r = new Rig().paging().load(0x00C01234);
        RunControl rc = control(r);
        rc.catchpoints().add(14, v -> true);
        StopReason s = rc.resume(1_000);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, s.kind());
        assertEquals(Rig.CODE, r.m.cpu().eip());
    }

    @Test
    void aCatchWhoseConditionFailsStopsAndSaysWhy() {
        Rig r = new Rig().paging().load(0x00C01234);
        RunControl rc = control(r);
        rc.catchpoints().add(14, v -> { throw new IllegalStateException("no such register"); });
        StopReason s = rc.resume(1_000);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, s.kind());
        assertTrue(s.description().endsWith(" (its condition failed: no such register)"), s.description());
    }

    @Test
    void removingACatchClearsTheCpuMask() {
        Rig r = new Rig().paging().load(0x00C01234);
        RunControl rc = control(r);
        rc.catchpoints().add(14, null);
        rc.catchpoints().remove(14);
        assertEquals(StopReason.Kind.TRIPLE_FAULT, rc.resume(1_000).kind());
        assertTrue(rc.catchpoints().vectors().isEmpty());
    }

    @Test
    void untilStopsAfterTheInstructionThatMakesTheConditionTrue() {
        Rig r = new Rig().nop().movEax(5).nop();
        RunControl rc = control(r);
        StopReason s = rc.until(() -> r.m.cpu().reg(Cpu.EAX) == 5, "eax==5", 1_000);
        assertEquals(StopReason.of(StopReason.Kind.WATCHPOINT, "condition eax==5 became true"), s);
        assertEquals(Rig.CODE + 6, r.m.cpu().eip());
    }

    @Test
    void resumeWithinItsBudgetReportsTheBudget() {
        Rig r = new Rig().nop().nop().nop();
        RunControl rc = control(r);
        assertEquals(StopReason.Kind.BUDGET, rc.resume(2).kind());
        assertEquals(2, r.m.cpu().retired());
    }

    @Test
    void slicedRunsCallTheHookBetweenSlices() {
        Rig r = new Rig().nop().nop().nop().nop();
        RunControl rc = control(r);
        int[] calls = new int[1];
        rc.sliceWith(2, () -> calls[0]++);
        assertEquals(StopReason.Kind.HALTED, rc.resume(1_000).kind());
        assertEquals(3, calls[0], "slices of 2: nop nop | nop nop | hlt");
    }

    @Test
    void aStopRequestAfterARunEndedDoesNotStopTheNextOne() {
        Rig r = new Rig().bytes(0xEB, 0xFE); // jmp $
        RunControl rc = control(r);
        assertEquals(StopReason.Kind.BUDGET, rc.resume(100).kind());
        rc.requestStop(); // Ctrl-C arriving as the run ends
        assertEquals(StopReason.Kind.BUDGET, rc.resume(100).kind());
    }

    @Test
    void aStopRequestThatEndsAStepEndsOnlyThatStep() throws InterruptedException {
        assertInterruptedThenRunsOn(rc -> rc.step(1_000_000_000L));
    }

    @Test
    void aStopRequestThatEndsARunUntilEndsOnlyThatRun() throws InterruptedException {
        assertInterruptedThenRunsOn(rc -> rc.until(() -> false, "0", Long.MAX_VALUE));
    }

    /** Interrupts {@code command} on a spinning guest from another thread, as Ctrl-C does; the next run is not stopped by it. */
    private static void assertInterruptedThenRunsOn(java.util.function.Function<RunControl, StopReason> command) throws InterruptedException {
        Rig r = new Rig().bytes(0xEB, 0xFE); // jmp $
        RunControl rc = control(r);
        StopReason[] stopped = new StopReason[1];
        Thread t = new Thread(() -> stopped[0] = command.apply(rc));
        t.start();
        while (r.m.cpu().retired() < 1_000) Thread.onSpinWait();
        rc.requestStop();
        t.join(60_000);
        assertEquals(StopReason.Kind.STOP_REQUEST, stopped[0].kind());
        assertEquals(StopReason.Kind.BUDGET, rc.resume(100).kind());
    }
}
