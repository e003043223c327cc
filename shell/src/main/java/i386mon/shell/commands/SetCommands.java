package i386mon.shell.commands;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.InspectResult;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Writing guest memory: {@code set/b|h|w ADDR = VALUE} (linear), {@code setp} (physical), the string
 * form {@code set/s ADDR = "text"}, and Bochs' {@code setpmem}. Writes go through the page tables
 * without setting Accessed/Dirty or filling the TLB, ignore page protection (a debugger may) and
 * are seen by the code cache, so code written this way is what runs next.
 */
final class SetCommands {
    private SetCommands() { }

    /** Performs one parsed {@code set}/{@code setp} line. */
    static void set(Session s, List<String> words, boolean physical) {
        List<String> rest = words == null ? new ArrayList<>() : new ArrayList<>(words);
        String fmt = MemoryCommands.formatSuffix(rest);
        char size = fmt == null || fmt.isEmpty() ? 'w' : Character.toLowerCase(fmt.charAt(0));
        if (fmt != null && fmt.length() > 1 || "bhws".indexOf(size) < 0) {
            throw new CommandException("set: size is /b, /h, /w (1, 2, 4 bytes; default /w) or /s (a string): /" + fmt);
        }
        String line = MonitorCommand.joined(rest);
        int eq = assignment(line);
        if (eq < 0) throw new CommandException("expected ADDR = VALUE, e.g. set/w 0xc0001000 = 0x1003");
        String addrText = line.substring(0, eq).trim(), valueText = line.substring(eq + 1).trim();
        if (addrText.isEmpty() || valueText.isEmpty()) throw new CommandException("expected ADDR = VALUE, e.g. set/w 0xc0001000 = 0x1003");
        long addr = s.eval(addrText);
        byte[] bytes;
        if (size == 's') {
            bytes = EscapedText.decode(valueText);
        } else {
            int n = size == 'b' ? 1 : size == 'h' ? 2 : 4;
            long v = s.eval(valueText);
            if (n < 4 && v > (1L << (8 * n)) - 1 && v < 0xFFFF_FFFFL - ((1L << (8 * n - 1)) - 1)) {
                throw new CommandException(String.format("0x%x does not fit in %d byte%s", v, n, n > 1 ? "s" : ""));
            }
            bytes = new byte[n];
            for (int i = 0; i < n; i++) bytes[i] = (byte) (v >>> (8 * i));
        }
        write(s.target(), addr, bytes, physical);
    }

    /** Writes {@code bytes} at {@code addr}; a refusal (nothing written) is one line naming the address and why. */
    static void write(DebugTarget t, long addr, byte[] bytes, boolean physical) {
        InspectResult r = physical ? t.writePhysical(addr, bytes, 0, bytes.length) : t.writeLinear((int) addr, bytes, 0, bytes.length);
        if (!r.ok()) {
            throw new CommandException(String.format("cannot write %d byte%s at %s 0x%08x, nothing written: %s",
                    bytes.length, bytes.length == 1 ? "" : "s", physical ? "physical" : "linear", addr & 0xFFFF_FFFFL, r.cause()));
        }
    }

    /** Index of the assignment's '=' (not one of == != <= >=), or -1. */
    static int assignment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != '=') continue;
            char before = i > 0 ? line.charAt(i - 1) : ' ', after = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
            if (after == '=') { i++; continue; }
            if (before == '!' || before == '<' || before == '>' || before == '=') continue;
            return i;
        }
        return -1;
    }

    @Command(name = "set", description = "Write virtual memory: set/b|h|w ADDR = VALUE (1, 2, 4 bytes; default /w), set/s ADDR = \"text\" (escapes \\n \\t \\0 \\xHH; no NUL added). "
            + "Through the page tables, ignoring page protection, setting no Accessed/Dirty bit and filling no TLB entry; the code cache sees code written this way.")
    static final class Set extends MonitorCommand {
        @Parameters(paramLabel = "[/FMT] ADDR = VALUE", arity = "1..*", description = "Size suffix, address expression, '=', value expression or quoted text.")
        List<String> words;

        @Override void run() {
            set(session, words, false);
        }
    }

    @Command(name = "setp", description = "Write physical memory: setp/b|h|w PADDR = VALUE, setp/s PADDR = \"text\"; RAM only (ROM and holes are refused).")
    static final class Setp extends MonitorCommand {
        @Parameters(paramLabel = "[/FMT] PADDR = VALUE", arity = "1..*", description = "Size suffix, physical address expression, '=', value expression or quoted text.")
        List<String> words;

        @Override void run() {
            set(session, words, true);
        }
    }

    @Command(name = "setpmem", description = "Bochs' setpmem: write VALUE as SIZE (1, 2 or 4) bytes at physical address ADDR.")
    static final class Setpmem extends MonitorCommand {
        @Parameters(index = "0", paramLabel = "ADDR", description = "Physical address expression.") String addr;
        @Parameters(index = "1", paramLabel = "SIZE", description = "1, 2 or 4.") String size;
        @Parameters(index = "2", paramLabel = "VALUE", description = "Value expression.") String value;

        @Override void run() {
            long n = session.eval(size);
            if (n != 1 && n != 2 && n != 4) throw new CommandException("setpmem: SIZE is 1, 2 or 4, not " + n);
            char suffix = n == 1 ? 'b' : n == 2 ? 'h' : 'w';
            set(session, new ArrayList<>(List.of("/" + suffix, addr, "=", value)), true);
        }
    }

    @Command(name = "writemem", description = "Bochs' writemem: save LEN bytes of virtual memory at linear ADDR to FILE (memsave with Bochs' argument order).")
    static final class Writemem extends MonitorCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "File to write.") String file;
        @Parameters(index = "1", paramLabel = "ADDR", description = "Linear address expression.") String addr;
        @Parameters(index = "2", paramLabel = "LEN", description = "Length in bytes (expression).") String len;

        @Override void run() {
            MemoryCommands.Save.save(session, false, addr, len, file);
        }
    }
}
