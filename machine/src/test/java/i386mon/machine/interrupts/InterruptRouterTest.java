package i386mon.machine.interrupts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.InterruptSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptRouterTest {
    /** A controller that records the inputs it sees change. */
    private static final class Inputs implements IrqSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void setIrq(int input, boolean high) { seen.add(input + (high ? "+" : "-")); }
    }

    /** A source with one pending vector. */
    private static final class Pending implements InterruptSource {
        final int vector;
        boolean pending = true;

        Pending(int vector) { this.vector = vector; }

        @Override public boolean hasInterrupt() { return pending; }

        @Override
        public int acknowledge() {
            pending = false;
            return vector;
        }
    }

    private final InterruptRouter router = new InterruptRouter(2);

    @Test
    void isaLineReachesEveryControllerThroughItsOwnWiring() {
        Inputs pic = new Inputs(), ioApic = new Inputs();
        router.connectIsa(pic, InterruptRouter.SAME_LINE);
        router.connectIsa(ioApic, irq -> irq == 0 ? 2 : irq); // the PC's IRQ0 -> I/O APIC pin 2
        router.setIrq(0, true);
        router.setIrq(4, true);
        router.setIrq(0, false);
        assertEquals(List.of("0+", "4+", "0-"), pic.seen);
        assertEquals(List.of("2+", "4+", "2-"), ioApic.seen);
    }

    @Test
    void legacyOutputDrivesTheBootstrapCpuOnly() {
        Pending pic = new Pending(0x20);
        router.connectLegacyOutput(pic);
        assertSame(pic, router.cpu(0).source());
        assertTrue(router.cpu(0).hasInterrupt());
        assertFalse(router.cpu(1).hasInterrupt(), "an application processor's INTR is not wired to the PIC");
        assertEquals(0x20, router.cpu(0).acknowledge());
        assertFalse(router.cpu(0).hasInterrupt());
    }

    @Test
    void aLocalControllerTakesOverACpusInput() {
        router.connectLegacyOutput(new Pending(0x20));
        router.cpu(0).connect(new Pending(0x41)); // as a local APIC would, taking the PIC's output itself
        assertEquals(0x41, router.cpu(0).acknowledge());
    }

    @Test
    void lineOutsideTheIsaBusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> router.setIrq(16, true));
    }

    @Test
    void cpuOutsideTheBoardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> router.cpu(2));
    }
}
