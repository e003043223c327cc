package i386mon.shell.commands;

import i386mon.shell.format.ExecutionMode;
import i386mon.shell.format.RegisterDump;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Registers;
import i386mon.machine.debug.DebugTarget;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regs}: a compact register view; {@code regs eax=0x10 eip=kernel_main} sets registers. */
@Command(name = "regs", aliases = "r", description = "Show registers compactly, or set them: regs eax=0x10 eip=kernel_main ZF=1 ds=0x10 cr3=0x9000. "
        + "General registers (32, 16, 8 bit), eip, eflags and its bits by name (cf pf af zf sf tf if df of iopl nt rf vm ac id), "
        + "segment registers loaded through the descriptor checks (cs as a far jmp at the current CPL; a refusal names the fault), "
        + "cr0 cr2 cr3 cr4 with the CPU's effects (cr3 flushes the TLB). Assignments are made in order; the first refused one stops the rest.")
final class RegsCommand extends MonitorCommand {
    @Option(names = "--raw", description = "Write segment registers unchecked: the selector alone (the cache kept), or the hidden parts as ds.base= ds.limit= ds.flags= (QEMU's flags column, e.g. 0x00cf9300); cs sets the CPL to its RPL.")
    boolean raw;

    @Parameters(paramLabel = "REG=EXPR", arity = "0..*", description = "Assignments; values are expressions without spaces.")
    List<String> assignments;

    @Override void run() {
        DebugTarget t = session.target();
        if (assignments != null && !assignments.isEmpty()) {
            // evaluate every value first so that a bad one changes nothing
            String[] names = new String[assignments.size()];
            int[] values = new int[assignments.size()];
            for (int i = 0; i < names.length; i++) {
                String a = assignments.get(i);
                int eq = a.indexOf('=');
                if (eq <= 0 || eq == a.length() - 1) throw new CommandException("expected REG=VALUE, got: " + a);
                names[i] = a.substring(0, eq).replaceFirst("^\\$", "");
                values[i] = (int) session.eval(a.substring(eq + 1));
                Registers.read(t, names[i]);
            }
            for (int i = 0; i < names.length; i++) {
                try {
                    Registers.write(t, names[i], values[i], raw);
                } catch (CommandException e) {
                    throw new CommandException(e.getMessage() + (i > 0 ? " (" + String.join(", ", java.util.Arrays.asList(names).subList(0, i)) + " already set)" : ""));
                }
            }
        }
        out().println(String.format("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x",
                t.reg(0), t.reg(3), t.reg(1), t.reg(2), t.reg(6), t.reg(7)));
        out().println(String.format("ebp=%08x esp=%08x eip=%08x efl=%08x [%s] cpl=%d%s",
                t.reg(5), t.reg(4), t.eip(), t.eflags(), RegisterDump.flagString(t.eflags()), t.cpl(),
                (t.eflags() & 0x200) != 0 ? " IF" : ""));
        out().println(String.format("cs=%04x ss=%04x ds=%04x es=%04x fs=%04x gs=%04x cr0=%08x cr2=%08x cr3=%08x cr4=%08x",
                t.segSelector(1), t.segSelector(2), t.segSelector(3), t.segSelector(0), t.segSelector(4), t.segSelector(5),
                t.cr0(), t.cr2(), t.cr3(), t.cr4()));
        out().println("at " + session.where(session.pc()) + ExecutionMode.stopSuffix(t));
    }
}
