package i386mon.kernel;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Boots a bundled image in i386mon's own machine, the way {@link QemuRunner} does under QEMU
 * (128 MiB, COM1 captured, isa-debug-exit on 0xF4), and returns the same kind of result.
 */
final class MachineRunner {
    private MachineRunner() { }

    /** More than any scenario needs at its test sizes; a run that reaches it counts as timed out. */
    static final long BUDGET = 2_000_000_000L;

    static QemuRunner.Result bootBundled(String image, String append) {
        return bootBundled(image, append, BUDGET);
    }

    static QemuRunner.Result bootBundled(String image, String append, long budget) {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(KernelImages.bytes(image), image, append, List.of());
        StopReason r = m.run(budget);
        boolean exited = r.kind() == StopReason.Kind.EXIT;
        return new QemuRunner.Result(exited ? r.exitStatus() : 0, !exited, serial.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
