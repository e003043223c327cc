package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;
import i386mon.shell.format.GuestMemory;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.DebugTarget;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Execution control: cont, stop, step, next, run, system_reset. */
final class RunCommands {
    private RunCommands() { }

    @Command(name = "cont", aliases = "c", description = "Continue the guest until it stops (breakpoint, exit, triple fault, dead halt, --max, Ctrl-C). Keys typed meanwhile go to the guest's keyboard; Ctrl-C returns to the prompt.")
    static final class Cont extends MonitorCommand {
        @Option(names = "--max", paramLabel = "N", description = "Stop after N instructions.") Long max;
        @Option(names = "--until", paramLabel = "EXPR", description = "Single-step until EXPR is true after an instruction (a software watchpoint; slow), e.g. --until \"[0x1000] != 0\" or --until \"$stale != 0\".")
        String until;

        @Override void run() {
            if (max != null && max <= 0) throw new CommandException("--max must be positive: " + max);
            long budget = max == null ? Long.MAX_VALUE : max;
            if (until == null) resume(session, budget);
            else session.printStop(session.runUntil(until, budget));
        }

        /** Runs the guest for at most {@code budget} instructions and says why it stopped (also {@link CommandDispatcher#cont}). */
        static void resume(Session session, long budget) {
            session.printStop(session.resume(budget));
        }
    }

    @Command(name = "stop", description = "Stop the guest (it is already stopped whenever the prompt shows, unless gdb runs it: then gdb hears SIGINT).")
    static final class StopCmd extends MonitorCommand {
        @Override void run() {
            session.target();
            if (session.remoteDebugger() != null) session.remoteDebugger().interrupt();
        }
    }

    @Command(name = "step", aliases = {"si", "s", "stepi"}, description = "Execute N instructions (default 1) and show the next one under its source line (gdb's stepi: by instruction, into calls).")
    static final class Step extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Instruction count (expression).") List<String> words;

        @Override void run() {
            long n = words == null || words.isEmpty() ? 1 : Counts.positive(session, joined(words), "instruction count", Integer.MAX_VALUE);
            session.printStop(session.step(n));
        }
    }

    @Command(name = "next", aliases = {"ni", "n", "nexti"}, description = "Execute one instruction, running a call through to its return (gdb's nexti: by instruction, not by source line).")
    static final class Next extends MonitorCommand {
        @Override void run() {
            DebugTarget t = session.target();
            int eip = session.pc();
            byte[] code = new byte[15];
            int got = MemoryCommands.readCode(new GuestMemory(t), eip & 0xFFFF_FFFFL, code, false);
            if (got == 0) throw new CommandException(String.format("Cannot access memory at 0x%08x", eip));
            Disassembler.Decoded insn = session.decode(code, eip, false);
            if (!insn.mnemonic().startsWith("call")) {
                session.printStop(session.step(1));
                return;
            }
            int after = eip + insn.length();
            var bp = session.addBreakpoint(after, String.format("0x%08x", after), null, true);
            try {
                StopReason s = session.resume(Long.MAX_VALUE);
                if (s.kind() == StopReason.Kind.BREAKPOINT && session.pc() == after && s.description().startsWith("temporary breakpoint " + bp.number())) {
                    session.printStop(StopReason.STEPPED);
                } else {
                    session.printStop(s);
                }
            } finally {
                if (session.breakpoints().contains(bp)) session.deleteBreakpoint(bp);
            }
        }
    }

    @Command(name = "run", description = "Boot the kernel afresh and run it until it stops.")
    static final class Run extends MonitorCommand {
        @Option(names = "--max", paramLabel = "N", description = "Stop after N instructions.") Long max;

        @Override void run() {
            if (max != null && max <= 0) throw new CommandException("--max must be positive: " + max);
            session.reboot();
            session.printStop(session.resume(max == null ? Long.MAX_VALUE : max));
        }
    }

    @Command(name = "system_reset", description = "Reset the machine as QEMU's system_reset and a guest's reset request do: RAM and CMOS kept, "
            + "devices and CPUs reset, the firmware (or the kernel, or the boot sector) started again, stopped at its first instruction.")
    static final class SystemReset extends MonitorCommand {
        @Override void run() {
            session.systemReset();
        }
    }
}
