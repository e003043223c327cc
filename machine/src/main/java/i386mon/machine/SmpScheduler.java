package i386mon.machine;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.debug.StopReason;
import java.util.Arrays;

/**
 * Runs several CPUs on the one host thread, deterministically: in rounds, each CPU in index order
 * runs a turn of up to {@code quantum} instructions (a halted CPU idles, one waiting for a startup
 * IPI is skipped). A round is never longer than the time to the next timer event known at its
 * start. Virtual time: the CPUs run side by side, so a round advances the clock by the longest
 * turn in it (the instructions of one CPU, not the sum); device time and RDTSC seen during a turn
 * are the round's start plus that CPU's own progress. Timer and IPI effects on CPUs that already
 * had their turn are seen in the next round. When every running CPU is halted the clock skips to
 * the next timer event, as with one CPU.
 * <p>
 * A turn ends only at an instruction boundary ({@link Cpu#run} returns between instructions), so
 * LOCK-prefixed instructions and XCHG with memory, which each CPU executes as one instruction,
 * are atomic across CPUs, as every other instruction is.
 * <p>
 * A stop (breakpoint, catchpoint, watchpoint, Ctrl-C, exit) ends the run in the middle of the
 * round; the next run resumes the same turn, so stopping and continuing gives the interleaving
 * of an uninterrupted run. A budget of one instruction (a step) runs the selected CPU alone and
 * counts towards its turn in the current round; the other CPUs do not move.
 */
final class SmpScheduler {
    private final Machine machine;
    private final Cpu[] cpus;
    private final boolean[] waitingForSipi;
    private final long quantum;
    private final long[] turnDone;
    /** The CPU whose turn it is in the round in progress; {@link #roundLength} 0: no round in progress. */
    private int turn;
    private long roundLength;
    /** The CPU executing now (or last), which device side effects are attributed to. */
    private int running;
    private int idleSkips;

    SmpScheduler(Machine machine, Cpu[] cpus, boolean[] waitingForSipi, long quantum) {
        this.machine = machine;
        this.cpus = cpus;
        this.waitingForSipi = waitingForSipi;
        this.quantum = quantum;
        this.turnDone = new long[cpus.length];
    }

    int running() { return running; }

    /** Forgets the round in progress (a boot or power-on starts afresh). */
    void restart() {
        turn = 0;
        roundLength = 0;
        running = 0;
        Arrays.fill(turnDone, 0);
    }

    StopReason run(long maxInstructions) {
        Board board = machine.board();
        try {
            return maxInstructions == 1 ? stepSelected() : interleave(maxInstructions);
        } finally {
            board.setCurrentCpu(machine.selectedCpu());
        }
    }

    /**
     * Runs until {@code instructions} more have retired over all CPUs together (or a stop), in the
     * rounds of an uninterrupted run: a round's length does not depend on the count, and the run
     * may end in the middle of a turn, which the next run resumes. So a run split anywhere
     * repeats an unsplit run exactly, as reverse execution's replay needs; the CPU whose turn it
     * was is selected.
     */
    StopReason runCounted(long instructions) {
        Board board = machine.board();
        try {
            countLeft = instructions;
            StopReason s = interleave(Long.MAX_VALUE);
            if (s.kind() == StopReason.Kind.BUDGET) machine.selectCpu(running);
            return s;
        } finally {
            countLeft = Long.MAX_VALUE;
            board.setCurrentCpu(machine.selectedCpu());
        }
    }

    /** Instructions a counted run may still retire over all CPUs; {@link Long#MAX_VALUE} in a run by virtual time. */
    private long countLeft = Long.MAX_VALUE;

    private StopReason interleave(long maxInstructions) {
        VirtualClock clock = machine.clock();
        long remaining = maxInstructions;
        idleSkips = 0;
        long wallStart = System.nanoTime(), virtualStart = clock.nanos();
        while (remaining > 0) {
            if (machine.config().paced()) machine.pace(wallStart, virtualStart);
            if (roundLength == 0) {
                roundLength = Math.min(Math.min(quantum, remaining), clock.instructionsUntilNextEvent());
                Arrays.fill(turnDone, 0);
                turn = 0;
            }
            for (; turn < cpus.length; turn++) {
                if (waitingForSipi[turn]) continue;
                StopReason s = runTurn(turn);
                if (s != null) return s;
                if (countLeft <= 0) {
                    turn++; // this CPU's turn is over (done, or halted for the rest of the round), as in an unsplit run
                    return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached").onCpu(running);
                }
            }
            long longest = 0;
            for (long d : turnDone) longest = Math.max(longest, d);
            roundLength = 0;
            clock.retire(longest);
            remaining -= longest;
            clock.sync();
            if (longest > 0) {
                idleSkips = 0;
            } else {
                StopReason idle = allIdle();
                if (idle != null) return idle;
            }
        }
        return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached").onCpu(running);
    }

