package i386mon.machine.pci;

import i386mon.machine.board.Board;
import i386mon.machine.io.IoDevice;

/**
 * Keeps an I/O BAR's registers on the port bus where the BAR decodes now: mapped when the guest
 * programs an address with I/O space enabled, moved when it writes another, removed when it
 * switches decoding off.
 */
final class IoBar implements IoDevice {
    private final transient int size;
    private transient Board board;
    private transient IoWindow registers;
    /** The port the window is mapped at, or -1. */
    private transient int mapped = -1;

    IoBar(int size) { this.size = size; }

    void attach(Board b) { this.board = b; }

    void setRegisters(IoWindow w) { this.registers = w; }

    /** Maps the window at {@code address} ({@link PciFunction#UNMAPPED} for none). */
    void moveTo(long address) {
        int to = address == PciFunction.UNMAPPED || registers == null ? -1 : (int) address;
        if (board == null || to == mapped) return;
        if (mapped >= 0) board.releasePorts(mapped, size, this);
        mapped = -1;
        if (to >= 0) {
            for (int p = to; p < to + size; p++) if (board.portClaimed(p)) return; // another device decodes there: the BAR loses
            board.ports(to, size, this);
            mapped = to;
        }
    }

    /** The port the registers decode at, or -1. */
    int mappedAt() { return mapped; }

    @Override
    public int in(int port, int sz) { return registers.read(port - mapped, sz); }

    @Override
    public void out(int port, int sz, int value) { registers.write(port - mapped, sz, value); }
}
