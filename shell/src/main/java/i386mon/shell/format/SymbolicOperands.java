package i386mon.shell.format;

import i386mon.machine.cpu.Disassembler;
import java.util.function.LongFunction;

/**
 * Names the target of a direct call or jump as objdump and gdb do: {@code call 0x100940 <kprintf>}.
 * Only a plain absolute operand is named (indirect and far forms are left alone).
 */
public final class SymbolicOperands {
    private SymbolicOperands() { }

    /** {@code insn} with " <symbol>" after its target when {@code symbol} names it (null when it does not). */
    public static Disassembler.Decoded annotate(Disassembler.Decoded insn, LongFunction<String> symbol) {
        String m = insn.mnemonic();
        String ops = insn.operands().trim();
        boolean branch = m.startsWith("call") || m.startsWith("j") || m.startsWith("loop") || m.equals("jecxz");
        if (!branch || !ops.startsWith("0x") || ops.indexOf(',') >= 0 || ops.indexOf(':') >= 0) return insn;
        long target;
        try {
            target = Long.parseLong(ops.substring(2), 16);
        } catch (NumberFormatException e) {
            return insn;
        }
        String name = symbol.apply(target);
        if (name == null || name.isEmpty() || name.startsWith("0x")) return insn;
        return new Disassembler.Decoded(insn.length(), m, insn.operands() + " <" + name + ">");
    }
}
