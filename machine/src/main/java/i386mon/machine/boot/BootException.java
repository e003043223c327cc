package i386mon.machine.boot;

/** A kernel or module that cannot be booted; the message is one line saying why. */
public final class BootException extends RuntimeException {
    public BootException(String message) {
        super(message);
    }

    static BootException format(String format, Object... args) {
        return new BootException(String.format(format, args));
    }
}
