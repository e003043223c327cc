package i386mon.shell.session;

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
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Runnable pause;

    /** Takes the gate, pausing a guest another front end is running. */
    public void enter() {
        enter(null);
    }

    /**
     * Takes the gate; if another thread holds it, first runs its pause (set while it runs the
     * guest) or else {@code otherwise} (how to stop a run that registered none, e.g. the REPL's cont).
     */
    public void enter(Runnable otherwise) {
        if (lock.tryLock()) return;
        Runnable p = pause;
        if (p != null) p.run();
        else if (otherwise != null) otherwise.run();
        lock.lock();
    }

    public void exit() {
        lock.unlock();
    }

    /** While the holder runs the guest: how a waiting front end pauses it (null when the run ends). */
    public void runningUntilPaused(Runnable pauseRun) {
        this.pause = pauseRun;
    }
}
