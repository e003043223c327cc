package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class PrefixCompletionMatcherTest {
    private static List<String> matches(String line, String... values) {
        PrefixCompletionMatcher m = new PrefixCompletionMatcher();
        m.compile(Map.of(), false, (CompletingParsedLine) new DefaultParser().parse(line, line.length()), false, 0, null);
        return m.matches(java.util.Arrays.stream(values).map(Candidate::new).collect(Collectors.toList()))
                .stream().map(Candidate::value).sorted().collect(Collectors.toList());
    }

    @Test
    void matchesCandidatesThatStartWithTheWord() {
        assertEquals(List.of("main", "main_loop"), matches("break mai", "main", "main_loop", "kernel_main"));
    }

    @Test
    void neverFallsBackToCandidatesThatOnlyContainTheWord() {
        assertEquals(List.of(), matches("break main", "kernel_main", "domain"));
    }
}
