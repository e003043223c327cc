package i386mon.shell.session;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MachineGateTest {
    private final MachineGate gate = new MachineGate();

    /** A runner that hands the gate over between slices of {@code sliceMs}, until {@code done}; counts its slices. */
    private Thread runner(AtomicBoolean done, AtomicInteger slices, long sliceMs, CountDownLatch started) {
        Thread t = new Thread(() -> {
            while (!done.get()) {
                gate.enter();
                try {
                    slices.incrementAndGet();
                    started.countDown();
                    long end = System.nanoTime() + sliceMs * 1_000_000;
                    while (System.nanoTime() < end) Thread.onSpinWait();
                } finally {
                    gate.exit();
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aRunnerBetweenSlicesLetsAWaitingFrontEndInFirst() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger slices = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = runner(done, slices, 5, started);
        started.await();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                int before = slices.get();
                gate.enter();
                int waited = slices.get() - before;
                gate.exit();
                assertTrue(waited <= 2, "the runner took the gate back " + waited + " times before the waiter got it");
            });
        } finally {
            done.set(true);
            t.join();
        }
    }

    @Test
    void aPauseTheRunnerDroppedIsAskedForAgain() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> {
            gate.enter();
            try {
                // the first request comes before the run is ready for it and is lost, as RunControl drops one from before its run
                gate.runningUntilPaused(() -> {
                    if (asked.incrementAndGet() > 1) stop.set(true);
                });
                running.countDown();
                while (!stop.get()) Thread.onSpinWait();
                gate.runningUntilPaused(null);
            } finally {
                gate.exit();
            }
        });
        t.setDaemon(true);
        t.start();
        running.await();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            gate.enter();
            gate.exit();
        });
        assertTrue(asked.get() >= 2, "asked " + asked.get() + " times");
        t.join();
    }
}
