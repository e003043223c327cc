package i386mon.machine.state;

/** Saved state that cannot be restored (truncated, corrupted, or from a different machine); the message is one line. */
public final class StateFormatException extends RuntimeException {
    public StateFormatException(String message) {
        super(message, null, false, false);
    }
}
