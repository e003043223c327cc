package i386mon.shell.commands;

import i386mon.shell.session.BootRequest;
import i386mon.shell.session.MachineLoader;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import i386mon.shell.guest.FakeKernel;
import i386mon.shell.guest.FakeTarget;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.guest.TestKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** A session on the fake kernel with captured output, driven through the real dispatcher. */
final class Harness {
    final FakeKernel kernel = new FakeKernel();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream serialOut = new ByteArrayOutputStream();
    final Session session;
    final CommandDispatcher dispatcher;

    /** On the fake kernel. */
    Harness() {
        this(null, new byte[] {0x7f, 'E', 'L', 'F'});
    }

    private Harness(MachineLoader loader, byte[] image) {
        this(loader, new BootRequest("kernel.elf", image, "", List.of(), 16 << 20));
    }

    private Harness(MachineLoader loader, BootRequest request) {
        session = new Session(loader == null ? kernel : loader, new SerialCapture(serialOut), new PrintWriter(out, true), new PrintWriter(err, true));
        dispatcher = new CommandDispatcher(session);
        session.boot(request);
    }

    /** On a real machine with {@code cpus} CPUs (quantum {@code quantum}) booted with {@code kernel}. */
    static Harness real(byte[] kernel, int cpus, long quantum) {
        return new Harness(EmulatorLoader.LOADER, new BootRequest("kernel.elf", kernel, "", List.of(), 16 << 20, false, false, cpus, quantum));
    }

    /** On a real machine booted with the assembled test kernel. */
    static Harness real() {
        return real(TestKernel.elf());
    }

    /** On a real machine booted with {@code kernel}. */
    static Harness real(byte[] kernel) {
        return new Harness(EmulatorLoader.LOADER, kernel);
    }

    FakeTarget target() {
        return kernel.last;
    }

    /** Runs one line and returns what it printed; fails the test if the line failed. */
    String ok(String line) {
        int mark = out.getBuffer().length();
        Outcome o = dispatcher.execute(line);
        if (!o.ok()) throw new AssertionError("'" + line + "' failed: " + o.message());
        return out.getBuffer().substring(mark);
    }

    /** Runs one line that must fail and returns its message. */
    String fails(String line) {
        Outcome o = dispatcher.execute(line);
        if (o.ok()) throw new AssertionError("'" + line + "' should have failed but printed: " + out);
        return o.message();
    }
}
