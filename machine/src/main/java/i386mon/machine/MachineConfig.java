package i386mon.machine;

import i386mon.machine.devices.CmosRtc;
import i386mon.machine.firmware.Processors;
import i386mon.machine.storage.StorageConfig;
import java.util.function.IntConsumer;

/**
 * How to build a {@link Machine}: RAM size, where the guest's serial (COM1) and debug-console
 * (port 0xE9) bytes go, the wall time the RTC shows at virtual time 0 (a fixed date by default, so
 * runs are reproducible; the host's time on request), and whether guest time is paced to wall-clock
 * time (for interactive use; off by default, which keeps runs as fast as the host allows), and how
 * many CPUs the board has (1 by default; the firmware tables, MP and ACPI MADT, list them) and how
 * many instructions each runs in its turn when there are several ({@link #DEFAULT_SMP_QUANTUM}), and its IDE
 * drives with the boot order ({@link StorageConfig}: none and QEMU's default order unless given).
 */
public record MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut, long rtcEpochSeconds, boolean paced,
        int cpus, long smpQuantum, StorageConfig storage) {
    public static final long DEFAULT_RAM = 128 << 20;
    /** Instructions a CPU runs before the next one takes its turn: short enough to interleave spinlock races, long enough to cost little. */
    public static final long DEFAULT_SMP_QUANTUM = 1000;
    /** The largest quantum: a CPU's turn must fit in its run slice. */
    public static final long MAX_SMP_QUANTUM = 1_000_000_000L;

    public MachineConfig {
        if (storage == null) storage = StorageConfig.none();
        if (serialOut == null) serialOut = b -> { };
        if (debugConsoleOut == null) debugConsoleOut = b -> { };
        if (cpus < 1 || cpus > Processors.MAX) {
            throw new IllegalArgumentException("the number of CPUs must be between 1 and " + Processors.MAX + ", not " + cpus);
        }
        if (smpQuantum < 1 || smpQuantum > MAX_SMP_QUANTUM) {
            throw new IllegalArgumentException("the SMP quantum must be between 1 and " + MAX_SMP_QUANTUM + " instructions, not " + smpQuantum);
        }
    }

    public MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut, long rtcEpochSeconds, boolean paced,
            int cpus, long smpQuantum) {
        this(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, cpus, smpQuantum, StorageConfig.none());
    }

    public MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut, long rtcEpochSeconds, boolean paced, int cpus) {
        this(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, cpus, DEFAULT_SMP_QUANTUM);
    }

    public MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut, long rtcEpochSeconds, boolean paced) {
        this(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, 1);
    }

    public MachineConfig(long ramBytes, IntConsumer serialOut, IntConsumer debugConsoleOut) {
        this(ramBytes, serialOut, debugConsoleOut, CmosRtc.DEFAULT_EPOCH_SECONDS, false);
    }

    public static MachineConfig defaults() { return new MachineConfig(DEFAULT_RAM, null, null); }

    public MachineConfig withRam(long bytes) { return new MachineConfig(bytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, cpus, smpQuantum, storage); }

    public MachineConfig withSerial(IntConsumer out) { return new MachineConfig(ramBytes, out, debugConsoleOut, rtcEpochSeconds, paced, cpus, smpQuantum, storage); }

    /** The RTC's date and time at virtual time 0, in seconds since 1970 (e.g. the host's current time). */
    public MachineConfig withRtcEpoch(long seconds) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, seconds, paced, cpus, smpQuantum, storage); }

    /** Paces guest time to wall-clock time: the guest never runs ahead of real time (a HLT waits for real). */
    public MachineConfig withPacing(boolean on) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, on, cpus, smpQuantum, storage); }

    /** The number of CPUs (1 to {@value Processors#MAX}): each with its local APIC, listed in the MP and ACPI tables. */
    public MachineConfig withCpus(int n) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, n, smpQuantum, storage); }

    /** Instructions per CPU turn with several CPUs ({@code --smp-quantum}); a different value interleaves differently. */
    /** The IDE drives, {@code -snapshot} and the boot order ({@code -boot}) the firmware configuration reports. */
    public MachineConfig withStorage(StorageConfig s) {
        return new MachineConfig(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, cpus, smpQuantum, s);
    }

    public MachineConfig withSmpQuantum(long n) { return new MachineConfig(ramBytes, serialOut, debugConsoleOut, rtcEpochSeconds, paced, cpus, n, storage); }
}
