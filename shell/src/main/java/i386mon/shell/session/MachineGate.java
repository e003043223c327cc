package i386mon.shell.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One front end at a time on the machine: the REPL (prompt, scripts, -x) and a GDB stub each run
 * on their own thread, and whoever inspects or runs the guest holds this gate. A front end that
 * runs the guest for long says how to pause it ({@link #runningUntilPaused}); one that wants in
 * meanwhile pauses it, takes its turn, and the runner carries on when it gets the gate back (as
 * the REPL's Ctrl-C stops a running guest, only without ending the run). Fair, so a runner that
 * hands the gate over between slices gets it back after the waiter.
 */
public final class MachineGate {
    /** How often a waiter asks again for the pause: a request that came as the holder's run began is dropped by that run. */
    static final long ASK_AGAIN_MS = 20;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Runnable pause;

    /** Takes the gate, pausing a guest another front end is running. */
    public void enter() {
        enter(null);
    }

    /**
     * Takes the gate; while another thread holds it, runs its pause (set while it runs the guest)
     * or else {@code otherwise} (how to stop a run that registered none, e.g. the REPL's cont),
     * again every {@link #ASK_AGAIN_MS} until the gate is ours.
     */
    public void enter(Runnable otherwise) {
        // tryLock ignores fairness: without this test a runner would take the gate straight back
        // from a front end already waiting for it, slice after slice
        if (!lock.hasQueuedThreads() && lock.tryLock()) return;
        boolean interrupted = false;
        try {
            while (true) {
                Runnable p = pause;
                if (p != null) p.run();
                else if (otherwise != null) otherwise.run();
                try {
                    if (lock.tryLock(ASK_AGAIN_MS, TimeUnit.MILLISECONDS)) return;
                } catch (InterruptedException e) {
                    interrupted = true; // the gate is still needed: the interrupt is kept for the caller
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    public void exit() {
        lock.unlock();
    }

    /** While the holder runs the guest: how a waiting front end pauses it (null when the run ends). */
    public void runningUntilPaused(Runnable pauseRun) {
        this.pause = pauseRun;
    }
}
