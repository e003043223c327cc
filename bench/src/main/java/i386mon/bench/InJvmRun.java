package i386mon.bench;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the benchmark kernel in a machine of this JVM, to its passing exit: the instructions it
 * retired (i386mon's own exact counter), the wall and CPU time (of this JVM) and what the guest printed.
 */
record InJvmRun(long retired, long nanos, long cpuNanos, GuestReport report) {
    /** The isa-debug-exit status of a passing run, (0x10 << 1) | 1. */
    static final int PASS = 0x21;

    static InJvmRun run(BenchKernel kernel, String cmdline) {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        m.boot(kernel.image(), BenchKernel.NAME + " " + cmdline, List.of());
        long c0 = JvmCpu.nanos(), t0 = System.nanoTime();
        StopReason r = m.run(Long.MAX_VALUE);
        long dt = System.nanoTime() - t0, dc = JvmCpu.nanos() - c0;
        String out = serial.toString(StandardCharsets.ISO_8859_1);
        if (r.kind() != StopReason.Kind.EXIT || r.exitStatus() != PASS) {
            throw new BenchmarkException(cmdline + ": the guest did not pass (" + r.description() + "):\n" + out);
        }
        return new InJvmRun(m.cpu().retired(), dt, dc, GuestReport.parse(out));
    }

    double mips() {
        return retired * 1e3 / nanos;
    }

    double cpuMips() {
        return WholeProcessRounds.mips(retired, cpuNanos);
    }
}
