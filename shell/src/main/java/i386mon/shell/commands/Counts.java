package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;

/**
 * Counts typed as expressions (steps, entries, instructions). Expressions are 32-bit unsigned, so
 * {@code -1} evaluates to 0xffffffff: a count with the top bit set is a negative number typed by
 * the user, refused like zero and like counts above the command's limit, never taken as 4 billion.
 */
final class Counts {
    private Counts() { }

    /** {@code expression} as a count from 1 to {@code max}, else a usage error naming {@code what}. */
    static long positive(Session session, String expression, String what, long max) {
        long v = session.eval(expression);
        if (v < 1 || v > max) throw new CommandException(what + " must be 1 to " + max + ": " + signed(v));
        return v;
    }

    /** The value as the user most likely meant it: negative when its top bit is set. */
    private static long signed(long v) {
        return v >= 0x8000_0000L ? (int) v : v;
    }
}
