package i386mon.machine;

import java.util.function.IntConsumer;

/**
 * How to build a {@link Machine}: RAM size and where the guest's serial (COM1) and debug-console
 * (port 0xE9) bytes go.
 */
public record MachineConfig(int ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut) {
    public static final int DEFAULT_RAM = 128 << 20;

    public MachineConfig {
        if (serialOut == null) serialOut = b -> { };
        if (debugConsoleOut == null) debugConsoleOut = b -> { };
    }

    public static MachineConfig defaults() { return new MachineConfig(DEFAULT_RAM, null, null); }

    public MachineConfig withRam(int bytes) { return new MachineConfig(bytes, serialOut, debugConsoleOut); }

    public MachineConfig withSerial(IntConsumer out) { return new MachineConfig(ramBytes, out, debugConsoleOut); }
}
