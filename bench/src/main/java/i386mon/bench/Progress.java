package i386mon.bench;

import java.io.PrintStream;

/** Where the benchmark says what it is doing while it runs (stderr), or nowhere. */
final class Progress {
    private final PrintStream err;

    Progress(PrintStream err) {
        this.err = err;
    }

    static Progress silent() {
        return new Progress(null);
    }

    void note(String what) {
        if (err != null) err.println("bench: " + what);
    }
}
