package i386mon.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this whole JVM (all threads: the guest's, the JIT compilers', the collector's), the
 * in-JVM counterpart of a child process's CPU time: on a loaded machine it varies less than wall time.
 */
final class JvmCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JvmCpu() { }

    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
