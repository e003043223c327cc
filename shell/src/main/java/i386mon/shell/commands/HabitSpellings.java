package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.List;

/**
 * What gdb and Bochs users type from habit, rewritten into our commands before parsing (#18).
 * These are not picocli aliases: an alias such as {@code reg} under {@code info} would make TAB
 * completion of {@code info reg} ambiguous and show up in help as a command of its own.
 */
final class HabitSpellings {
    /** The words to parse, and a note that says what the rewrite did (null: nothing to say). */
    record Rewritten(List<String> words, String note) { }

    private HabitSpellings() { }

    /** Rewrites {@code words} when they are a habit's spelling; throws when the habit has no equivalent here. */
    static Rewritten rewrite(List<String> words) {
        String name = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (name) {
            case "i":
                // gdb's i r; a plain i stays QEMU's port read
                if (!rest.isEmpty() && List.of("r", "reg", "registers").contains(rest.get(0))) return to(null, rest.subList(1, rest.size()), "info", "registers");
                break;
            case "info":
                if (!rest.isEmpty() && rest.get(0).length() > "break".length() && "breakpoints".startsWith(rest.get(0))) return to(null, rest.subList(1, rest.size()), "info", "break");
                if (!rest.isEmpty() && rest.get(0).equals("tab")) return to(null, rest.subList(1, rest.size()), "info", "tlb");
                // gdb's info b stays the breakpoints although info block shares the letter
                if (!rest.isEmpty() && rest.get(0).equals("b")) return to(null, rest.subList(1, rest.size()), "info", "break");
                break;
            case "u":
                // Bochs' u alone disassembles at EIP; with a location it is gdb's until
                if (rest.isEmpty()) return to(null, rest, "disas");
                break;
            case "rwatch":
                return to(null, rest, "watch", "-r");
            case "awatch":
                return to(null, rest, "watch", "-r", "-w");
            case "creg":
                return to(null, rest, "info", "cr");
            case "sreg":
                return to("sreg: the segment registers are the lines ES to TR of info registers", rest, "info", "registers");
            case "page":
                return to(null, rest, "translate");
            case "lb":
                return to(null, rest, "break");
            case "vb":
                if (!rest.isEmpty() && rest.get(0).contains(":")) {
                    throw new CommandException("vb SEG:OFF: breakpoints here are on linear addresses: break with the segment's base + OFF (info registers shows the bases)");
                }
                return to(null, rest, "break");
            case "pb":
                throw new CommandException("pb: there are no physical breakpoints; use break ADDR (a linear address, the physical one while paging is off) or watch -p ADDR (accesses to physical memory)");
            case "trace-on":
                return to("trace-on: recording executed instructions (history on); info history shows them, trace-off stops", rest, "history", "on");
            case "trace-off":
                return to(null, rest, "history", "off");
            default:
                break;
        }
        return new Rewritten(words, null);
    }

    private static Rewritten to(String note, List<String> rest, String... head) {
        List<String> w = new ArrayList<>(List.of(head));
        w.addAll(rest);
        return new Rewritten(w, note);
    }
}
