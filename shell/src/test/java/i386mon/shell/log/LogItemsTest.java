package i386mon.shell.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import i386mon.shell.session.CommandException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class LogItemsTest {
    @Test
    void parsesQemusCommaSeparatedList() {
        assertEquals(EnumSet.of(LogItems.Item.INT, LogItems.Item.GUEST_ERRORS), LogItems.parse("int,guest_errors"));
        assertEquals(EnumSet.of(LogItems.Item.CPU_RESET), LogItems.parse("cpu_reset"));
    }

    @Test
    void aQemuItemWeCannotLogIsOneLine() {
        CommandException e = assertThrows(CommandException.class, () -> LogItems.parse("int,in_asm"));
        assertEquals("not supported: -d in_asm; i386mon logs: int,cpu_reset,guest_errors", e.getMessage());
    }

    @Test
    void anUnknownItemSaysSo() {
        CommandException e = assertThrows(CommandException.class, () -> LogItems.parse("frob"));
        assertEquals("not supported: -d frob (no such log item); i386mon logs: int,cpu_reset,guest_errors", e.getMessage());
    }
}
