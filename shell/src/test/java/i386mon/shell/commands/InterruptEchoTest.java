package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.debug.StopReason;
import org.junit.jupiter.api.Test;

/** After the terminal echoed ^C, the stop line starts on a line of its own, not as "^CStopped:". */
class InterruptEchoTest {
    private final Harness h = new Harness();

    @Test
    void theStopLineAfterAnEchoedInterruptStartsOnANewLine() {
        h.session.interruptEchoed();
        h.session.printStop(StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted"));
        assertEquals("\nStopped: interrupted at 0x00100000 (kernel_main)\n", h.out.toString());
    }

    @Test
    void onlyTheFirstLineAfterTheEchoIsMoved() {
        h.session.interruptEchoed();
        h.session.printStop(StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted"));
        h.session.printStop(StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted"));
        assertEquals("\nStopped: interrupted at 0x00100000 (kernel_main)\nStopped: interrupted at 0x00100000 (kernel_main)\n", h.out.toString());
    }

    @Test
    void withoutAnEchoNothingIsAdded() {
        h.session.printStop(StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted"));
        assertEquals("Stopped: interrupted at 0x00100000 (kernel_main)\n", h.out.toString());
    }
}
