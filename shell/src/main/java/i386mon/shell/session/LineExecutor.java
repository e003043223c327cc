package i386mon.shell.session;

/** Runs one command line; never throws for bad input. */
@FunctionalInterface
public interface LineExecutor {
    Outcome execute(String line);
}
