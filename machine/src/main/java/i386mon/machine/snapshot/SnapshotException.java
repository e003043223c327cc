package i386mon.machine.snapshot;

/** A snapshot that cannot be taken, found, read or restored; the message is one line that says why. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message, null, false, false);
    }
}
