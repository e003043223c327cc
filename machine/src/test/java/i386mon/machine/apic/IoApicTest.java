package i386mon.machine.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IoApicTest {
    private static final int EDGE = 0, LEVEL = 1 << 15, MASKED = 1 << 16, LOW_ACTIVE = 1 << 13, REMOTE_IRR = 1 << 14;
    private final ApicRig rig = new ApicRig().enabled();

    @Test
    void versionSays82093AaWith24Entries() {
        assertEquals(0x0017_0011, rig.ioRead(0x01));
    }

    @Test
    void idIsWritableInBits24To27() {
        rig.ioWrite(0x00, 0xFF00_0000);
        assertEquals(0x0F00_0000, rig.ioRead(0x00));
    }

    @Test
    void ioRegSelReadsBackTheSelectedIndex() {
        rig.memory.write32(IoApic.DEFAULT_BASE, 0x12);
        assertEquals(0x12, rig.memory.read32(IoApic.DEFAULT_BASE));
    }

    @Test
    void redirectionEntriesStartMasked() {
        for (int pin = 0; pin < IoApic.PINS; pin++) assertEquals(MASKED, rig.ioRead(0x10 + 2 * pin), "pin " + pin);
    }

    @Test
    void entryHalvesAreWrittenSeparately() {
        rig.route(4, 0x31, 0x0A);
        assertEquals(0x31, rig.ioRead(0x18));
        assertEquals(0x0A00_0000, rig.ioRead(0x19));
    }

    @Test
    void edgeEntrySendsItsVectorOnARisingEdge() {
        rig.route(4, 0x31 | EDGE, 0);
        rig.router.setIrq(4, true);
        assertEquals(0x31, rig.take());
        assertFalse(rig.tmr(0x31));
    }

    @Test
    void edgeEntrySendsNothingWhileTheLineStaysHigh() {
        rig.route(4, 0x31, 0);
        rig.router.setIrq(4, true);
        rig.take();
        rig.write(0xB0, 0);
        rig.router.setIrq(4, true);
        assertEquals(-1, rig.take());
    }

    @Test
    void maskedEdgeIsLost() {
        rig.route(4, 0x31 | MASKED, 0);
        rig.router.setIrq(4, true);
        rig.route(4, 0x31, 0);
        assertEquals(-1, rig.take());
    }

    @Test
    void isaIrqZeroArrivesOnPinTwo() {
        rig.route(2, 0x30, 0);
        rig.router.setIrq(0, true);
        assertEquals(0x30, rig.take());
    }

    @Test
    void levelEntrySetsRemoteIrrAndTheTriggerModeBit() {
        rig.route(9, 0x39 | LEVEL, 0);
        rig.router.setIrq(9, true);
        assertEquals(0x39, rig.take());
        assertTrue(rig.tmr(0x39));
        assertEquals(REMOTE_IRR, rig.ioRead(0x10 + 18) & REMOTE_IRR);
    }

    @Test
    void eoiOfALevelVectorClearsRemoteIrr() {
        rig.route(9, 0x39 | LEVEL, 0);
        rig.router.setIrq(9, true);
        rig.take();
        rig.router.setIrq(9, false);
        rig.write(0xB0, 0);
        assertEquals(0, rig.ioRead(0x10 + 18) & REMOTE_IRR);
        assertEquals(-1, rig.take());
    }

    @Test
    void eoiWithTheLineStillAssertedSendsAgain() {
        rig.route(9, 0x39 | LEVEL, 0);
        rig.router.setIrq(9, true);
        rig.take();
        rig.write(0xB0, 0);
        assertEquals(0x39, rig.take());
    }

    @Test
    void levelLineAssertedWhileMaskedSendsWhenUnmasked() {
        rig.route(9, 0x39 | LEVEL | MASKED, 0);
        rig.router.setIrq(9, true);
        assertEquals(-1, rig.take());
        rig.route(9, 0x39 | LEVEL, 0);
        assertEquals(0x39, rig.take());
    }

    @Test
    void activeLowPolarityInvertsTheInput() {
        rig.route(5, 0x35 | LEVEL | LOW_ACTIVE, 0);
        rig.router.setIrq(5, true);
        assertEquals(-1, rig.take());
        rig.router.setIrq(5, false);
        assertEquals(0x35, rig.take());
    }

    @Test
    void messageForAnAbsentApicIsDropped() {
        rig.route(4, 0x31, 3);
        rig.router.setIrq(4, true);
        assertEquals(-1, rig.take());
        assertFalse(rig.irr(0x31));
    }

    @Test
    void nmiDeliveryModeReachesTheCpuAsAnNmi() {
        rig.route(4, 4 << 8, 0);
        rig.router.setIrq(4, true);
        assertTrue(rig.router.cpu(0).takeNmi());
    }

    @Test
    void remoteIrrAndDeliveryStatusAreReadOnly() {
        rig.route(4, 0x31 | REMOTE_IRR | 1 << 12, 0);
        assertEquals(0x31, rig.ioRead(0x18));
    }

    @Test
    void picStillSeesTheIsaLines() {
        rig.lapic.biosVirtualWire();
        rig.initPics();
        rig.route(4, 0x31 | MASKED, 0);
        rig.router.setIrq(4, true);
        assertEquals(0x24, rig.take());
    }
}
