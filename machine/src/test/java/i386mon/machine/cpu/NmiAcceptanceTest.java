package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** An NMI from the interrupt source (a local APIC's NMI message) is taken whatever IF says, once. */
class NmiAcceptanceTest {
    private static final class OneNmi implements InterruptSource {
        int nmis = 1;

        @Override public boolean hasInterrupt() { return false; }

        @Override public int acknowledge() { throw new AssertionError("no INTA expected"); }

        @Override public boolean takeNmi() {
            if (nmis == 0) return false;
            nmis--;
            return true;
        }
    }

    @Test
    void nmiIsDeliveredThroughVectorTwoWithInterruptsDisabled() {
        CpuHarness h = new CpuHarness();
        OneNmi source = new OneNmi();
        h.cpu.setInterruptSource(source);
        h.code("cli\n nop\n hlt").run();
        assertEquals(CpuException.NMI, h.vector());
        assertEquals(0, source.nmis);
    }
}
