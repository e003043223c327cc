package i386mon.machine.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.debug.StopReason;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.PhysicalMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new device is one class ({@link Doorbell}) and one {@link Board#add} line: the board does the rest. */
class BoardTest {
    private static final int GDT = 0x1000, IDT = 0x2000, HANDLER = 0x3000, CODE = 0x4000, STACK = 0x9000, RESULT = 0x500;
    /** Master PIC vector base as the BIOS leaves it (0x08) + IRQ 5. */
    private static final int DOORBELL_VECTOR = 0x08 + Doorbell.IRQ;

    private final Machine machine = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final Doorbell doorbell = machine.board().add(new Doorbell(machine.board().irqs()));

    @Test
    void portBusDecodesTheDevicesPorts() {
        machine.io().out(Doorbell.PORT, 1, 1);
        machine.io().out(Doorbell.PORT, 1, 1);
        assertEquals(2, machine.io().in(Doorbell.PORT + 1, 1));
    }

    @Test
    void mmioRangeReachesTheDevice() {
        machine.io().out(Doorbell.PORT, 1, 1);
        assertEquals(1, machine.memory().read32(Doorbell.MMIO_BASE));
    }

    @Test
    void irqTravelsThroughTheRouterToTheCpu() {
        PhysicalMemory mem = machine.memory();
        Cpu cpu = machine.cpu();
        long code = 0x00CF9A000000FFFFL, data = 0x00CF93000000FFFFL;
        mem.write64(GDT + 8, code);
        mem.write64(GDT + 16, data);
        cpu.setGdtr(GDT, 23);
        cpu.loadFlatSegment(Cpu.CS, 0x08, code);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) cpu.loadFlatSegment(s, 0x10, data);
        mem.write64(IDT + 8L * DOORBELL_VECTOR, HANDLER | 0x08L << 16 | 0x8E00L << 32); // ring-0 interrupt gate
        cpu.setIdtr(IDT, 256 * 8 - 1);
        // mov $0xdf,%al; out %al,$0x21 (only IRQ 5 open); sti; mov $0x300,%dx; out %al,(%dx); nop; hlt
        load(CODE, 0xB0, 0xDF, 0xE6, 0x21, 0xFB, 0x66, 0xBA, 0x00, 0x03, 0xEE, 0x90, 0xF4);
        // mov $0x301,%dx; in (%dx),%al; mov %al,RESULT; mov $0x20,%al; out %al,$0x20 (EOI); hlt
        load(HANDLER, 0x66, 0xBA, 0x01, 0x03, 0xEC, 0xA2, RESULT, RESULT >> 8, 0, 0, 0xB0, 0x20, 0xE6, 0x20, 0xF4);
        cpu.setReg(Cpu.ESP, STACK);
        cpu.setEip(CODE);
        cpu.setEflags(2);

        StopReason stop = machine.run(100);

        assertEquals(StopReason.Kind.HALTED, stop.kind(), stop.toString()); // in the handler, IF clear
        assertEquals(1, mem.read8(RESULT), "the handler read the ring count");
        assertEquals(CODE + 10, mem.read32(STACK - 12), "interrupted right after the OUT that rang");
        assertEquals(1, machine.devices().pics().raisedCount(Doorbell.IRQ));
    }

    @Test
    void viewIsListedAfterThePcsOwn() {
        List<ViewTopic> topics = machine.board().topics();
        assertEquals(Doorbell.VIEW, topics.get(topics.size() - 1));
        machine.io().out(Doorbell.PORT, 1, 1);
        Report.Line line = machine.board().report("doorbell").lines().get(0);
        assertEquals("doorbell: rung 1 times, IRQ 5 high", line.text());
        assertEquals(1, line.fields().get("rings"));
    }

    @Test
    void viewsOfOneTopicJoinInRegistrationOrder() {
        assertEquals(4, machine.board().report("serial").lines().size(), "COM1's two lines, then COM2's");
        assertTrue(machine.board().report("serial").lines().get(2).text().startsWith("COM2 "));
    }

    @Test
    void aPortClaimedTwiceIsRefused() {
        IoDevice other = new IoDevice() {
            @Override public int in(int port, int size) { return 0; }

            @Override public void out(int port, int size, int value) { }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.board().ports(Doorbell.PORT + 1, 1, other));
        assertEquals("port 0x301 is already claimed", e.getMessage());
    }

    @Test
    void unknownViewIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> machine.board().report("nonesuch"));
    }

    private void load(int address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) machine.memory().write8(address + i, bytes[i] & 0xFF);
    }
}
