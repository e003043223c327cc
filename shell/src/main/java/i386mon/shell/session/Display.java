package i386mon.shell.session;

import i386mon.shell.expr.ExprException;
import i386mon.shell.format.ValueFormat;

/**
 * An expression {@code display} shows at every stop, gdb's way: "1: $eax = 0x5", "2: /d $ecx = -1",
 * or with format {@code i} the instruction at the address ("3: x/i $eip" then the x/i line).
 * Format 0 means the remembered {@code print} format at the time it is shown.
 */
public record Display(int number, String expression, char format) {
    /** The display's heading as {@code info display} lists it. */
    public String text() {
        if (format == 'i') return "x/i " + expression;
        return (format == 0 ? "" : "/" + format + " ") + expression;
    }

    void print(Session s) {
        try {
            if (format == 'i') {
                long address = s.eval(expression);
                s.out().println(number + ": " + text());
                s.printInstructionAt((int) address);
                return;
            }
            char f = format == 0 ? s.displayFormat().defaultFormat() : format;
            if (f == 'i') f = 'x';
            s.out().println(number + ": " + text() + " = " + ValueFormat.format(s.eval(expression), f));
        } catch (ExprException | CommandException e) {
            s.out().println(number + ": " + text() + " = <error: " + e.getMessage() + ">");
        }
    }
}
