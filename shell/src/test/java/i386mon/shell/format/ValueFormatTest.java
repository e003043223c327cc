package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected text is what QEMU 7.2's print printed for the same values. */
class ValueFormatTest {
    @Test
    void printsHexWithPrefixExceptForZero() {
        assertEquals("0x10", ValueFormat.format(16, 'x'));
        assertEquals("0", ValueFormat.format(0, 'x'));
    }

    @Test
    void printsOctalWithLeadingZero() {
        assertEquals("010", ValueFormat.format(8, 'o'));
    }

    @Test
    void printsSignedAndUnsignedDecimal() {
        assertEquals("-1", ValueFormat.format(0xffffffffL, 'd'));
        assertEquals("4294967295", ValueFormat.format(0xffffffffL, 'u'));
    }

    @Test
    void printsQuotedCharacter() {
        assertEquals("'A'", ValueFormat.format(65, 'c'));
    }

    @Test
    void printsBinaryAsGdbsPT() {
        assertEquals("101", ValueFormat.format(5, 't'));
        assertEquals("0", ValueFormat.format(0, 't'));
        assertEquals("1".repeat(32), ValueFormat.format(0xffffffffL, 't'));
    }
}
