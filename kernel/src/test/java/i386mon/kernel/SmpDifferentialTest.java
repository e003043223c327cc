package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMP test kernel (test resources smp/): the bootstrap CPU starts the others with INIT and
 * startup IPIs through a real-mode trampoline at 0x8000, each AP prints its APIC ID under a
 * spinlock, every CPU adds to a spinlock-protected and a LOCK XADD counter, and IPIs (fixed and
 * NMI) go between the CPUs and to an APIC ID no CPU has. Under QEMU ({@code -smp N,sockets=N}) and
 * i386mon it prints the same lines; the "up" lines come in the order the APs ran, so they are
 * compared sorted.
 */
class SmpDifferentialTest {
    private static final int KERNEL_EXIT = 0x10 << 1 | 1;

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("smp.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("smp/entry.S"), build.compile("smp/smp.c"));
    }

    /** The kernel's lines, the "up" lines sorted (their order is the APs' start order). */
    private static List<String> smpLines(String serial) {
        List<String> up = new ArrayList<>(), rest = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("smp: ");
            if (at < 0) continue;
            String l = line.substring(at);
            (l.startsWith("smp: up ") ? up : rest).add(l);
        }
        up.sort(null);
        List<String> out = new ArrayList<>(up);
        out.addAll(rest);
        return out;
    }

    /** A run under i386mon: the serial text and each CPU's instruction count. */
    private record Run(String serial, long[] perCpu) { }

    private static Run underI386mon(Path kernel, int cpus, long quantum) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write).withCpus(cpus).withSmpQuantum(quantum));
        m.boot(Files.readAllBytes(kernel), "smp.elf", List.of());
        StopReason r = m.run(500_000_000);
        String text = serial.toString(StandardCharsets.ISO_8859_1);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
        assertEquals(KERNEL_EXIT, r.exitStatus(), text);
        long[] counts = new long[cpus];
        for (int i = 0; i < cpus; i++) counts[i] = m.cpu(i).retired();
        return new Run(text, counts);
    }

    private void printsWhatQemuPrints(int cpus) throws Exception {
        Path kernel = kernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(120), "-smp", cpus + ",sockets=" + cpus);
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = smpLines(qemu.serial());
        assertTrue(expected.contains("smp: end"), qemu.serial());
        List<String> actual = smpLines(underI386mon(kernel, cpus, MachineConfig.DEFAULT_SMP_QUANTUM).serial());
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void twoCpusPrintWhatQemuPrints() throws Exception {
        printsWhatQemuPrints(2);
    }

    @Test
    void fourCpusPrintWhatQemuPrints() throws Exception {
        printsWhatQemuPrints(4);
    }

    @Test
    void fourCpuRunsAreIdenticalByteForByteWithTheSameInstructionCounts() throws Exception {
        Path kernel = kernel();
        Run first = underI386mon(kernel, 4, MachineConfig.DEFAULT_SMP_QUANTUM);
        Run second = underI386mon(kernel, 4, MachineConfig.DEFAULT_SMP_QUANTUM);
        assertEquals(first.serial(), second.serial());
        assertArrayEquals(first.perCpu(), second.perCpu());
        for (long n : first.perCpu()) assertTrue(n > 0, "every CPU ran");
    }

    @Test
    void anotherQuantumInterleavesDifferentlyWithTheSameCounts() throws Exception {
        Path kernel = kernel();
        Run standard = underI386mon(kernel, 4, MachineConfig.DEFAULT_SMP_QUANTUM);
        Run fine = underI386mon(kernel, 4, 7);
        assertFalse(java.util.Arrays.equals(standard.perCpu(), fine.perCpu()), "a different quantum interleaves differently");
        assertEquals(smpLines(standard.serial()), smpLines(fine.serial()));
    }
}
