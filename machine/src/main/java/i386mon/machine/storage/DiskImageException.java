package i386mon.machine.storage;

/** A disk image that cannot be used as given; the message is one line naming the file. */
public final class DiskImageException extends RuntimeException {
    public DiskImageException(String message) { super(message); }
}
