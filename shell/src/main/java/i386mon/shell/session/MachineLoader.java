package i386mon.shell.session;

import i386mon.machine.debug.DebugTarget;
import java.util.function.IntConsumer;

/** Creates and boots a machine; the real one is {@link EmulatorLoader#LOADER}. */
@FunctionalInterface
public interface MachineLoader {
    /** Boots {@code request}, sending serial bytes to {@code serial}; throws CommandException with one line on failure. */
    DebugTarget boot(BootRequest request, IntConsumer serial);
}
