package i386mon.machine.board;

/** A device that plugs into a {@link Board}. */
public interface BoardDevice {
    /** Claims this device's ports, MMIO ranges and timers on {@code board} and offers its views. */
    void attach(Board board);
}
