package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Input to the guest's serial ports: {@code sendserial "text\n"} and the serial-input typing mode. */
final class SerialInputCommands {
    private SerialInputCommands() { }

    static int port(int port) {
        if (port != 1 && port != 2) throw new CommandException("--port is 1 (COM1) or 2 (COM2), not " + port);
        return port;
    }

    @Command(name = "sendserial", description = "Send text to the guest's serial port as received bytes (RBR, LSR.DR, the receive interrupt): "
            + "sendserial \"root\\n\" (escapes \\n \\r \\t \\0 \\e \\xHH). Bytes wait for room in the UART's FIFO and are never overrun; "
            + "in a script, expect serial \"login:\" then sendserial drives a serial console.")
    static final class Send extends MonitorCommand {
        @Option(names = "--port", paramLabel = "1|2", description = "COM1 (default) or COM2.") int port = 1;
        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text (quote it to keep spaces).")
        List<String> words;

        @Override void run() {
            byte[] bytes = EscapedText.decode(joined(words));
            session.target().sendSerial(port(port), bytes);
        }
    }

    @Command(name = "serial-input", description = "Where keys typed while the guest runs go: serial-input on [--port 1|2] sends them "
            + "as bytes to COM1/COM2 (a serial console), serial-input off to the keyboard again; without an argument, says which. "
            + "scripts/i386mon --serial-input starts in this mode.")
    static final class Mode extends MonitorCommand {
        @Option(names = "--port", paramLabel = "1|2", description = "COM1 (default) or COM2.") int port = 1;
        @Parameters(paramLabel = "on|off", arity = "0..1", description = "on: typed keys go to the serial port; off: to the keyboard.")
        String mode;

        @Override void run() {
            if (mode != null) {
                switch (mode) {
                    case "on": session.setSerialInputPort(port(port)); break;
                    case "off": session.setSerialInputPort(0); break;
                    default: throw new CommandException("serial-input: on or off, not " + mode);
                }
            }
            int p = session.serialInputPort();
            out().println(p == 0 ? "keys typed while the guest runs go to the keyboard" : "keys typed while the guest runs go to COM" + p);
        }
    }
}
