package i386mon.shell.session;

import java.util.List;

/**
 * What to boot: a multiboot kernel image, its command line, its modules, the RAM size, whether
 * guest time is paced to the wall clock and the RTC shows the host's time, how many CPUs
 * ({@code -smp}) and their quantum ({@code --smp-quantum}).
 */
public record BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                          boolean paced, boolean hostTime, int cpus, long smpQuantum) {
    /** A multiboot module: its file's bytes and the string the kernel sees for it. */
    public record Module(String name, byte[] data, String string) { }

    /** Unpaced, with the RTC at its fixed default date: every run reproducible. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes) {
        this(kernelName, kernel, cmdline, modules, ramBytes, false, false);
    }

    /** One CPU. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, 1, i386mon.machine.MachineConfig.DEFAULT_SMP_QUANTUM);
    }

    /** The same settings for another kernel and command line (the {@code boot} command). */
    public BootRequest withKernel(String name, byte[] image, String commandLine) {
        return new BootRequest(name, image, commandLine, modules, ramBytes, paced, hostTime, cpus, smpQuantum);
    }
}
