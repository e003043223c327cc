package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/**
 * An exception raised while executing, delivered through the current mode's
 * {@link InterruptDelivery}, with the rules for an exception raised by that delivery itself (SDM
 * vol. 3, 6.15, interrupt 8, table 6-5): handled serially, or a double fault, or, during a double
 * fault's delivery, shutdown. These rules are the same in every mode. The chain of vectors is kept
 * for inspection after a triple fault.
 */
final class ExceptionDelivery {
    private final Cpu c;
    /** The vectors of the last exception delivery. */
    final int[] chain = new int[6];
    /** Error code of each {@link #chain} step, -1 when the exception has none. */
    final int[] chainErrors = new int[6];
    int chainLength;

    ExceptionDelivery(Cpu c) { this.c = c; }

    /** Starts a new chain with {@code ex}, the exception the CPU raised. */
    void begin(CpuException ex) {
        chainLength = 0;
        record(ex);
    }

    /**
     * Delivers {@code first}; an exception during delivery is handled serially or becomes #DF as
     * table 6-5 says, and one during #DF delivery shuts the CPU down. {@link #chain} already holds
     * {@code first} (or the chain so far, when resuming from a catchpoint); each vector whose
     * delivery is attempted, then the one that shuts the CPU down, is added. The chain is bounded:
     * a delivery can only fail with #TS/#NP/#SS/#GP/#PF, so after at most a benign, a contributory
     * and a #PF step the next failure is a double fault. Returns true to stop the run.
     */
    boolean deliver(CpuException first) {
        CpuException current = first;
        for (;;) {
            try {
                c.interrupts.deliver(current.vector, current.errorCode, current.hasErrorCode, InterruptDelivery.EXCEPTION, c.eip);
                return false;
            } catch (CpuException second) {
                if (second.vector == CpuException.PF) c.cr2 = second.linearAddress;
                record(second);
                if (current.vector == CpuException.DF || chainLength == chain.length) return tripleFault(second);
                boolean firstPfOrContributory = current.vector == CpuException.PF || CpuException.isContributory(current.vector);
                boolean secondPfOrContributory = second.vector == CpuException.PF || CpuException.isContributory(second.vector);
                boolean dbl = firstPfOrContributory && secondPfOrContributory
                        && !(CpuException.isContributory(current.vector) && second.vector == CpuException.PF);
                if (dbl) {
                    current = CpuException.fault(CpuException.DF, 0);
                    chain[chainLength - 1] = CpuException.DF; // the second fault is not delivered: #DF is
                    chainErrors[chainLength - 1] = 0;
                } else {
                    current = second; // benign combinations: handle the second exception serially
                }
                c.lastException = current;
                if (c.caught(current)) return true; // a catchpoint on #DF or on the serial exception
            }
        }
    }

    private void record(CpuException ex) {
        if (chainLength < chain.length) {
            chainErrors[chainLength] = ex.hasErrorCode ? ex.errorCode : -1;
            chain[chainLength++] = ex.vector;
        }
    }

    private boolean tripleFault(CpuException last) {
        c.lastException = last;
        c.shutdown = true;
        c.stop = Cpu.Stop.SHUTDOWN;
        return true;
    }
}
