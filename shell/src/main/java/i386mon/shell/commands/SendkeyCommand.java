package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** QEMU's {@code sendkey}: press and release a key combination on the guest's keyboard. */
@Command(name = "sendkey", description = "Send keys to the guest keyboard, QEMU style: sendkey ctrl-alt-delete, sendkey a.")
final class SendkeyCommand extends MonitorCommand {
    @Parameters(index = "0", paramLabel = "KEYS", description = "Key names joined by '-', pressed in order and released in reverse.")
    String keys;
    @Parameters(index = "1", arity = "0..1", paramLabel = "HOLD_MS", description = "Accepted for QEMU compatibility; keys are delivered at once.")
    Integer holdMs;

    @Override void run() {
        try {
            session.target().sendKey(keys);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }
}
