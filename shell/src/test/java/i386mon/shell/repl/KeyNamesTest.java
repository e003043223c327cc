package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KeyNamesTest {
    @Test
    void mapsLettersAndDigitsToTheirKeys() {
        assertEquals("q", KeyNames.forChar('q'));
        assertEquals("shift-q", KeyNames.forChar('Q'));
        assertEquals("7", KeyNames.forChar('7'));
    }

    @Test
    void mapsPunctuationWithShiftWhereTheKeyNeedsIt() {
        assertEquals("minus", KeyNames.forChar('-'));
        assertEquals("shift-minus", KeyNames.forChar('_'));
        assertEquals("shift-1", KeyNames.forChar('!'));
        assertEquals("shift-0", KeyNames.forChar(')'));
        assertEquals("shift-slash", KeyNames.forChar('?'));
    }

    @Test
    void mapsControlCharacters() {
        assertEquals("ret", KeyNames.forChar('\r'));
        assertEquals("backspace", KeyNames.forChar(127));
        assertEquals("ctrl-d", KeyNames.forChar(4));
        assertEquals("spc", KeyNames.forChar(' '));
    }

    @Test
    void hasNoKeyForNonAsciiCharacters() {
        assertNull(KeyNames.forChar('é'));
    }
}
