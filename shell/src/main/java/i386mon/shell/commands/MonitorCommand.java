package i386mon.shell.commands;

import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Base of every monitor command: the session it acts on and helpers for its arguments. */
abstract class MonitorCommand implements Callable<Integer> {
    Session session;
    CommandDispatcher dispatcher;

    @Override
    public final Integer call() {
        run();
        return 0;
    }

    abstract void run();

    PrintWriter out() {
        return session.out();
    }

    /** Positional words joined back into one expression (QEMU allows spaces in expressions). */
    static String joined(List<String> words) {
        return words == null ? "" : String.join(" ", words);
    }
}
