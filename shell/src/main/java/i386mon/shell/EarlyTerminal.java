package i386mon.shell;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * The terminal, opened on a thread of its own while the options are parsed: opening it (JLine's
 * providers, its terminal capabilities) is as long as the parse and needs none of the options. It is
 * not opened when the arguments ask for a run without a prompt (--batch, QEMU's -kernel, --help,
 * --version); a run that turns out to need none closes it unused.
 */
final class EarlyTerminal {
    private final CompletableFuture<Terminal> opening;
    private boolean taken;

    private EarlyTerminal(CompletableFuture<Terminal> opening) {
        this.opening = opening;
    }

    /** Starts opening the terminal, unless {@code args} name a run without a prompt. */
    static EarlyTerminal start(String[] args, Supplier<Terminal> terminals, java.util.concurrent.Executor thread) {
        return new EarlyTerminal(maybePrompts(args) ? CompletableFuture.supplyAsync(terminals, thread) : null);
    }

    /** False when an argument (before {@code --}) asks for a run that never shows the prompt. */
    static boolean maybePrompts(String[] args) {
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("--batch") || a.startsWith("--batch=") || a.equals("-kernel") || a.equals("-h") || a.equals("--help")
                    || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** The terminal being opened, for the run to use (it closes it); opened now if it was not started. */
    CompletableFuture<Terminal> take(Supplier<Terminal> terminals, java.util.concurrent.Executor thread) {
        taken = true;
        return opening != null ? opening : CompletableFuture.supplyAsync(terminals, thread);
    }

    /** Closes a terminal the run did not take (a batch run, a usage error), once it is open. */
    void closeUnlessTaken() {
        if (taken || opening == null) return;
        taken = true;
        try {
            Terminal t = opening.join();
            if (t != null) t.close();
        } catch (CompletionException | IOException e) {
            // a terminal that did not open, or did not close: the run never needed it
        }
    }
}
