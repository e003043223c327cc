package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DisplayFormatTest {
    private final DisplayFormat f = new DisplayFormat();

    @Test
    void startsWithOneHexWord() {
        assertEquals(new DisplayFormat.Spec(1, 'x', 4), f.parse(null));
    }

    @Test
    void readsCountFormatAndSize() {
        assertEquals(new DisplayFormat.Spec(8, 'x', 1), f.parse("8xb"));
        assertEquals(new DisplayFormat.Spec(2, 'd', 8), f.parse("2gd"));
    }

    @Test
    void remembersFormatAndSizeBetweenCommands() {
        f.parse("2xg");
        assertEquals(new DisplayFormat.Spec(3, 'c', 8), f.parse("3c"));
        assertEquals(new DisplayFormat.Spec(1, 'c', 8), f.parse(null));
    }

    @Test
    void instructionFormatHasNoSizeAndKeepsTheRememberedOne() {
        f.parse("xh");
        assertEquals(new DisplayFormat.Spec(3, 'i', -1), f.parse("3i"));
        assertEquals(new DisplayFormat.Spec(1, 'i', -1), f.parse(null));
        assertEquals(new DisplayFormat.Spec(1, 'x', 2), f.parse("x"));
    }

    @Test
    void rejectsUnknownFormatCharacterAsQemuDoes() {
        assertEquals("invalid char in format: 'z'", assertThrows(FormatException.class, () -> f.parse("4z")).getMessage());
    }

    @Test
    void stringFormatIsBytesAndNotRemembered() {
        assertEquals(new DisplayFormat.Spec(3, 's', 1), f.parse("3s"));
        assertEquals(new DisplayFormat.Spec(1, 'x', 4), f.parse(null));
    }

    @Test
    void binaryFormatIsRemembered() {
        assertEquals(new DisplayFormat.Spec(2, 't', 1), f.parse("2tb"));
        assertEquals(new DisplayFormat.Spec(1, 't', 1), f.parse(null));
    }
}
