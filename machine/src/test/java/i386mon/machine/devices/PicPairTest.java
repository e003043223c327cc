package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.io.IoBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PicPairTest {
    private final IoBus bus = new IoBus();
    private final PicPair pics = new PicPair();

    @BeforeEach
    void setUp() {
        bus.register(0x20, 2, pics.master());
        bus.register(0xA0, 2, pics.slave());
    }

    /** The classic remap: ICW1 0x11, ICW2 base, ICW3 cascade, ICW4 8086 mode. */
    private void init(int masterBase, int slaveBase, int icw4) {
        bus.out(0x20, 1, 0x11);
        bus.out(0xA0, 1, 0x11);
        bus.out(0x21, 1, masterBase);
        bus.out(0xA1, 1, slaveBase);
        bus.out(0x21, 1, 0x04);
        bus.out(0xA1, 1, 0x02);
        bus.out(0x21, 1, icw4);
        bus.out(0xA1, 1, icw4);
    }

    @Test
    void initSequenceSetsVectorBasesAndClearsMask() {
        bus.out(0x21, 1, 0xFF);
        init(0x20, 0x28, 0x01);
        assertEquals(0x20, pics.master().vectorBase());
        assertEquals(0x28, pics.slave().vectorBase());
        assertEquals(0x00, bus.in(0x21, 1));
        assertFalse(pics.master().initialising());
    }

    @Test
    void maskWrittenThroughOcw1ReadsBack() {
        init(0x20, 0x28, 0x01);
        bus.out(0x21, 1, 0xFB);
        bus.out(0xA1, 1, 0xBF);
        assertEquals(0xFB, bus.in(0x21, 1));
        assertEquals(0xBF, bus.in(0xA1, 1));
    }

    @Test
    void risingEdgeRaisesInterruptWithRemappedVector() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(1, true);
        assertTrue(pics.hasInterrupt());
        assertEquals(0x21, pics.acknowledge());
        assertFalse(pics.hasInterrupt());
    }

    @Test
    void maskedLineDoesNotInterruptButShowsInIrr() {
        init(0x20, 0x28, 0x01);
        bus.out(0x21, 1, 0x01);
        pics.setIrq(0, true);
        assertFalse(pics.hasInterrupt());
        bus.out(0x20, 1, 0x0A); // OCW3: read IRR
        assertEquals(0x01, bus.in(0x20, 1));
    }

    @Test
    void ocw3SelectsIsrRead() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(3, true);
        pics.acknowledge();
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x08, bus.in(0x20, 1));
        bus.out(0x20, 1, 0x0A);
        assertEquals(0x00, bus.in(0x20, 1));
    }

    @Test
    void inServiceBlocksLowerPriorityUntilNonSpecificEoi() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(0, true);
        assertEquals(0x20, pics.acknowledge());
        pics.setIrq(4, true);
        assertFalse(pics.hasInterrupt());
        bus.out(0x20, 1, 0x20);
        assertTrue(pics.hasInterrupt());
        assertEquals(0x24, pics.acknowledge());
    }

    @Test
    void higherPriorityNestsOverInService() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(4, true);
        assertEquals(0x24, pics.acknowledge());
        pics.setIrq(1, true);
        assertTrue(pics.hasInterrupt());
        assertEquals(0x21, pics.acknowledge());
    }

    @Test
    void specificEoiClearsOnlyThatLevel() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(4, true);
        pics.acknowledge();
        pics.setIrq(1, true);
        pics.acknowledge();
        bus.out(0x20, 1, 0x64); // specific EOI level 4
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x02, bus.in(0x20, 1));
    }

    @Test
    void lowerPriorityRequestWaitsWhileHigherIsPending() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(5, true);
        pics.setIrq(3, true);
        assertEquals(0x23, pics.acknowledge());
    }

    @Test
    void autoEoiLeavesNothingInService() {
        init(0x20, 0x28, 0x03);
        pics.setIrq(1, true);
        assertEquals(0x21, pics.acknowledge());
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x00, bus.in(0x20, 1));
    }

    @Test
    void slaveRequestCascadesThroughIrq2() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(12, true);
        assertTrue(pics.hasInterrupt());
        assertEquals(0x2C, pics.acknowledge());
        assertEquals(0x04, pics.master().isr());
        assertEquals(0x10, pics.slave().isr());
    }

    @Test
    void maskedCascadeHidesSlaveRequests() {
        init(0x20, 0x28, 0x01);
        bus.out(0x21, 1, 0x04);
        pics.setIrq(8, true);
        assertFalse(pics.hasInterrupt());
    }

    @Test
    void vanishedRequestGivesSpuriousIrq7WithoutInService() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(3, true);
        assertTrue(pics.hasInterrupt());
        pics.setIrq(3, false);
        assertEquals(0x27, pics.acknowledge());
        assertEquals(0, pics.master().isr());
    }

    @Test
    void slaveWithNothingLeftAtIntaAnswersSpuriousIrq15() {
        init(0x20, 0x28, 0x01);
        // The slave's INT reached the master but its request is gone by the second INTA pulse.
        pics.master().setLine(2, true);
        assertEquals(0x2F, pics.acknowledge());
        assertEquals(0x04, pics.master().isr()); // the master still needs its EOI
        assertEquals(0x00, pics.slave().isr());
    }

    @Test
    void vanishedSlaveRequestWithdrawsCascadeRequest() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(10, true);
        pics.setIrq(10, false);
        assertFalse(pics.hasInterrupt());
        assertEquals(0x27, pics.acknowledge());
    }

    @Test
    void edgeMustFallBeforeItCanRequestAgain() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(1, true);
        pics.acknowledge();
        bus.out(0x20, 1, 0x20);
        pics.setIrq(1, true);
        assertFalse(pics.hasInterrupt());
        pics.setIrq(1, false);
        pics.setIrq(1, true);
        assertTrue(pics.hasInterrupt());
    }

    @Test
    void levelTriggeredRequestRepeatsAfterEoiWhileHigh() {
        bus.out(0x20, 1, 0x19);
        bus.out(0x21, 1, 0x20);
        bus.out(0x21, 1, 0x04);
        bus.out(0x21, 1, 0x01);
        pics.setIrq(5, true);
        assertEquals(0x25, pics.acknowledge());
        bus.out(0x20, 1, 0x20);
        assertTrue(pics.hasInterrupt());
    }

    @Test
    void specialMaskModeLetsLowerLevelsInterrupt() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(1, true);
        pics.acknowledge();
        pics.setIrq(5, true);
        assertFalse(pics.hasInterrupt());
        bus.out(0x21, 1, 0x02); // mask level 1 (in service)
        bus.out(0x20, 1, 0x68); // OCW3: set special mask mode
        assertTrue(pics.hasInterrupt());
        assertEquals(0x25, pics.acknowledge());
    }

    @Test
    void rotateOnNonSpecificEoiMakesServicedLevelLowest() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(0, true);
        pics.acknowledge();
        bus.out(0x20, 1, 0xA0); // rotate on non-specific EOI: IR0 becomes lowest
        pics.setIrq(0, false);
        pics.setIrq(0, true);
        pics.setIrq(1, true);
        assertEquals(0x21, pics.acknowledge());
    }

    @Test
    void pollCommandReturnsLevelAndAcknowledges() {
        init(0x20, 0x28, 0x01);
        pics.setIrq(6, true);
        bus.out(0x20, 1, 0x0C);
        assertEquals(0x86, bus.in(0x20, 1));
        assertEquals(0x40, pics.master().isr());
    }

    @Test
    void outOfRangeIrqIsRejected() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pics.setIrq(16, true));
        assertEquals("IRQ out of range 0-15: 16", e.getMessage());
    }

    @Test
    void raisedCountCountsRisingEdgesOnly() {
        pics.pulseIrq(0);
        pics.setIrq(12, true);
        pics.setIrq(12, true); // still high: not a new edge
        pics.pulseIrq(0);
        assertEquals(2, pics.raisedCount(0));
        assertEquals(1, pics.raisedCount(12));
        assertEquals(0, pics.raisedCount(1));
    }

    @Test
    void rotationMovesTheHighestPriorityLine() {
        init(0x20, 0x28, 0x01);
        assertEquals(0, pics.master().highestPriorityLine());
        bus.out(0x20, 1, 0xC0 | 3); // OCW2 set priority: IR3 lowest
        assertEquals(4, pics.master().highestPriorityLine());
    }

    @Test
    void ocw3SelectsTheRegisterACommandPortReadReturns() {
        init(0x20, 0x28, 0x01);
        bus.out(0x20, 1, 0x0B);
        assertTrue(pics.master().readsIsr());
        bus.out(0x20, 1, 0x0A);
        assertFalse(pics.master().readsIsr());
    }
}
