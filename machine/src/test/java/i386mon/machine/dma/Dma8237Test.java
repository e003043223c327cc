package i386mon.machine.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dma8237Test {
    private final IoBus bus = new IoBus();
    private final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    private final Dma8237 dma = new Board(bus, memory, new VirtualClock(), new InterruptRouter(1)).add(new Dma8237(memory));
    /** What the test device moves when granted: bytes to memory, or the count it reads from memory. */
    private byte[] deviceData = {1, 2, 3, 4};
    private final List<Integer> grants = new ArrayList<>();

    /** Programs channel 2 as a floppy driver does: mode, page, address and count through the flip-flop. */
    private void program(int mode, int page, int address, int count) {
        bus.out(0x0A, 1, 0x06); // mask channel 2
        bus.out(0x0C, 1, 0);    // clear the flip-flop
        bus.out(0x0B, 1, mode);
        bus.out(0x04, 1, address & 0xFF);
        bus.out(0x04, 1, address >> 8);
        bus.out(0x81, 1, page);
        bus.out(0x05, 1, count & 0xFF);
        bus.out(0x05, 1, count >> 8);
    }

    /** The test device writes its bytes through channel 2 programmed with {@code mode}, {@code count} + 1 bytes at {@code address}. */
    private void writeThroughChannel2(int mode, int address, int count) {
        connectWriter();
        program(mode, 0, address, count);
        bus.out(0x0A, 1, 0x02);
        dma.hold(2);
    }

    private void connectWriter() {
        dma.connect(2, port -> {
            grants.add(port.remaining());
            port.toMemory(deviceData, 0, deviceData.length);
            dma.release(2);
        });
    }

    @Test
    void addressAndCountReadBackThroughTheFlipFlop() {
        program(0x46, 0, 0x1234, 0x01FF);
        bus.out(0x0C, 1, 0);
        assertEquals(0x34, bus.in(0x04, 1));
        assertEquals(0x12, bus.in(0x04, 1));
        assertEquals(0xFF, bus.in(0x05, 1));
        assertEquals(0x01, bus.in(0x05, 1));
    }

    @Test
    void clearingTheFlipFlopRestartsAtTheLowByte() {
        program(0x46, 0, 0xABCD, 0);
        bus.in(0x04, 1); // low byte, flip-flop now high
        bus.out(0x0C, 1, 0);
        assertEquals(0xCD, bus.in(0x04, 1));
    }

    @Test
    void masterClearMasksEveryChannel() {
        bus.out(0x0E, 1, 0);
        assertFalse(dma.masked(2));
        bus.out(0x0D, 1, 0);
        for (int ch = 0; ch < 4; ch++) assertTrue(dma.masked(ch));
        assertEquals(0xFF, bus.in(0x0F, 1));
    }

    @Test
    void aWriteTransferPutsTheDeviceBytesAtPageAndAddress() {
        connectWriter();
        program(0x46, 0x02, 0x1000, 3);
        bus.out(0x0A, 1, 0x02); // unmask channel 2
        dma.hold(2);
        byte[] got = new byte[4];
        memory.peek(0x21000, got, 0, 4);
        assertArrayEquals(deviceData, got);
        assertEquals(List.of(4), grants);
    }

    @Test
    void aMaskedChannelWaitsUntilItIsUnmasked() {
        connectWriter();
        program(0x46, 0, 0x2000, 3);
        dma.hold(2);
        assertEquals(List.of(), grants);
        bus.out(0x0A, 1, 0x02);
        assertEquals(List.of(4), grants);
        assertEquals(1, memory.read8(0x2000));
    }

    @Test
    void terminalCountSetsTheStatusBitUntilTheStatusIsRead() {
        writeThroughChannel2(0x46, 0x3000, 3);
        assertEquals(0x04, bus.in(0x08, 1) & 0x0F);
        assertEquals(0x00, bus.in(0x08, 1) & 0x0F);
    }

    @Test
    void terminalCountMasksTheChannelWithoutAutoInitialize() {
        writeThroughChannel2(0x46, 0x3000, 3);
        assertTrue(dma.masked(2));
        assertEquals(0xFFFF, dma.count(2));
    }

    @Test
    void autoInitializeReloadsAddressAndCountAtTerminalCount() {
        writeThroughChannel2(0x56, 0x3000, 3);
        assertFalse(dma.masked(2));
        assertEquals(3, dma.count(2));
        assertEquals(0x3000, dma.physicalAddress(2));
    }

    @Test
    void theTransferStopsAtTerminalCount() {
        deviceData = new byte[] {9, 9, 9, 9, 9, 9};
        connectWriter();
        program(0x46, 0, 0x4000, 1); // two bytes
        bus.out(0x0A, 1, 0x02);
        dma.hold(2);
        assertEquals(9, memory.read8(0x4001));
        assertEquals(0, memory.read8(0x4002));
    }

    @Test
    void decrementModeFillsDownwards() {
        writeThroughChannel2(0x66, 0x5003, 3);
        assertEquals(1, memory.read8(0x5003));
        assertEquals(4, memory.read8(0x5000));
    }

    @Test
    void aReadTransferTakesBytesFromMemory() {
        memory.write8(0x6000, 0x5A);
        byte[] got = new byte[1];
        dma.connect(2, port -> port.fromMemory(got, 0, 1));
        program(0x4A, 0, 0x6000, 0);
        bus.out(0x0A, 1, 0x02);
        dma.hold(2);
        assertEquals(0x5A, got[0] & 0xFF);
    }

    @Test
    void aVerifyTransferLeavesMemoryAlone() {
        writeThroughChannel2(0x42, 0x7000, 3);
        assertEquals(0, memory.read8(0x7000));
        assertTrue(dma.masked(2)); // it still counted to terminal count
    }

    @Test
    void aDisabledControllerGrantsNothing() {
        connectWriter();
        program(0x46, 0, 0x3000, 3);
        bus.out(0x08, 1, 0x04);
        bus.out(0x0A, 1, 0x02);
        dma.hold(2);
        assertEquals(List.of(), grants);
    }

    @Test
    void dmaWritesReachTheCodeCacheAsCpuWritesDo() {
        List<Integer> written = new ArrayList<>();
        memory.addCodeWriteListener((paddr, size) -> {
            written.add(paddr);
            return true;
        });
        memory.markCodePage(0x8000);
        writeThroughChannel2(0x46, 0x8000, 3);
        assertEquals(List.of(0x8000, 0x8001, 0x8002, 0x8003), written);
    }

    @Test
    void dmaWritesReachWatchpointsAsCpuWritesDo() {
        List<Long> seen = new ArrayList<>();
        memory.setWatchedPages((paddr, size, write) -> { if (write) seen.add(paddr); }, new int[] {0x9});
        writeThroughChannel2(0x46, 0x9FFE, 3);
        assertEquals(List.of(0x9FFEL, 0x9FFFL), seen); // the two bytes in the watched page, not the two after it
    }

    @Test
    void wordChannelsAddressWordsWithTheirPage() {
        program(0x46, 0, 0, 0); // leave channel 2 alone; program channel 5 on the second controller
        bus.out(0xD8, 1, 0);       // clear flip-flop
        bus.out(0xD6, 1, 0x45);    // channel 5: single, write
        bus.out(0xC4, 1, 0x00);
        bus.out(0xC4, 1, 0x10);    // word address 0x1000 -> byte 0x2000 in the page
        bus.out(0x8B, 1, 0x03);    // page (bit 0 ignored for word channels)
        assertEquals(0x22000, dma.physicalAddress(5));
    }

    @Test
    void pageRegistersAreReadableAndPort80IsLeftAlone() {
        for (int p = 0x81; p <= 0x8F; p++) bus.out(p, 1, p);
        for (int p = 0x81; p <= 0x8F; p++) assertEquals(p, bus.in(p, 1));
        assertEquals(null, bus.deviceAt(0x80));
    }

    @Test
    void secondControllerDecodesEvenPortsOnly() {
        assertEquals(null, bus.deviceAt(0xC1));
        assertTrue(bus.deviceAt(0xDE) != null);
    }

    @Test
    void stateSurvivesASnapshot() {
        program(0x56, 0x07, 0x1234, 0x0100);
        StateWriter out = new StateWriter();
        dma.saveState(out, Set.of());
        Dma8237 other = new Dma8237(memory);
        other.restoreState(new StateReader(out.toByteArray(), "dma"), Set.of());
        assertEquals(0x71234, other.physicalAddress(2));
        assertEquals(0x0100, other.count(2));
        assertTrue(other.masked(2));
    }
}
