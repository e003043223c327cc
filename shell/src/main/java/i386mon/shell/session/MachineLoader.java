package i386mon.shell.session;

import i386mon.shell.guest.Target;
import java.util.function.IntConsumer;

/** Creates and boots a machine; the real one is {@code MachineTarget.LOADER}. */
@FunctionalInterface
public interface MachineLoader {
    /** Boots {@code request}, sending serial bytes to {@code serial}; throws CommandException with one line on failure. */
    Target boot(BootRequest request, IntConsumer serial);
}
