package i386mon.shell.commands;

import i386mon.shell.format.DisassemblyLine;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;
import i386mon.shell.format.GuestMemory;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.DebugTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code disas [ADDR] [N]}: N instructions (default 10) from ADDR (default CS:EIP), with symbol labels, decoded with the code segment's size. */
@Command(name = "disas", aliases = "disassemble", description = "Disassemble N instructions (default 10) from ADDR (default CS:EIP), labelling symbols, naming call and jump targets and heading each source line (main.c:42: its text) where the kernel has DWARF; 16-bit code in real mode, virtual-8086 mode and 16-bit code segments.")
final class DisasCommand extends MonitorCommand {
    @Option(names = "--intel", description = "Intel syntax.") boolean intel;
    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDR", description = "Address expression (no spaces).") String addr;
    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "Instruction count.") String count;

    @Override void run() {
        DebugTarget t = session.target();
        long a = addr == null ? session.pc() & 0xFFFF_FFFFL : session.eval(addr);
        long n = count == null ? 10 : Counts.positive(session, count, "instruction count", 100_000);
        Map<Integer, TreeSet<String>> labels = new HashMap<>();
        t.symbols().forEach((name, value) -> labels.computeIfAbsent(value, k -> new TreeSet<>()).add(name));
        GuestMemory mem = new GuestMemory(t);
        byte[] code = new byte[Session.MAX_INSTRUCTION];
        i386mon.machine.debug.dwarf.SourceLine previous = null;
        for (long i = 0; i < n; i++) {
            TreeSet<String> here = labels.get((int) a);
            if (here != null) here.forEach(name -> out().println(name + ":"));
            int got = MemoryCommands.readCode(mem, a, code, false);
            Disassembler.Decoded insn = got == 0 ? null : session.decode(code, (int) a, intel);
            if (insn == null || insn.length() > got) {
                out().println(String.format("0x%08x: unable to read memory", (a + got) & 0xFFFF_FFFFL));
                return;
            }
            String heading = session.sourceHeading((int) a, previous);
            if (heading != null) out().println(heading);
            previous = session.sourceLine((int) a);
            DisassemblyLine.format(a, code, 0, session.symbolic(insn)).forEach(out()::println);
            a = (a + insn.length()) & 0xFFFF_FFFFL;
        }
    }
}
