package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void padsWithZerosToTheWidth() {
        assertEquals("00007c92", Hex.padded(0x7c92, 8));
    }

    @Test
    void aNegativeIntIsItsThirtyTwoBitsAsFormatPrintsIt() {
        assertEquals(String.format("%08x", -16), Hex.padded(-16, 8));
    }

    @Test
    void neverCutsDigitsBeyondTheWidth() {
        assertEquals("12345", Hex.padded(0x12345, 4));
    }

    @Test
    void printsLowerCaseDigits() {
        assertEquals("00ab", Hex.padded(0xAB, 4));
    }
}
