package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Negative and absurd counts are usage errors, never 32-bit wrapped into billions. */
class CountsTest {
    private final Harness h = new Harness();

    @Test
    void negativeStepCountIsAUsageError() {
        assertEquals("instruction count must be 1 to 2147483647: -1", h.fails("step -1"));
        assertEquals(0x100000, h.target().eip);
    }

    @Test
    void negativeHistorySizeIsAUsageError() {
        assertEquals("history size must be 1 to 1000000: -5", h.fails("history on -5"));
    }

    @Test
    void historySizeIsCapped() {
        assertEquals("history size must be 1 to 1000000: 100000000", h.fails("history on 100000000"));
        assertEquals(0, h.session.historySize());
    }

    @Test
    void negativeEntryCountIsAUsageError() {
        DemoSession d = new DemoSession("exit");
        d.ok("history on 10");
        assertEquals("entry count must be 1 to 2147483647: -3", d.fails("info history -3"));
    }

    @Test
    void negativeExpectBudgetIsAUsageErrorInBothSpellings() {
        assertEquals("--within must be 1 to 2147483647: -1", h.fails("expect serial Hi --within -1"));
        assertEquals("--within must be 1 to 2147483647: -1", h.fails("expect serial Hi --within=-1"));
    }

    @Test
    void negativeDisassemblyCountIsAUsageError() {
        assertEquals("instruction count must be 1 to 100000: -2", h.fails("disas kernel_main -2"));
    }
}
