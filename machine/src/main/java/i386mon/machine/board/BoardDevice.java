package i386mon.machine.board;

import i386mon.machine.state.FieldState;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.util.Set;

/** A device that plugs into a {@link Board}. */
public interface BoardDevice {
    /** Claims this device's ports, MMIO ranges and timers on {@code board} and offers its views. */
    void attach(Board board);

    /**
     * Writes this device's state into a snapshot. By default every field {@link FieldState} can
     * save, so a new device is in every snapshot with no code; {@code others} are the board's other
     * devices (references to them are wiring, not state).
     */
    default void saveState(StateWriter out, Set<Object> others) { FieldState.save(this, out, others); }

    /**
     * Restores what {@link #saveState} wrote. A device whose wiring depends on its state (an MMIO
     * window that moves with a register) re-applies it here.
     */
    default void restoreState(StateReader in, Set<Object> others) { FieldState.restore(this, in, others); }
}
