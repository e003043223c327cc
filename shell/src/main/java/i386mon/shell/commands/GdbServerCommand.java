package i386mon.shell.commands;

import i386mon.shell.gdbstub.GdbServer;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.RemoteDebugger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** gdbserver [PORT|tcp:HOST:PORT|unix:PATH|none]: starts (or stops) the GDB stub from the prompt. */
@Command(name = "gdbserver", description = {
    "Start a GDB remote stub, as QEMU's: gdb attaches with 'target remote HOST:PORT'.",
    "Default tcp::1234, loopback only (tcp:HOST:PORT names another address on purpose).",
    "One client at a time. The guest stays stopped until gdb continues it, and when gdb detaches.",
    "While gdb runs the guest this prompt still works: each command pauses the guest.",
    "In gdb, 'monitor CMD' runs any i386mon command, and",
    "'maintenance packet Qqemu.PhyMemMode:1' makes gdb's memory accesses physical.",
    "Each CPU of an -smp guest is a gdb thread ('info threads', 'thread 2'); 'stepi' steps that CPU alone.",
    "Writing a selector or CR0-CR4 loads it as the CPU would, or gdb hears the fault (#GP...).",
    "After 'monitor reverse on', gdb's reverse-stepi and reverse-continue go back by replay.",
    "Alone, while a stub runs: where it listens. 'gdbserver none' stops it. The launcher's -s, -S and -gdb start one at boot."})
final class GdbServerCommand extends MonitorCommand {
    @Parameters(paramLabel = "PORT|tcp:HOST:PORT|unix:PATH|none", arity = "0..1",
            description = "Where to listen (a bare PORT is on the loopback interface; 0 picks a free port), or none to stop.")
    String where;

    @Override void run() {
        RemoteDebugger running = session.remoteDebugger();
        if ("none".equals(where)) {
            if (running == null) throw new CommandException("gdbserver: no GDB stub is running");
            running.close();
            session.setRemoteDebugger(null);
            out().println("gdbserver: stopped");
            return;
        }
        if (running != null) {
            if (where == null) {
                out().println(running.describe());
                return;
            }
            throw new CommandException("gdbserver: already running (" + running.describe() + "); 'gdbserver none' stops it");
        }
        session.target();
        GdbServer s = GdbServer.start(session, dispatcher, where == null ? "tcp::1234" : where, false);
        session.setRemoteDebugger(s);
        out().println("gdbserver: waiting for gdb on " + s.address());
    }
}
