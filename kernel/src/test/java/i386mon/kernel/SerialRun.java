package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test kernel's COM1 lines under i386mon, run until it exits through the isa-debug-exit port,
 * and the lines of a QEMU run, compared line by line (the firmware's own output left out).
 */
final class SerialRun {
    /** What the test kernels write to port 0xf4 when done: QEMU exits with (0x10 << 1) | 1. */
    static final int KERNEL_EXIT = 0x10 << 1 | 1;

    private SerialRun() { }

    /** The lines of {@code serial} that start with one of {@code prefixes} (CR dropped). */
    static List<String> lines(String serial, String... prefixes) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            for (String p : prefixes) {
                int at = line.indexOf(p);
                if (at >= 0) {
                    out.add(line.substring(at));
                    break;
                }
            }
        }
        return out;
    }

    /** Boots {@code kernel} in i386mon; asserts it exited with {@link #KERNEL_EXIT}; returns its serial output. */
    static String underI386mon(Path kernel, long maxInstructions) throws IOException {
        return underI386mon(kernel, maxInstructions, true);
    }

    /** As {@link #underI386mon(Path, long)}, with hot blocks compiled or ({@code compiler} false) all interpreted. */
    static String underI386mon(Path kernel, long maxInstructions, boolean compiler) throws IOException {
        return underI386mon(kernel, maxInstructions, compiler, MachineConfig.defaults());
    }

    /** As {@link #underI386mon(Path, long)}, with the drives of {@code storage} attached. */
    static String underI386mon(Path kernel, long maxInstructions, i386mon.machine.storage.StorageConfig storage) throws IOException {
        return underI386mon(kernel, maxInstructions, true, MachineConfig.defaults().withStorage(storage));
    }

    private static String underI386mon(Path kernel, long maxInstructions, boolean compiler, MachineConfig config) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(config.withSerial(serial::write));
        try {
            m.cpu().setCompilerEnabled(compiler);
            m.boot(Files.readAllBytes(kernel), kernel.getFileName().toString(), List.of());
            StopReason r = m.run(maxInstructions);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            assertEquals(KERNEL_EXIT, r.exitStatus(), text);
            return text;
        } finally {
            m.debugTarget().close(); // the disk images, written through
        }
    }
}
