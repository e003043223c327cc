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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MP and ACPI tables a kernel booted directly finds, printed field by field by the probe kernel
 * in test resources firmware-probe/ (it scans where the MP and ACPI specifications say and checks
 * every checksum) under {@code qemu-system-i386 -kernel} and in i386mon, with 1 and several CPUs and
 * different memory sizes. QEMU runs with {@code -smp N,sockets=N}: each CPU its own package, as
 * i386mon's CPUID reports no multi-core package (with plain {@code -smp N}, QEMU 7.2 makes N cores
 * of one package and SeaBIOS lists only the package's first CPU in the MP table).
 */
class FirmwareTablesDifferentialTest {
    private static final int PROBE_EXIT = 0x10 << 1 | 1;
    private static final Pattern HEX_FIELD = Pattern.compile(" (length|entries)=(\\p{XDigit}+)");

    @TempDir
    Path dir;

    private Path probe() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("tables.elf", List.of("-Ttext", "0x100000"),
                build.compile("firmware-probe/entry.S"), build.compile("firmware-probe/tables.c"));
    }

    /** The probe's lines, from "tables: start" to "tables: end". */
    private static List<String> probeLines(String serial) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : serial.replace("\r", "").split("\n")) {
            if (line.equals("tables: start")) in = true;
            if (in) out.add(line);
            if (line.equals("tables: end")) break;
        }
        return out;
    }

    private static List<String> underQemu(Path kernel, int cpus, int mib) {
        QemuRunner.Result r = QemuRunner.boot(kernel, "", Duration.ofSeconds(60),
                "-smp", cpus + ",sockets=" + cpus, "-m", Integer.toString(mib));
        assertFalse(r.timedOut(), r.serial());
        assertEquals(PROBE_EXIT, r.exitStatus(), r.serial());
        return probeLines(r.serial());
    }

    private static List<String> underI386mon(Path kernel, int cpus, int mib) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withRam((long) mib << 20).withCpus(cpus).withSerial(serial::write));
        m.boot(Files.readAllBytes(kernel), kernel.toString(), "", List.of());
        StopReason r = m.run(100_000_000);
        String text = serial.toString(StandardCharsets.ISO_8859_1);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
        assertEquals(PROBE_EXIT, r.exitStatus(), text);
        return probeLines(text);
    }

    /**
     * QEMU's output without what it has and this machine has not, by design: the interrupt entries
     * of its PCI devices in the MP table (bus 0; i386mon has no PCI devices), with the table's length
     * and entry count less by theirs; the HPET and WAET tables (no HPET, no ACPI PM timer), with the
     * RSDT's length less by their pointers.
     */
    static List<String> withoutQemuOnly(List<String> qemu) {
        int pciEntries = (int) qemu.stream().filter(l -> l.startsWith("mp: io-interrupt ") && l.contains(" bus=00 ")).count();
        int extraTables = (int) qemu.stream().filter(l -> l.matches("acpi:  table='(HPET|WAET)'.*")).count();
        List<String> out = new ArrayList<>();
        for (String l : qemu) {
            if (l.startsWith("mp: io-interrupt ") && l.contains(" bus=00 ")) continue;
            if (l.matches("acpi:  table='(HPET|WAET)'.*")) continue;
            if (l.startsWith("mp: config ")) l = lessBy(l, "length", 8 * pciEntries, "entries", pciEntries);
            if (l.startsWith("acpi:  table='RSDT'")) l = lessBy(l, "length", 4 * extraTables, "entries", 0);
            out.add(l);
        }
        return out;
    }

    private static String lessBy(String line, String first, int firstBy, String second, int secondBy) {
        Matcher m = HEX_FIELD.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int by = m.group(1).equals(first) ? firstBy : secondBy;
            String digits = m.group(2);
            long v = Long.parseLong(digits, 16) - by;
            m.appendReplacement(sb, " " + m.group(1) + "=" + String.format("%0" + digits.length() + "x", v));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * Leaves out the addresses that differ by design: QEMU's DSDT is its whole device tree (about
     * 6.5 KiB), i386mon's holds \_S5 only, so the tables after it (FADT, MADT, RSDT) and the DSDT's
     * length differ; with more than one CPU, SeaBIOS's F-segment allocations (its SMBIOS tables
     * grow with the CPUs) move QEMU's floating pointer and RSDP, which i386mon keeps where QEMU has
     * them with one CPU.
     */
    static String designed(String line, int cpus) {
        if (line.matches("acpi:  table='(RSDT|FACP|APIC)'.*")) line = line.replaceFirst(" at=\\p{XDigit}{8}", " at=(after the DSDT)");
        if (line.startsWith("acpi:  table='DSDT'")) line = line.replaceFirst(" length=\\p{XDigit}{8}", " length=(its AML)");
        if (line.startsWith("acpi: rsdp ")) line = line.replaceFirst(" rsdt=\\p{XDigit}{8}", " rsdt=(after the DSDT)");
        if (cpus > 1 && (line.startsWith("mp: floating pointer ") || line.startsWith("mp: config ") || line.startsWith("acpi: rsdp "))) {
            line = line.replaceAll(" (at|config)=\\p{XDigit}{8}", " $1=(F-segment allocation)");
        }
        return line;
    }

    private void assertSameTables(int cpus, int mib) throws Exception {
        Path kernel = probe();
        List<String> qemu = underQemu(kernel, cpus, mib), ours = underI386mon(kernel, cpus, mib);
        assertTrue(qemu.contains("tables: checks ok 0"), String.join("\n", qemu));
        assertEquals(String.join("\n", withoutQemuOnly(qemu).stream().map(l -> designed(l, cpus)).toList()),
                String.join("\n", ours.stream().map(l -> designed(l, cpus)).toList()));
    }

    @Test
    void oneCpuWith128MiBFindsTheSameTablesAsUnderQemu() throws Exception {
        assertSameTables(1, 128);
    }

    @Test
    void twoCpusWith64MiBFindTheSameTablesAsUnderQemu() throws Exception {
        assertSameTables(2, 64);
    }

    @Test
    void fourCpusWith512MiBFindTheSameTablesAsUnderQemu() throws Exception {
        assertSameTables(4, 512);
    }
}
