package i386mon.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * QEMU's spellings of the options Makefiles already pass to {@code qemu-system-i386}, so that
 * replacing the program name is enough (#18). A QEMU-style run ({@code -kernel}) is a batch run
 * unless {@code -monitor stdio} asks for the prompt. Mixed into {@link LaunchOptions}.
 */
final class QemuOptions {
    @Option(names = "-kernel", paramLabel = "KERNEL", description = "QEMU spelling: the kernel (a batch run unless -monitor stdio).")
    Path kernel;

    @Option(names = "-append", paramLabel = "CMDLINE", description = "QEMU spelling of --append.")
    String append;

    @Option(names = "-initrd", paramLabel = "FILE[ ARGS][,FILE...]", description = "QEMU spelling: multiboot modules, comma-separated.")
    String initrd;

    @Option(names = "-display", paramLabel = "none", description = "QEMU spelling: only none (there is no display window).")
    String display;

    @Option(names = "-vga", paramLabel = "std|none", description = "QEMU spelling: std plugs QEMU's std VGA PCI function (00:02.0, "
            + "the Bochs VBE registers, SeaBIOS's VGA BIOS in its ROM), none leaves the slot empty. Default: std when the firmware "
            + "runs (--bios, or drives without a kernel), none for a multiboot kernel or a boot sector. The VGA registers and "
            + "its text screen are there either way.")
    String vga;

    @Option(names = "-nographic", description = "QEMU spelling: no display window (always so).")
    boolean nographic;

    @Option(names = "-no-reboot", description = "QEMU spelling: a guest reset request (0xCF9, port 0x92, the 8042) stops the run instead of restarting the machine.")
    boolean noReboot;

    @Option(names = "-no-shutdown", description = "QEMU spelling: accepted; the guest's state stays inspectable after it stops.")
    boolean noShutdown;

    @Option(names = "-device", paramLabel = "isa-debug-exit,iobase=0xf4,iosize=0x04",
            description = "QEMU spelling: only the debug-exit device at port 0xf4, which is always present.")
    List<String> devices = new ArrayList<>();

    @Option(names = "-monitor", paramLabel = "stdio", description = "QEMU spelling: stdio gives the interactive prompt.")
    String monitor;

    @Option(names = "-d", paramLabel = "ITEM[,ITEM...]", description = "QEMU spelling: log int (interrupt and exception deliveries "
            + "as QEMU prints them), cpu_reset (the CPU state before a reset) and guest_errors (I/O ports no device decodes) "
            + "to stderr or the -D file; -d help lists them. QEMU's other items are not supported.")
    String log;

    @Option(names = "-D", paramLabel = "FILE", description = "QEMU spelling: write the -d log to FILE instead of stderr.")
    Path logFile;

    /** The first value we cannot honour, as "not supported: ..." (one line), or null. */
    String unsupported() {
        if (display != null && !display.equals("none")) return "not supported: -display " + display + " (only -display none)";
        if (vga != null && !vga.equals("std") && !vga.equals("none")) return "not supported: -vga " + vga + " (std or none)";
        for (String d : devices) {
            if (!isDebugExit(d)) return "not supported: -device " + d + " (only isa-debug-exit,iobase=0xf4,iosize=0x04)";
        }
        if (monitor != null && !monitor.equals("stdio") && !monitor.equals("none")) return "not supported: -monitor " + monitor + " (stdio or none)";
        return null;
    }

    private static boolean isDebugExit(String spec) {
        String[] parts = spec.split(",");
        if (!parts[0].equals("isa-debug-exit")) return false;
        for (int k = 1; k < parts.length; k++) {
            String p = parts[k].replace(" ", "");
            if (p.startsWith("iobase=") && !(p.equalsIgnoreCase("iobase=0xf4") || p.equals("iobase=244"))) return false;
            if (p.startsWith("iosize=") && !p.matches("iosize=(0x0*)?[124]")) return false;
            if (!p.startsWith("iobase=") && !p.startsWith("iosize=")) return false;
        }
        return true;
    }

    /** -initrd's comma-separated list as --module values ("FILE ARGS" keeps its string after the file). */
    List<String> modules() {
        List<String> out = new ArrayList<>();
        if (initrd == null) return out;
        for (String m : initrd.split(",")) {
            String t = m.strip();
            if (t.isEmpty()) continue;
            int sp = t.indexOf(' ');
            out.add(sp < 0 ? t : t.substring(0, sp) + "=" + t);
        }
        return out;
    }
}
