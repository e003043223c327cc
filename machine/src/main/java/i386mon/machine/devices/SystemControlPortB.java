package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
/**
 * Port 0x61, the AT's system control port B: bit 0 drives PIT channel 2's GATE, bit 1 enables the
 * speaker, bits 2-3 are parity/IOCHK check enables (kept); reads add bit 4, the memory refresh
 * toggle (flips every 18 PIT clocks, about 15 us, as channel 1 did on the AT), and bit 5, channel
 * 2's OUT. Bits 6-7 (parity/IOCHK errors) read 0.
 */
public final class SystemControlPortB extends ByteIoDevice implements BoardDevice {
    public static final int PORT = 0x61;
    private static final long REFRESH_TICKS = 18;

    private final Pit8254 pit;
    private int value;

    public SystemControlPortB(Pit8254 pit) {
        super(PORT, 1);
        this.pit = pit;
    }

    @Override
    int inb(int offset) {
        int refresh = (int) (pit.ticksNow() / REFRESH_TICKS & 1);
        return value & 0x0F | refresh << 4 | (pit.out(2) ? 0x20 : 0);
    }

    @Override
    void outb(int offset, int v) {
        value = v & 0x0F;
        pit.setGate(2, (v & 1) != 0);
    }

    /** True while the speaker is enabled (bit 1) and channel 2 is gated (bit 0). */
    public boolean speakerOn() { return (value & 3) == 3; }

    @Override
    public void attach(Board board) {
        board.ports(PORT, 1, this);
    }
}
