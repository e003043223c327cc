package i386mon.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.impl.CompletionMatcherImpl;

/**
 * JLine's candidate matching with prefix matches only: its default falls back to candidates that
 * merely contain the word ("main" completing to "kernel_main"), which a shell user does not expect (#18).
 */
final class PrefixCompletionMatcher extends CompletionMatcherImpl {
    @Override
    protected void defaultMatchers(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
                                   boolean caseInsensitive, int errors, String originalGroupName) {
        String typed = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        String word = caseInsensitive ? typed.toLowerCase() : typed;
        matchers = new ArrayList<>(List.of(simpleMatcher(s -> (caseInsensitive ? s.toLowerCase() : s).startsWith(word))));
        exact = s -> caseInsensitive ? s.equalsIgnoreCase(word) : s.equals(word);
    }
}
