package i386mon.shell.session;

import java.util.List;

/**
 * What to boot: a multiboot kernel image, its command line, its modules, the RAM size, and whether
 * guest time is paced to the wall clock and the RTC shows the host's time.
 */
public record BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                          boolean paced, boolean hostTime) {
    /** A multiboot module: its file's bytes and the string the kernel sees for it. */
    public record Module(String name, byte[] data, String string) { }

    /** Unpaced, with the RTC at its fixed default date: every run reproducible. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes) {
        this(kernelName, kernel, cmdline, modules, ramBytes, false, false);
    }
}
