package i386mon.shell.format;

import i386mon.machine.debug.ChainStep;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.PageFaultExplanation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The explanation printed at an exception stop or a triple fault: the exception (and for a page
 * fault CR2, the access, the walk level and rule that refused it, that entry's physical address and
 * raw value), the faulting instruction with its symbol and disassembly, and a triple fault's chain.
 */
public final class FaultText {
    private FaultText() { }

    /**
     * {@code where} gives "0x%08x (symbol+off)" for an address; {@code instruction} the
     * disassembly of the instruction at a linear address (or why it cannot be read).
     */
    public static List<String> lines(FaultExplanation f, IntFunction<String> where, IntFunction<String> instruction) {
        return lines(f, where, instruction, null);
    }

    /** As {@link #lines(FaultExplanation, IntFunction, IntFunction)}, naming {@code mode} ("real mode") unless it is null. */
    public static List<String> lines(FaultExplanation f, IntFunction<String> where, IntFunction<String> instruction, String mode) {
        List<String> out = new ArrayList<>();
        String in = mode == null ? "" : " in " + mode;
        if (f.tripleFault()) {
            out.add("  triple fault: " + f.chainText() + in);
            for (int i = 0; i < f.chain().size(); i++) {
                ChainStep l = f.chain().get(i);
                out.add(String.format("    %d. %s%s: %s", i + 1, l.name(), l.errorCode() >= 0 ? String.format("(0x%x)", l.errorCode()) : "", l.detail()));
            }
        } else if (f.chain().size() > 1) {
            out.add("  chain:       " + f.chainText());
        }
        PageFaultExplanation p = f.pageFault();
        if (p != null) {
            out.add(String.format("  fault:       #PF at %s: %s by %s code, error code 0x%x (%s)", where.apply(p.cr2()),
                    p.accessText(), p.user() ? "user" : "supervisor", p.errorCode(), String.join(", ", TranslationText.errorWords(p.errorCode()))) + in);
        } else if (!f.tripleFault()) {
            out.add(String.format("  fault:       %s%s%s", f.name(), f.errorCode() >= 0 ? String.format(", error code 0x%x", f.errorCode()) : "", in));
        }
        out.add(String.format("  instruction: %s: %s", where.apply(f.linearEip()), instruction.apply(f.linearEip())));
        if (p != null) {
            out.add("  walk:        " + p.reason());
            if (p.level() != null) {
                out.add(String.format("  entry:       %s at physical 0x%08x = %s", p.level(), p.entryAddress(), hex(p.entryValue())));
            }
        }
        return out;
    }

    /** 8 hex digits for a 32-bit entry, 16 for a PAE one whose high half is set. */
    static String hex(long v) {
        return (v >>> 32) == 0 ? String.format("0x%08x", v) : String.format("0x%016x", v);
    }
}
