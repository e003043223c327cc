package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.debug.FaultExplanation;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTextTest {
    private static final FaultExplanation GP = new FaultExplanation(false, 13, "#GP", 0, 0x07c0, 0x10, 0x7c10, null, null, List.of());

    @Test
    void namesTheModeInTheFaultLine() {
        List<String> lines = FaultText.lines(GP, a -> String.format("0x%08x", a), a -> "mov (%bx), %ax", "real mode");
        assertEquals("  fault:       #GP, error code 0x0 in real mode", lines.get(0));
        assertEquals("  instruction: 0x00007c10: mov (%bx), %ax", lines.get(1));
    }

    @Test
    void withoutAModeTheLinesStayAsTheyWere() {
        assertEquals("  fault:       #GP, error code 0x0", FaultText.lines(GP, a -> "", a -> "").get(0));
    }
}
