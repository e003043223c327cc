package i386mon.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The launcher's command line: {@code i386mon [options] [KERNEL]}. */
@Command(name = "i386mon", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpAutoWidth = false,
        description = {"An interactive monitor around an emulated i386 PC: boot a multiboot kernel, stop it, look inside.",
            "Without KERNEL the bundled demo kernel is used; with drives (-hda, -cdrom, -fda, -drive) or -boot instead, SeaBIOS boots them as under QEMU. Interactive sessions stop at the kernel's entry point."},
        footerHeading = "%nExit status (with --batch):%n",
        footer = {
            "  0        every command succeeded",
            "  2        a usage error or a failing command",
            "  4        an expect failed",
            "  6        the guest triple-faulted",
            "  8        the --timeout elapsed",
            "  10       the --max-instructions were used up",
            "  (v<<1)|1 the guest wrote v to port 0xf4 (as QEMU's isa-debug-exit)",
            "A limit reached takes precedence; then failures over how the guest ended; an expect failure over a failing command.",
            "",
            // one paragraph: help wraps it to the width
            "Output channels: with --batch and no -c/-x (or a QEMU-style -kernel run) stdout carries the guest's "
                + "serial output only and the monitor's own words (stop reasons, notes, warnings) go to stderr, as "
                + "qemu-system-i386 -serial stdio -display none. With commands, their output goes to stdout (with "
                + "serial output, as it comes) and errors to stderr; interactively both share the terminal."})
final class LaunchOptions {
    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", defaultValue = "128M",
            description = "Guest RAM, e.g. 64M or 1G (K, M, G suffixes; a plain number is MiB). Default: ${DEFAULT-VALUE}.")
    String memory;

    @Option(names = {"-a", "--append"}, paramLabel = "CMDLINE", defaultValue = "", description = "The kernel's command line.")
    String append;

    @Option(names = "--module", paramLabel = "FILE[=STRING]", description = "A multiboot module, with its string (default: FILE). Repeatable.")
    List<String> modules = new ArrayList<>();

    @Option(names = {"-x", "--script"}, paramLabel = "FILE", description = "Run a script of monitor commands. Repeatable; runs in order with -c.")
    List<Path> scripts = new ArrayList<>();

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", description = "Run one monitor command. Repeatable; runs in order with -x.")
    List<String> commands = new ArrayList<>();

    @Option(names = "--batch", description = "No prompt: run the -c/-x commands in order and exit; with none, run the guest until it stops.")
    boolean batch;

    @Option(names = "--echo", description = "Print each -c and script command after the prompt before running it, for readable transcripts.")
    boolean echo;

    @Option(names = "--serial-input", description = "While the guest runs, keys typed go to COM1 as bytes (a serial console) instead of the keyboard; "
            + "the serial-input command switches at the prompt.")
    boolean serialInput;

    @Option(names = "--pace", description = "Pace guest time to wall-clock time (interactive use: a timer tick takes real time). "
            + "Default: guest time runs as fast as the host allows; runs stay reproducible either way.")
    boolean pace;

    @Option(names = "--rtc-host", description = "Start the CMOS clock at the host's current date and time "
            + "(default: a fixed date, 2000-01-01 00:00:00, so every run prints the same).")
    boolean rtcHost;

    @Option(names = {"--serial", "-serial"}, paramLabel = "stdio|none|file:PATH", defaultValue = "stdio",
            description = "Where the guest's serial port (COM1) output goes. Default: ${DEFAULT-VALUE}.")
    String serial;

    @Option(names = {"--bios", "-bios"}, paramLabel = "FILE", arity = "0..1", fallbackValue = i386mon.machine.boot.FirmwareRom.SEABIOS,
            description = "Start a firmware ROM image (64-256 KiB) at the reset vector "
            + "instead of a kernel, as QEMU's -bios: mapped at the top of the 4 GiB space and its last 128 KiB at 0xE0000-0xFFFFF, "
            + "the CPU in its power-on state (real mode, F000:FFF0). Without FILE: SeaBIOS, " + i386mon.machine.boot.FirmwareRom.SEABIOS
            + " (Debian's seabios package), which runs its POST on the PCI chipset and fw_cfg as under QEMU; its log is info firmware-log.")
    java.nio.file.Path bios;

    @Option(names = "--boot-sector", paramLabel = "FILE", description = "Start a 512-byte boot sector (ending in 55 aa) instead of "
            + "a kernel: loaded at 0x7C00 and entered in real mode at 0000:7C00 with DL=0x80, as a BIOS would "
            + "(a shortcut until firmware boots disks: no BIOS services).")
    java.nio.file.Path bootSector;

    @Option(names = "-fda", paramLabel = "FILE", description = "A raw diskette image in floppy drive A: (720 KB, 1.44 MB, 2.88 MB ...: "
            + "the geometry follows the size, as QEMU picks it). Guest writes go to the file.")
    String fda;

    @Option(names = "-fdb", paramLabel = "FILE", description = "A raw diskette image in floppy drive B:.")
    String fdb;


    // GDB stub (#16), as QEMU spells it
    @Option(names = "-s", description = "A GDB stub on tcp::1234 (loopback), as -gdb tcp::1234.")
    boolean gdbDefaultPort;

    @Option(names = "-S", description = "With a GDB stub: do not start the guest until gdb continues it.")
    boolean gdbWait;

    @Option(names = "-gdb", paramLabel = "tcp:[HOST]:PORT|unix:PATH", description = "A GDB stub listening there "
            + "(an empty HOST is loopback). Without -S the guest runs at once; with --batch, i386mon exits when gdb kills the target.")
    String gdb;

    @Option(names = {"-smp", "--smp"}, paramLabel = "N[,sockets=N]", defaultValue = "1",
            description = "CPUs on the board, 1-8 (QEMU's spelling -smp N,sockets=N is accepted; one core per socket). "
                    + "Application processors wait for INIT/SIPI. Default: ${DEFAULT-VALUE}.")
    String smp;

    @Option(names = "--smp-quantum", paramLabel = "N", defaultValue = "1000",
            description = "With several CPUs, instructions each runs before the next takes its turn (all on one thread, "
                    + "deterministic; another value gives another interleaving). Default: ${DEFAULT-VALUE}.")
    long smpQuantum;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "End the run after SECONDS of wall time (exit status 8, one line saying so).")
    Long timeout;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "End the run after N guest instructions since boot (exit status 10, one line saying so).")
    Long maxInstructions;

    @Mixin QemuOptions qemu = new QemuOptions();

    @Mixin DriveOptions drives = new DriveOptions();

    @Parameters(paramLabel = "KERNEL", arity = "0..1", description = "Multiboot kernel ELF (default: the bundled demo kernel).")
    Path kernel;
}
