package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.junit.jupiter.api.Test;

/** The completer behind the first prompt: made at the first TAB, once. */
class DeferredCompleterTest {
    @Test
    void makesTheCompleterAtTheFirstCompletionOnlyAndCompletesThroughIt() {
        AtomicInteger made = new AtomicInteger();
        Completer real = (reader, line, candidates) -> candidates.add(new Candidate("info"));
        DeferredCompleter c = new DeferredCompleter(() -> {
            made.incrementAndGet();
            return real;
        });
        assertEquals(0, made.get());
        List<Candidate> out = new ArrayList<>();
        c.complete(null, null, out);
        c.complete(null, null, out);
        assertEquals(1, made.get());
        assertEquals(List.of("info", "info"), out.stream().map(Candidate::value).toList());
    }
}
