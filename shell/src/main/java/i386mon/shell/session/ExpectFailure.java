package i386mon.shell.session;

/** A failed {@code expect}: the message says what was expected and what was found. */
public final class ExpectFailure extends CommandException {
    public ExpectFailure(String message) {
        super(message);
    }
}
