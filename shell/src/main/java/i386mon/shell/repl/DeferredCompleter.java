package i386mon.shell.repl;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** A completer made at the first TAB: the command model it completes from may still be in the making at the first prompt. */
final class DeferredCompleter implements Completer {
    private final Supplier<? extends Completer> make;
    private Completer completer;

    DeferredCompleter(Supplier<? extends Completer> make) {
        this.make = make;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (completer == null) completer = make.get();
        completer.complete(reader, line, candidates);
    }
}
