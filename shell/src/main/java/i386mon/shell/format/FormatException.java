package i386mon.shell.format;

/** A bad {@code /FMT} or an unprintable request; one line for the user. */
public final class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message, null, false, false);
    }
}