    /** Runs CPU {@code i} for the rest of its turn; returns the machine's stop, or null to go on. */
    private StopReason runTurn(int i) {
        Cpu c = cpus[i];
        running = i;
        machine.board().setCurrentCpu(i);
        while (turnDone[i] < roundLength && !waitingForSipi[i]) {
            if (countLeft <= 0) return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached").onCpu(i);
            c.setTurnProgress(turnDone[i]);
            long n = c.run(Math.min(roundLength - turnDone[i], countLeft));
            turnDone[i] += n;
            if (countLeft != Long.MAX_VALUE) countLeft -= n;
            StopReason s = stopAfter(c, i);
            if (s != null) return s;
            if (c.stopReason() == Cpu.Stop.HALTED) break; // idle for the rest of the round
            // otherwise the CPU's slice ended early (its timer was reprogrammed, or it sent itself INIT): go on
        }
        return null;
    }

    /** What stops the machine after CPU {@code i} ran, or null. */
    private StopReason stopAfter(Cpu c, int i) {
        Integer status = machine.takeExitStatus();
        if (status != null) {
            machine.cancelStopRequests();
            return stopOn(i, Machine.guestExit(status));
        }
        if (machine.takeResetRequest()) {
            machine.cancelStopRequests();
            StopReason stop = machine.guestResetRequested(i);
            if (stop != null) return stopOn(i, stop);
            return null; // the round goes on: CPU 0 from the reset vector, the others wait for a startup IPI
        }
        if (machine.debugger().watchHitPending()) {
            StopReason w = machine.watchStop(c);
            if (w != null) return stopOn(i, w);
        }
        StopReason byState = Machine.stateStop(c);
        if (byState != null) return stopOn(i, byState);
        if (c.stopReason() == Cpu.Stop.REQUESTED) {
            machine.cancelStopRequests(); // the other CPUs' copies of the request
            return stopOn(i, StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted"));
        }
        return null;
    }

    /** Every CPU is halted or waits for a startup IPI: skip to the next timer event, or stop when none can wake one. */
    private StopReason allIdle() {
        VirtualClock clock = machine.clock();
        boolean wakeable = false;
        for (int i = 0; i < cpus.length; i++) {
            if (!waitingForSipi[i] && (cpus[i].eflags() & Cpu.IF) != 0) wakeable = true;
        }
        if (!wakeable) return stopOn(running, StopReason.of(StopReason.Kind.HALTED, "every CPU halted with interrupts disabled: nothing can wake them"));
        long next = clock.nextEventNanos();
        if (next == Long.MAX_VALUE || ++idleSkips > Machine.IDLE_SKIP_LIMIT) {
            return stopOn(running, StopReason.of(StopReason.Kind.HALTED, "hlt: no interrupt arrives to wake any CPU"));
        }
        clock.skipTo(next);
        clock.sync();
        for (Cpu c : cpus) c.interruptLineChanged();
        return null;
    }

    /** The round in progress for a snapshot: whose turn, its length, each CPU's progress in it, the CPU running. */
    void saveState(i386mon.machine.state.StateWriter out) {
        out.i32(turn).i64(roundLength).longs(turnDone).i32(running);
    }

    void restoreState(i386mon.machine.state.StateReader in) {
        turn = in.i32();
        roundLength = in.i64();
        long[] done = in.longs();
        System.arraycopy(done, 0, turnDone, 0, turnDone.length);
        running = in.i32();
    }

    /** One instruction on the selected CPU alone, counted towards its turn in the current round. */
    private StopReason stepSelected() {
        int i = machine.selectedCpu();
        if (waitingForSipi[i]) {
            return stopOn(i, StopReason.of(StopReason.Kind.HALTED, "CPU " + i + " waits for a startup IPI (INIT, then SIPI from another CPU)"));
        }
        if (roundLength == 0) {
            roundLength = Math.min(quantum, machine.clock().instructionsUntilNextEvent());
            Arrays.fill(turnDone, 0);
            turn = 0;
        }
        running = i;
        machine.board().setCurrentCpu(i);
        Cpu c = cpus[i];
        c.setTurnProgress(turnDone[i]);
        long n = c.run(1);
        // a slice that ended before its first instruction (timer reprogrammed, INIT) has not stepped yet
        if (n == 0 && c.stopReason() == Cpu.Stop.NONE) n = c.run(1);
        turnDone[i] += n;
        StopReason s = stopAfter(c, i);
        if (s != null) return s;
        if (c.stopReason() == Cpu.Stop.HALTED) {
            return stopOn(i, StopReason.of(StopReason.Kind.HALTED, "hlt: CPU " + i + " waits for an interrupt (continue runs every CPU)"));
        }
        return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached").onCpu(i);
    }

    /** The stop, reported for CPU {@code i}, which becomes the monitor's selected CPU. */
    private StopReason stopOn(int i, StopReason s) {
        machine.selectCpu(i);
        return s.onCpu(i);
    }
}
