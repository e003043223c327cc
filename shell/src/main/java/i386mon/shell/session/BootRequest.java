package i386mon.shell.session;

import java.util.List;

/**
 * What to boot: a multiboot kernel image, its command line, its modules, the RAM size, and whether
 * guest time is paced to the wall clock and the RTC shows the host's time; {@code start} says how
 * the image starts (a multiboot kernel, a firmware ROM at the reset vector, a boot sector).
 */
public record BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                          boolean paced, boolean hostTime, Start start) {
    /** A multiboot module: its file's bytes and the string the kernel sees for it. */
    public record Module(String name, byte[] data, String string) { }

    /** How the image starts. */
    public enum Start {
        /** A multiboot kernel, entered in protected mode as a multiboot loader leaves it. */
        MULTIBOOT,
        /** A firmware ROM image ({@code --bios}), run from the CPU's power-on reset state. */
        BIOS,
        /** A 512-byte boot sector ({@code --boot-sector}), entered in real mode at 0000:7C00. */
        BOOT_SECTOR
    }

    public BootRequest {
        if (start == null) start = Start.MULTIBOOT;
    }

    /** A multiboot kernel. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, Start.MULTIBOOT);
    }

    /** Unpaced, with the RTC at its fixed default date: every run reproducible. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes) {
        this(kernelName, kernel, cmdline, modules, ramBytes, false, false);
    }
}
