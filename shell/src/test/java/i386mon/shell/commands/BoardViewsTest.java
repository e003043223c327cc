package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.io.IoDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device plugged into the machine's board shows under info with no shell code of its own. */
class BoardViewsTest {
    /** A one-port test device: counts the bytes written to port 0x310 and offers the view "counter". */
    static final class Counter implements BoardDevice, IoDevice {
        static final int PORT = 0x310;
        private int writes;
        private int last;

        @Override
        public void attach(Board board) {
            board.ports(PORT, 1, this);
            board.view(new ViewTopic("counter", "Show the test counter."),
                    r -> r.line(String.format("counter: %d writes, last 0x%02x", writes, last)).field("writes", writes).field("last", last));
        }

        @Override public int in(int port, int size) { return writes; }

        @Override
        public void out(int port, int size, int value) {
            writes++;
            last = value;
        }
    }

    private static DemoSession withCounter() {
        return new DemoSession("exit", (request, serial) -> {
            Machine m = new Machine(new MachineConfig(request.ramBytes(), serial, serial));
            m.board().add(new Counter());
            m.boot(request.kernel(), request.cmdline(), List.of());
            return m.debugTarget();
        });
    }

    @Test
    void infoShowsTheNewDevicesView() {
        DemoSession d = withCounter();
        d.ok("o/b 0x310 0x2a");
        assertEquals("counter: 1 writes, last 0x2a\n", d.ok("info counter"));
    }

    @Test
    void helpListsTheNewDevicesView() {
        String help = withCounter().ok("help info");
        // the column is as wide as the longest view name (firmware-log)
        assertTrue(java.util.regex.Pattern.compile("(?m)^  counter +Show the test counter\\.$").matcher(help).find(), help);
    }

    @Test
    void newDevicesViewIsJsonWithItsFields() {
        DemoSession d = withCounter();
        d.ok("o/b 0x310 7");
        assertEquals("{\"view\":\"counter\",\"lines\":[{\"text\":\"counter: 1 writes, last 0x07\",\"writes\":1,\"last\":7}]}\n",
                d.ok("info counter --json"));
    }
}
