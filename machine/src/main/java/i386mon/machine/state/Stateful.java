package i386mon.machine.state;

/** A part of the machine that saves its state into a snapshot and restores it from one. */
public interface Stateful {
    /** Writes this part's state; the same state always writes the same bytes. */
    void saveState(StateWriter out);

    /** Restores what {@link #saveState} wrote; throws {@link StateFormatException} on bytes it did not write. */
    void restoreState(StateReader in);
}
