package i386mon.shell.gdbstub;

import i386mon.kernel.KernelImages;
import i386mon.machine.MachineConfig;
import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** The demo kernel booted on a real machine, with the shell's dispatcher and the stub's packet handler. */
final class DemoMachine {
    final StringWriter console = new StringWriter();
    final Session session;
    final CommandDispatcher dispatcher;
    final GdbBreakpoints breakpoints;
    final PacketHandler handler;

    DemoMachine(String cmdline) {
        this(cmdline, 1);
    }

    /** On {@code cpus} CPUs (-smp): the demo kernel never starts the others, they wait for SIPI. */
    DemoMachine(String cmdline, int cpus) {
        PrintWriter out = new PrintWriter(console, true);
        session = new Session(EmulatorLoader.LOADER, new SerialCapture(new ByteArrayOutputStream()), out, out);
        dispatcher = new CommandDispatcher(session);
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), cmdline, List.of(), 64 << 20,
                false, false, cpus, MachineConfig.DEFAULT_SMP_QUANTUM));
        breakpoints = new GdbBreakpoints(session);
        handler = new PacketHandler(session, dispatcher, breakpoints);
    }

    /** The single reply to a packet that does not resume the guest. */
    String reply(String packet) {
        PacketHandler.Action a = handler.handle(packet);
        if (a.kind() != PacketHandler.Kind.REPLY || a.replies().size() != 1) throw new AssertionError(packet + " gave " + a);
        return a.replies().get(0);
    }

    /** Address of a kernel symbol. */
    int symbol(String name) {
        Integer a = session.target().symbol(name);
        if (a == null) throw new AssertionError("no symbol " + name);
        return a;
    }
}
