package i386mon.machine.board;

import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.MmioDevice;

/**
 * A device written for the board tests, as a new device would be: writing port 0x300 rings the
 * bell and raises IRQ 5 until port 0x301 is read (which gives the ring count); the count also
 * reads at MMIO 0xFEB00000. All of its wiring is in {@link #attach}.
 */
final class Doorbell implements BoardDevice, IoDevice, MmioDevice {
    static final int PORT = 0x300;
    static final int IRQ = 5;
    static final long MMIO_BASE = 0xFEB0_0000L;
    static final ViewTopic VIEW = new ViewTopic("doorbell", "Show how often the doorbell rang.");

    private final IrqSink irqs;
    private int rings;
    private boolean ringing;

    Doorbell(IrqSink irqs) { this.irqs = irqs; }

    @Override
    public void attach(Board board) {
        board.ports(PORT, 2, this);
        board.mmio(MMIO_BASE, 0x1000, this);
        board.view(VIEW, r -> r.line(String.format("doorbell: rung %d times, IRQ %d %s", rings, IRQ, ringing ? "high" : "low"))
                .field("rings", rings).field("ringing", ringing));
    }

    @Override
    public int in(int port, int size) {
        if (port != PORT + 1) return 0xFF;
        ringing = false;
        irqs.setIrq(IRQ, false);
        return rings;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port != PORT) return;
        rings++;
        ringing = true;
        irqs.setIrq(IRQ, true);
    }

    @Override
    public int read(long offset, int size) { return offset == 0 ? rings : 0; }

    @Override
    public void write(long offset, int size, int value) { }
}
