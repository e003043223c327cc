package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PIIX edge/level control registers at 0x4D0/0x4D1, honoured by the 8259A pair. */
class ElcrTest {
    private final IoBus bus = new IoBus();
    private final PicPair pics = new PicPair();

    @BeforeEach
    void setUp() {
        new Board(bus, new PhysicalMemory(2 << 20), new VirtualClock(), new InterruptRouter(1)).add(pics);
        int[] init = {0x20, 0x11, 0xA0, 0x11, 0x21, 0x08, 0xA1, 0x70, 0x21, 0x04, 0xA1, 0x02, 0x21, 0x01, 0xA1, 0x01, 0x21, 0x00, 0xA1, 0x00};
        for (int i = 0; i < init.length; i += 2) bus.out(init[i], 1, init[i + 1]);
    }

    @Test
    void theRegistersReadBackWhatWasWrittenWithinTheirMasks() {
        bus.out(0x4D0, 1, 0xFF);
        bus.out(0x4D1, 1, 0xFF);
        assertEquals(0xF8, bus.in(0x4D0, 1));
        assertEquals(0xDE, bus.in(0x4D1, 1));
    }

    @Test
    void aLevelTriggeredLineStillHighIsRequestedAgainAfterItsInterrupt() {
        bus.out(0x4D1, 1, 0x04); // IRQ 10
        pics.setIrq(10, true);
        assertEquals(0x72, pics.acknowledge());
        bus.out(0xA0, 1, 0x20);
        bus.out(0x20, 1, 0x20);
        assertTrue(pics.hasInterrupt());
        assertEquals(0x72, pics.acknowledge());
    }

    @Test
    void anEdgeTriggeredLineStillHighIsNotRequestedAgain() {
        pics.setIrq(10, true);
        assertEquals(0x72, pics.acknowledge());
        bus.out(0xA0, 1, 0x20);
        bus.out(0x20, 1, 0x20);
        assertFalse(pics.hasInterrupt());
    }

    @Test
    void infoPicShowsEachChipsElcr() {
        Board board = new Board(new IoBus(), new PhysicalMemory(2 << 20), new VirtualClock(), new InterruptRouter(1));
        PicPair p = board.add(new PicPair());
        p.slave().setElcr(0x0C);
        var lines = board.report("pic").lines();
        assertTrue(lines.get(0).text().startsWith("pic1: ") && lines.get(0).text().contains(" elcr=0c "), lines.get(0).text());
        assertTrue(lines.get(1).text().contains(" elcr=00 "), lines.get(1).text());
    }
}
