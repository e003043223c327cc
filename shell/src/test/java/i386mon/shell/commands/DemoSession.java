package i386mon.shell.commands;

import i386mon.kernel.KernelImages;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.MachineLoader;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** A session on the bundled demo kernel booted on a real machine, driven through the real dispatcher. */
final class DemoSession {
    final StringWriter out = new StringWriter();
    final Session session;
    final CommandDispatcher dispatcher;

    DemoSession(String cmdline) {
        this(cmdline, EmulatorLoader.LOADER);
    }

    /** The demo kernel booted by {@code loader} (a test may give the machine more devices). */
    DemoSession(String cmdline, MachineLoader loader) {
        session = new Session(loader, new SerialCapture(new ByteArrayOutputStream()), new PrintWriter(out, true), new PrintWriter(out, true));
        dispatcher = new CommandDispatcher(session);
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), cmdline, List.of(), 64 << 20));
    }

    /** Runs one line and returns what it printed; fails the test if the line failed. */
    String ok(String line) {
        int mark = out.getBuffer().length();
        Outcome o = dispatcher.execute(line);
        if (!o.ok()) throw new AssertionError(line + ": " + o.message());
        return out.getBuffer().substring(mark);
    }

    /** Runs one line that must fail and returns its message. */
    String fails(String line) {
        Outcome o = dispatcher.execute(line);
        if (o.ok()) throw new AssertionError("'" + line + "' should have failed");
        return o.message();
    }

    /** The instruction count at which a freshly booted demo kernel first reaches {@code location} (a breakpoint there). */
    static long forwardCountAt(String location) {
        DemoSession f = new DemoSession("");
        f.ok("break " + location);
        f.ok("cont");
        return f.session.target().instructionsRetired();
    }

    /** "idt.c:35": the source line of the instruction the guest stopped before. */
    String sourceLine() {
        return session.sourceLine(session.pc()).shortText();
    }
}
