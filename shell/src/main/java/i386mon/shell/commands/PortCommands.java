package i386mon.shell.commands;

import i386mon.shell.format.DisplayFormat;
import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** QEMU's {@code i/FMT PORT} and {@code o/FMT PORT VALUE}: port I/O of 1, 2 or 4 bytes (the remembered size). */
final class PortCommands {
    private PortCommands() { }

    static int portSize(DisplayFormat.Spec spec) {
        int size = spec.size() < 0 ? 1 : spec.size();
        if (size == 8) throw new CommandException("port I/O is 1, 2 or 4 bytes: size g is not allowed");
        return size;
    }

    @Command(name = "i", description = "Read an I/O port: i/FMT PORT (size b h w from FMT, remembered).")
    static final class In extends MonitorCommand {
        @Parameters(paramLabel = "[/FMT] PORT", arity = "1..*", description = "Format suffix and port expression.") List<String> words;

        @Override void run() {
            List<String> rest = new ArrayList<>(words);
            DisplayFormat.Spec spec = session.displayFormat().parse(MemoryCommands.formatSuffix(rest));
            if (rest.isEmpty()) throw new CommandException("port expected");
            int size = portSize(spec);
            int port = (int) session.eval(joined(rest)) & 0xFFFF;
            int v = session.target().in(port, size);
            char suffix = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
            long value = v & (size == 4 ? 0xFFFF_FFFFL : (1L << (size * 8)) - 1);
            out().println(String.format("port%c[0x%04x] = 0x%0" + (size * 2) + "x", suffix, port, value));
        }
    }

    @Command(name = "o", description = "Write an I/O port: o/FMT PORT VALUE (size b h w from FMT, remembered).")
    static final class Out extends MonitorCommand {
        @Parameters(paramLabel = "[/FMT] PORT VALUE", arity = "2..*", description = "Format suffix, port and value expressions.") List<String> words;

        @Override void run() {
            List<String> rest = new ArrayList<>(words);
            DisplayFormat.Spec spec = session.displayFormat().parse(MemoryCommands.formatSuffix(rest));
            if (rest.size() != 2) throw new CommandException("expected PORT VALUE (write expressions without spaces)");
            int size = portSize(spec);
            int port = (int) session.eval(rest.get(0)) & 0xFFFF;
            int value = (int) session.eval(rest.get(1));
            session.target().out(port, size, value);
        }
    }
}
