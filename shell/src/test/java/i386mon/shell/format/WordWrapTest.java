package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordWrapTest {
    @Test
    void aShortLineIsLeftAlone() {
        assertEquals("  x  y", WordWrap.line("  x  y", 80, 4));
    }

    @Test
    void wrapsAtTheLastSpaceThatFits() {
        assertEquals("one two\nthree", WordWrap.line("one two three", 10, 0));
    }

    @Test
    void neverSplitsAHyphenatedOrSlashedWord() {
        assertEquals("see\nreverse-stepi\nand x/8a", WordWrap.line("see reverse-stepi and x/8a", 12, 0));
    }

    @Test
    void aWordLongerThanTheLineGetsALineOfItsOwnUncut() {
        assertEquals("a\nabcdefghijklmnop\nb", WordWrap.line("a abcdefghijklmnop b", 8, 0));
    }

    @Test
    void continuationLinesHangAtTheIndent() {
        assertEquals("  --max=N  Stop after\n           N steps.", WordWrap.line("  --max=N  Stop after N steps.", 22, 11));
    }

    @Test
    void theIndentIsAtMostHalfTheWidth() {
        assertEquals("aaaa bbbb\n     cccc", WordWrap.line("aaaa bbbb cccc", 10, 8));
    }

    @Test
    void aTwoColumnRowContinuesUnderItsSecondColumn() {
        assertEquals("  -a, --all   every one of\n              them all",
                WordWrap.text("  -a, --all   every one of them all", 28));
    }

    @Test
    void aRowWhoseFirstFieldFillsItsColumnContinuesUnderTheColumnOfTheRowBefore() {
        String text = "  -a          every one\n  --long-name every one of them all";
        assertEquals("  -a          every one\n  --long-name every one of\n              them all", WordWrap.text(text, 28));
    }

    @Test
    void aParagraphContinuesAtTheLeftMargin() {
        assertEquals("Stop the guest\nwhen it halts.\n", WordWrap.text("Stop the guest when it halts.\n", 15));
    }

    @Test
    void anUnknownWidthIsEighty() {
        assertEquals(80, WordWrap.widthOr80(0));
        assertEquals(47, WordWrap.widthOr80(47));
    }
}
