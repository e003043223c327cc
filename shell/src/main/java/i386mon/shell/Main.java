package i386mon.shell;

import i386mon.shell.session.CommandException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code i386mon [options] [KERNEL]}: the entry point the launcher script runs. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(Machines.loader(), System.out, System.err, System.getenv(), () -> {
            try {
                return SystemTerminal.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int status;
        try {
            status = launcher.run(args);
        } catch (CommandException | UncheckedIOException e) {
            System.err.println("i386mon: " + e.getMessage());
            status = 2;
        } catch (RuntimeException e) {
            // a bug of ours: one line that names it, not a stack trace
            System.err.println("i386mon: internal error: " + e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }
}
