package i386mon.machine;

import i386mon.machine.devices.CmosRtc;
import java.util.function.IntConsumer;

/**
 * How to build a {@link Machine}: RAM size, where the guest's serial (COM1) and debug-console
 * (port 0xE9) bytes go, the wall time the RTC shows at virtual time 0 (a fixed date by default, so
 * runs are reproducible; the host's time on request), and whether guest time is paced to wall-clock
 * time (for interactive use; off by default, which keeps runs as fast as the host allows).
 */
public record MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut, long rtcEpochSeconds, boolean paced) {
    public static final long DEFAULT_RAM = 128 << 20;

    public MachineConfig {
        if (serialOut == null) serialOut = b -> { };
        if (debugConsoleOut == null) debugConsoleOut = b -> { };
    }

    public MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut) {
        this(ramBytes, serialOut, debugConsoleOut, CmosRtc.DEFAULT_EPOCH_SECONDS, false);
    }

    public static MachineConfig defaults() { return new MachineConfig(DEFAULT_RAM, null, null); }

    public MachineConfig withRam(long bytes) { return new MachineConfig(bytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced); }

    public MachineConfig withSerial(IntConsumer out) { return new MachineConfig(ramBytes, out, debugConsoleOut, rtcEpochSeconds, paced); }

    /** The RTC's date and time at virtual time 0, in seconds since 1970 (e.g. the host's current time). */
    public MachineConfig withRtcEpoch(long seconds) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, seconds, paced); }

    /** Paces guest time to wall-clock time: the guest never runs ahead of real time (a HLT waits for real). */
    public MachineConfig withPacing(boolean on) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, on); }
}
