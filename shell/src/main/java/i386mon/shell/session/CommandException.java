package i386mon.shell.session;

/** A command that cannot do what was asked; the message is one line for the user. */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message, null, false, false);
    }
}
