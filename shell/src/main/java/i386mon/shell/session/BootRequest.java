package i386mon.shell.session;

import i386mon.machine.storage.StorageConfig;
import java.util.List;

/**
 * What to boot: a multiboot kernel image, its command line, its modules, the RAM size, whether
 * guest time is paced to the wall clock and the RTC shows the host's time, how many CPUs
 * ({@code -smp}) and their quantum ({@code --smp-quantum}); {@code start} says how the image starts
 * (a multiboot kernel, a firmware ROM at the reset vector, a boot sector); {@code storage} the IDE
 * drives, {@code floppies} the diskettes in the floppy drives.
 */
public record BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                          boolean paced, boolean hostTime, int cpus, long smpQuantum, Start start, StorageConfig storage,
                          List<Floppy> floppies, Vga vga) {
    /** A multiboot module: its file's bytes and the string the kernel sees for it. */
    public record Module(String name, byte[] data, String string) { }

    /** A diskette image for floppy drive {@code unit} (0 = A:, 1 = B:), opened when the machine is built. */
    /** Floppy drive {@code unit} with diskette image {@code file}, or with none when {@code file} is null (QEMU's empty default drive A). */
    public record Floppy(int unit, String file, boolean readOnly) {
        /** An empty drive. */
        public static Floppy empty(int unit) { return new Floppy(unit, null, false); }

        public boolean hasDiskette() { return file != null; }
    }

    /** How the image starts. */
    public enum Start {
        /** A multiboot kernel, entered in protected mode as a multiboot loader leaves it. */
        MULTIBOOT,
        /** A firmware ROM image ({@code --bios}), run from the CPU's power-on reset state. */
        BIOS,
        /** A 512-byte boot sector ({@code --boot-sector}), entered in real mode at 0000:7C00. */
        BOOT_SECTOR
    }

    /** The VGA PCI function ({@code -vga}). */
    public enum Vga {
        /** QEMU's std VGA when the firmware runs, none otherwise. */
        DEFAULT,
        /** QEMU's std VGA ({@code -vga std}). */
        STD,
        /** No VGA PCI function ({@code -vga none}). */
        NONE
    }

    public BootRequest {
        if (start == null) start = Start.MULTIBOOT;
        if (vga == null) vga = Vga.DEFAULT;
        if (storage == null) storage = StorageConfig.none();
        floppies = floppies == null ? List.of() : List.copyOf(floppies);
    }

    /** The request with the default VGA choice. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime, int cpus, long smpQuantum, Start start, StorageConfig storage,
                       List<Floppy> floppies) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, start, storage, floppies, Vga.DEFAULT);
    }

    /** The same request with this VGA choice ({@code -vga std|none}). */
    public BootRequest withVga(Vga v) {
        return new BootRequest(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, start, storage, floppies, v);
    }

    /** True if the board gets QEMU's std VGA function: asked for, or by default when the firmware runs. */
    public boolean stdVga() {
        return vga == Vga.STD || vga == Vga.DEFAULT && start == Start.BIOS;
    }

    /** An image started as {@code start}, without drives or diskettes. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime, int cpus, long smpQuantum, Start start) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, start, StorageConfig.none(), List.of());
    }

    /** The same request with diskettes in the floppy drives ({@code -fda}, {@code -fdb}, {@code -drive if=floppy}). */
    public BootRequest withFloppies(List<Floppy> drives) {
        return new BootRequest(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, start, storage, drives, vga);
    }

    /** A multiboot kernel on {@code cpus} CPUs. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime, int cpus, long smpQuantum) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, Start.MULTIBOOT);
    }

    /** A multiboot kernel, one CPU. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes,
                       boolean paced, boolean hostTime) {
        this(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, 1, i386mon.machine.MachineConfig.DEFAULT_SMP_QUANTUM);
    }

    /** Unpaced, with the RTC at its fixed default date: every run reproducible. */
    public BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes) {
        this(kernelName, kernel, cmdline, modules, ramBytes, false, false);
    }

    /** The same settings for another multiboot kernel and command line (the {@code load} command). */
    public BootRequest withKernel(String name, byte[] image, String commandLine) {
        return new BootRequest(name, image, commandLine, modules, ramBytes, paced, hostTime, cpus, smpQuantum, Start.MULTIBOOT, storage, floppies, vga);
    }

    /** The same request with these drives, {@code -snapshot} and boot order. */
    public BootRequest withStorage(StorageConfig s) {
        return new BootRequest(kernelName, kernel, cmdline, modules, ramBytes, paced, hostTime, cpus, smpQuantum, start, s, floppies, vga);
    }
}
