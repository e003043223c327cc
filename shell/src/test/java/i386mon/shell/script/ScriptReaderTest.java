package i386mon.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
    @Test
    void skipsCommentsAndBlankLines() {
        assertEquals(List.of(new ScriptLine(2, "info registers"), new ScriptLine(4, "x/4x 0")),
                ScriptReader.read("# a tour\ninfo registers\n\nx/4x 0   # first words\n"));
    }

    @Test
    void joinsContinuedLinesAndReportsTheFirstLineNumber() {
        assertEquals(List.of(new ScriptLine(1, "break kernel_main if $eax == 3"), new ScriptLine(3, "cont")),
                ScriptReader.read("break kernel_main \\\n  if $eax == 3\ncont\n"));
    }

    @Test
    void keepsAHashInsideAStringOrCharacterLiteral() {
        assertEquals(List.of(new ScriptLine(1, "expect serial \"#1 ok\""), new ScriptLine(2, "expect [0] & 0xff == '#'")),
                ScriptReader.read("expect serial \"#1 ok\" # comment\nexpect [0] & 0xff == '#'\n"));
    }
}
