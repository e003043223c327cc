package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole state a multiboot loader hands over (registers, descriptor tables, the multiboot
 * information, its command line and memory map, the BIOS data area, the entry stack, the kernel's
 * loaded bytes), printed by the probe kernel in test resources entry-probe/ under
 * {@code qemu-system-i386 -kernel} and in i386mon. The probe never loads ESP: it pushes onto the
 * loader's stack at once and runs on it to the end.
 */
class LoaderProbeDifferentialTest {
    /** The status QEMU exits with when the probe writes 0x10 to isa-debug-exit. */
    private static final int PROBE_EXIT = 0x10 << 1 | 1;

    @TempDir
    Path dir;

    private Path probe(String name, String... ldOptions) throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link(name, List.of(ldOptions), build.compile("entry-probe/entry.S"), build.compile("entry-probe/probe.c"));
    }

    /** What the probe printed, from its first line. */
    private static List<String> probeLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("probe: ");
            if (at >= 0) out.add(line.substring(at));
        }
        return out;
    }

    private static List<String> underQemu(Path kernel, String append) {
        // A second serial port, as i386mon has COM2 (the BIOS data area lists both).
        QemuRunner.Result r = QemuRunner.boot(kernel, append, Duration.ofSeconds(60), "-serial", "null");
        assertFalse(r.timedOut(), r.serial());
        assertEquals(PROBE_EXIT, r.exitStatus(), r.serial());
        return probeLines(r.serial());
    }

    private static List<String> underI386mon(Path kernel, String append) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(Files.readAllBytes(kernel), kernel.toString(), append, List.of());
        StopReason r = m.run(50_000_000);
        String text = serial.toString(StandardCharsets.ISO_8859_1);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
        assertEquals(PROBE_EXIT, r.exitStatus(), text);
        return probeLines(text);
    }

    /**
     * Leaves out only what differs by design, each for its reason: EDX and EDI are what QEMU's
     * option ROM leaves from its fw_cfg reads and memory map loop (undefined by the specification;
     * EDI changes with the kernel's size); the arithmetic flags are its last compare's; i386mon also passes the ELF section headers
     * (info flag 5 and the syms fields), as GRUB does; the boot loader names itself; in the BIOS data
     * area, what {@link #BDA_COMPARED} leaves out.
     */
    static String designed(String line) {
        if (line.startsWith("probe: gpr ")) {
            return line.replaceAll(" (edx|edi)=\\p{XDigit}{8}", " $1=(scratch)");
        }
        if (line.startsWith("probe: eflags eflags=")) {
            int v = (int) Long.parseLong(line.substring(line.indexOf('=') + 1), 16);
            return String.format("probe: eflags eflags=%08x (status flags left out)", v & ~0x8D5);
        }
        if (line.startsWith("probe: mbi flags=")) {
            int v = (int) Long.parseLong(line.substring(17, 25), 16);
            return String.format("probe: mbi flags=%08x (ELF sections left out)", v & ~0x20) + line.substring(25);
        }
        if (line.startsWith("probe: mbi mods_addr=")) {
            return line.replaceAll(" (syms\\d)=\\p{XDigit}{8}", " $1=(ELF sections)");
        }
        if (line.startsWith("probe: boot_loader_name=")) return "probe: boot_loader_name=(the loader's own)";
        if (line.startsWith("probe: bda ")) return bdaCompared(line);
        return line;
    }

    /**
     * The bits of each BIOS data area byte (0x400-0x4FF) that are compared; the rest is hardware or
     * firmware i386mon does not have: the parallel port (0x408-0x40D, its timeouts 0x478-0x47B), the
     * floppy, PS/2 mouse and parallel bits of the equipment word (0x410), the cursor positions after
     * SeaBIOS's boot messages (0x450-0x45F), the CGA mode and palette bytes (0x465-0x466: i386mon
     * writes the IBM values, SeaBIOS's VGA BIOS leaves 0), the disk bytes (0x474-0x477, 0x48B-0x48F),
     * the INT 14h serial timeouts (0x47C-0x47F), the display combination index and the video save
     * pointer into the VGA BIOS ROM (0x48A, 0x4A8-0x4AB), and SeaBIOS's own bytes from 0x4AC.
     */
    static final int[] BDA_COMPARED = new int[0x100];

    static {
        java.util.Arrays.fill(BDA_COMPARED, 0xFF);
        int[][] leftOut = {{0x08, 0x0E}, {0x50, 0x60}, {0x65, 0x67}, {0x74, 0x80}, {0x8A, 0x90}, {0xA8, 0x100}};
        for (int[] r : leftOut) java.util.Arrays.fill(BDA_COMPARED, r[0], r[1], 0);
        BDA_COMPARED[0x10] = 0x32; // x87 (bit 1), initial video mode (bits 4-5)
        BDA_COMPARED[0x11] = 0x0E; // number of serial ports (bits 9-11)
    }

    private static String bdaCompared(String line) {
        String[] parts = line.split(" ");
        int base = Integer.parseInt(parts[2].substring(0, 3), 16) - 0x400;
        StringBuilder out = new StringBuilder("probe: bda ").append(parts[2]);
        for (int i = 0; i < 16; i++) {
            String b = parts[3 + i];
            int mask = BDA_COMPARED[base + i];
            out.append(' ').append(b.equals("..") || mask == 0 ? "--" : String.format("%02x", Integer.parseInt(b, 16) & mask));
        }
        return out.toString();
    }

    private static void assertSameState(List<String> qemu, List<String> ours, UnaryOperator<String> normalise) {
        assertTrue(qemu.contains("probe: end"), String.join("\n", qemu));
        assertEquals(String.join("\n", qemu.stream().map(normalise).toList()),
                String.join("\n", ours.stream().map(normalise).toList()));
    }

    @Test
    void entryStateMatchesQemuForAPlainlyLinkedKernel() throws Exception {
        // ld -Ttext 0x100000 without -N: the ELF header page is a PT_LOAD at 0xFF000.
        Path kernel = probe("probe.elf", "-Ttext", "0x100000");
        assertSameState(underQemu(kernel, "a b"), underI386mon(kernel, "a b"), LoaderProbeDifferentialTest::designed);
    }

    @Test
    void kernelWithoutStackSetupRunsToItsEndInBothWithAnEmptyAppend() throws Exception {
        Path kernel = probe("flat.elf", "-N", "-Ttext", "0x100000");
        List<String> qemu = underQemu(kernel, ""), ours = underI386mon(kernel, "");
        assertTrue(ours.contains("probe: cmdline='" + kernel + " '"), String.join("\n", ours));
        assertSameState(qemu, ours, LoaderProbeDifferentialTest::designed);
    }

    /**
     * A kernel linked at 0x8000 covers the information QEMU writes at 0x9000-0x9557 and QEMU then
     * copies the kernel over it: the kernel finds EBX = 0x9500 and zeros there (flags 0). i386mon
     * puts the information after the kernel instead, so the kernel gets a valid one; everything else
     * is the same, the kernel's own bytes arrive intact in both and it runs to its end.
     */
    @Test
    void kernelLinkedAt0x8000RunsToItsEndInBothAndGetsItsInformationElsewhere() throws Exception {
        Path kernel = probe("low.elf", "-N", "-Ttext", "0x8000");
        List<String> qemu = underQemu(kernel, "x"), ours = underI386mon(kernel, "x");
        assertTrue(qemu.contains("probe: mbi flags=00000000 mem_lower=00000000 mem_upper=00000000 boot_device=00000000 cmdline=00000000 mods_count=00000000"),
                String.join("\n", qemu));
        assertTrue(ours.contains("probe: cmdline='" + kernel + " x'"), String.join("\n", ours));
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("probe: mmap ")), String.join("\n", ours));
        assertSameState(withoutInformation(qemu), withoutInformation(ours), LoaderProbeDifferentialTest::designed);
    }

    private static List<String> withoutInformation(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.startsWith("probe: mbi") && !l.startsWith("probe: cmdline=") && !l.startsWith("probe: mmap ")
                        && !l.startsWith("probe: boot_loader_name="))
                .map(l -> l.replaceFirst(" ebx=\\p{XDigit}{8}", " ebx=(information)"))
                .toList();
    }
}
