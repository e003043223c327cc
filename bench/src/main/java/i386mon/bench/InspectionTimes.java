package i386mon.bench;

import i386mon.kernel.KernelImages;
import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * Milliseconds of {@code pte dump} and {@code info mem} through the monitor's own command
 * dispatcher, on the demo kernel after it identity-mapped all 4 GiB (scenario identity-all): the
 * inspection commands' cost on the largest map a 32-bit guest can build.
 */
final class InspectionTimes {
    record Figure(String command, Range ms) { }

    private InspectionTimes() { }

    static List<Figure> measure(int runs) {
        Writer sink = Writer.nullWriter();
        Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(null), new PrintWriter(sink), new PrintWriter(sink));
        CommandDispatcher dispatcher = new CommandDispatcher(session);
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), "scenario=identity-all", List.of(), 128 << 20));
        dispatcher.execute("cont --max 50000000");
        double[] pte = new double[runs], mem = new double[runs];
        for (int k = -3; k < runs; k++) {
            long t0 = System.nanoTime();
            if (!dispatcher.execute("pte dump").ok()) throw new BenchmarkException("pte dump failed");
            long t1 = System.nanoTime();
            if (!dispatcher.execute("info mem").ok()) throw new BenchmarkException("info mem failed");
            long t2 = System.nanoTime();
            if (k >= 0) {
                pte[k] = (t1 - t0) / 1e6;
                mem[k] = (t2 - t1) / 1e6;
            }
        }
        return List.of(new Figure("pte dump", Range.of(pte)), new Figure("info mem", Range.of(mem)));
    }
}
