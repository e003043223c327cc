package i386mon.shell.expr;

/** A bad expression or a value that cannot be read; the message is one line meant for the user. */
public final class ExprException extends RuntimeException {
    public ExprException(String message) {
        super(message, null, false, false);
    }
}
