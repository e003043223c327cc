package i386mon.shell.commands;

import i386mon.machine.debug.DebugTarget;
import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cpu N} and {@code info cpus}: several CPUs ({@code -smp}), as QEMU's monitor shows them. */
final class CpuCommands {
    private CpuCommands() { }

    @Command(name = "cpu", description = "Select the CPU that regs, x, translate, info registers/tlb/lapic and step look at: cpu 1. "
            + "A stop selects the CPU that stopped.")
    static final class Select extends MonitorCommand {
        @Parameters(paramLabel = "N", description = "CPU index, 0 (the bootstrap CPU) to the number of CPUs - 1.") String index;

        @Override void run() {
            DebugTarget t = session.target();
            int n;
            try {
                n = Integer.decode(index.trim());
            } catch (NumberFormatException e) {
                throw new CommandException("not a CPU number: " + index);
            }
            try {
                t.selectCpu(n);
            } catch (IllegalArgumentException e) {
                throw new CommandException(e.getMessage());
            }
        }
    }

    /**
     * QEMU 7.2's {@code info cpus}: one line per CPU, '*' on the selected one. Every CPU runs on one
     * host thread, so each shows the same thread id (the process id), as QEMU's single-threaded TCG does.
     */
    @Command(name = "cpus", description = "List the CPUs as QEMU does (* marks the selected one); --json adds each one's state.")
    static final class Info extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            DebugTarget t = session.target();
            long thread = ProcessHandle.current().pid();
            if (json) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < t.cpuCount(); i++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("cpu", i);
                    m.put("current", i == t.selectedCpu());
                    m.put("thread_id", thread);
                    m.put("state", state(t, i));
                    m.put("instructions", t.instructionsRetired(i));
                    list.add(m);
                }
                out().println(i386mon.shell.format.Json.write(Map.of("cpus", list)));
                return;
            }
            for (int i = 0; i < t.cpuCount(); i++) {
                out().println(String.format("%c CPU #%d: thread_id=%d", i == t.selectedCpu() ? '*' : ' ', i, thread));
            }
        }

        private static String state(DebugTarget t, int i) {
            if (t.cpuWaitingForStartup(i)) return "wait-for-sipi";
            return t.cpuHalted(i) ? "halted" : "running";
        }
    }
}
