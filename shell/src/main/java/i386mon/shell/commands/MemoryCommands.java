package i386mon.shell.commands;

import i386mon.shell.format.DisassemblyLine;
import i386mon.shell.format.DisplayFormat;
import i386mon.shell.format.Json;
import i386mon.shell.format.MemoryDump;
import i386mon.shell.format.ValueFormat;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.HostFiles;
import i386mon.shell.session.Session;
import i386mon.shell.format.GuestMemory;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.Walk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** QEMU's memory commands: x, xp, print, gva2gpa, memsave, pmemsave. */
final class MemoryCommands {
    private MemoryCommands() { }

    /** Separates a leading {@code /FMT} word from the expression words. */
    static String formatSuffix(List<String> words) {
        if (words != null && !words.isEmpty() && words.get(0).startsWith("/")) {
            return words.remove(0).substring(1);
        }
        return null;
    }

    static void dump(Session s, List<String> words, boolean physical, boolean intel) {
        dump(s, words, physical, intel, false);
    }

    static void dump(Session s, List<String> words, boolean physical, boolean intel, boolean json) {
        List<String> rest = words == null ? new ArrayList<>() : new ArrayList<>(words);
        DisplayFormat.Spec spec = s.displayFormat().parse(formatSuffix(rest));
        if (rest.isEmpty()) throw new CommandException("address expected");
        long addr = s.eval(MonitorCommand.joined(rest));
        DebugTarget t = s.target();
        GuestMemory mem = new GuestMemory(t);
        if (spec.format() == 'i') {
            if (json) throw new CommandException("--json is for formats o d u x c; for instructions use text");
            disassemble(s, mem, addr, spec.count(), physical, intel);
            return;
        }
        MemoryDump.Reader reader = physical ? mem::readPhysical : mem::readLinear;
        if (spec.format() == 'a') {
            if (json) throw new CommandException("--json is for formats o d u x c; for addresses use x");
            MemoryDump.addresses(reader, addr, spec.count(), v -> t.describe((int) v)).forEach(s.out()::println);
            return;
        }
        if (spec.format() == 's') {
            if (json) throw new CommandException("--json is for formats o d u x c t; for strings use text");
            MemoryDump.strings(reader, addr, spec.count()).forEach(s.out()::println);
            return;
        }
        if (json) {
            s.out().println(Json.write(MemoryDump.json(reader, addr, spec.count(), spec.format(), spec.size(), physical)));
            return;
        }
        for (String line : MemoryDump.dump(reader, addr, spec.count(), spec.format(), spec.size(), physical)) {
            s.out().println(line);
        }
    }

    static void disassemble(Session s, GuestMemory mem, long addr, int count, boolean physical, boolean intel) {
        byte[] code = new byte[Session.MAX_INSTRUCTION];
        long a = addr;
        i386mon.machine.debug.dwarf.SourceLine previous = null;
        for (int n = 0; n < count; n++) {
            int got = readCode(mem, a, code, physical);
            if (got == 0) {
                s.out().println(String.format("0x%08x: unable to read memory", a & 0xFFFF_FFFFL));
                return;
            }
            Disassembler.Decoded insn = s.decode(code, (int) a, intel);
            if (insn.length() > got) {
                s.out().println(String.format("0x%08x: unable to read memory", (a + got) & 0xFFFF_FFFFL));
                return;
            }
            if (!physical) {
                // source lines and symbols are linear addresses: an xp/i listing has neither
                String heading = s.sourceHeading((int) a, previous);
                if (heading != null) s.out().println(heading);
                previous = s.sourceLine((int) a);
                insn = s.symbolic(insn);
            }
            for (String line : DisassemblyLine.format(a, code, 0, insn)) s.out().println(line);
            a += insn.length();
        }
    }

    /** Reads up to 15 bytes of code, fewer when the next page cannot be read; returns how many. */
    static int readCode(GuestMemory mem, long addr, byte[] code, boolean physical) {
        java.util.Arrays.fill(code, (byte) 0);
        for (int len = code.length; len > 0; len--) {
            String why = physical ? mem.readPhysical(addr, code, len) : mem.readLinear(addr, code, len);
            if (why == null) return len;
        }
        return 0;
    }

    @Command(name = "x", description = "Dump virtual memory: x/FMT ADDR, FMT = [count][format o d u x c t i a s][size b h w g]; t: binary; a: 32-bit values with the symbol each names (x/8a $esp); s: NUL-terminated strings (x/s msg).")
    static final class X extends MonitorCommand {
        @Option(names = "--intel", description = "Intel syntax for format i.") boolean intel;
        @Option(names = "--json", description = "One JSON document instead of text (formats o d u x c).") boolean json;
        @Parameters(paramLabel = "[/FMT] ADDR", arity = "1..*", description = "Format suffix and address expression.")
        List<String> words;

        @Override void run() {
            dump(session, words, false, intel, json);
        }
    }

    @Command(name = "xp", description = "Dump physical memory: xp/FMT ADDR, FMT as for x.")
    static final class Xp extends MonitorCommand {
        @Option(names = "--intel", description = "Intel syntax for format i.") boolean intel;
        @Option(names = "--json", description = "One JSON document instead of text (formats o d u x c).") boolean json;
        @Parameters(paramLabel = "[/FMT] ADDR", arity = "1..*", description = "Format suffix and address expression.")
        List<String> words;

        @Override void run() {
            dump(session, words, true, intel, json);
        }
    }

    @Command(name = "print", aliases = "p", description = "Print the value of an expression: print/FMT EXPR (format x d u o c t; t is binary; the default is remembered, initially x).")
    static final class Print extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text: the value (unsigned), the format and the text.") boolean json;
        @Parameters(paramLabel = "[/FMT] EXPR", arity = "1..*", description = "Format suffix and expression.")
        List<String> words;

        @Override void run() {
            List<String> rest = new ArrayList<>(words);
            DisplayFormat.Spec spec = session.displayFormat().parse(formatSuffix(rest));
            if (spec.format() == 's') throw new CommandException("print formats are x d u o c t; /s is for x");
            if (rest.isEmpty()) throw new CommandException("expression expected");
            long value = session.eval(joined(rest));
            String text = ValueFormat.format(value, spec.format());
            if (!json) {
                out().println(text);
                return;
            }
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("value", value & 0xFFFF_FFFFL);
            m.put("format", String.valueOf(spec.format()));
            m.put("text", text);
            out().println(Json.write(m));
        }
    }

    @Command(name = "gva2gpa", description = "Print the guest physical address of a guest virtual address.")
    static final class Gva2gpa extends MonitorCommand {
        @Parameters(paramLabel = "ADDR", arity = "1..*", description = "Virtual address expression.")
        List<String> words;

        @Override void run() {
            long addr = session.eval(joined(words));
            Walk w = session.target().walk((int) addr, null, Access.READ, false);
            if (!w.ok()) {
                // QEMU prints this as a result, not an error; we add why
                out().println("Unmapped (" + w.reason() + ")");
                return;
            }
            out().println("gpa: " + ValueFormat.format(w.physical(), 'x'));
        }
    }

    abstract static class Save extends MonitorCommand {
        @Parameters(index = "0", paramLabel = "ADDR", description = "Start address expression.") String addr;
        @Parameters(index = "1", paramLabel = "SIZE", description = "Size in bytes (expression).") String size;
        @Parameters(index = "2", paramLabel = "FILE", description = "File to write.") String file;

        void save(boolean physical) {
            save(session, physical, addr, size, file);
        }

        /** Writes SIZE bytes at ADDR (linear or physical) to FILE, which is replaced only when all were read. */
        static void save(Session session, boolean physical, String addr, String size, String file) {
            long a = session.eval(addr);
            long n = session.eval(size);
            if (n > 256L << 20) throw new CommandException("size too large: " + n + " bytes (at most 256 MiB)");
            GuestMemory mem = new GuestMemory(session.target());
            Path target = HostFiles.path(file);
            // written next to FILE and moved over it only when complete: a failing save leaves FILE as it was
            if (Files.isDirectory(target)) throw new CommandException("could not write " + file + ": it is a directory");
            Path part = null;
            try {
                Path dir = target.toAbsolutePath().getParent();
                part = Files.createTempFile(dir, "." + target.getFileName(), ".part");
                try (OutputStream os = Files.newOutputStream(part)) {
                    copy(mem, physical, a, n, os);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                part = null;
            } catch (IOException e) {
                throw new CommandException("could not write " + file + ": " + HostFiles.reason(e)
                        + (e instanceof java.nio.file.NoSuchFileException ? " (" + target.toAbsolutePath().getParent() + ")" : ""));
            } finally {
                if (part != null) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException e) {
                        // the save failed already; a stray .part file is all that is left
                    }
                }
            }
        }

        private static void copy(GuestMemory mem, boolean physical, long a, long n, OutputStream os) throws IOException {
            byte[] buf = new byte[4096];
            for (long done = 0; done < n; ) {
                int chunk = (int) Math.min(buf.length, n - done);
                String why = read(mem, physical, a + done, buf, chunk);
                if (why != null) {
                    // name the first byte that cannot be read, not the start of the chunk it is in
                    long bad = a + done;
                    while (bad < a + done + chunk - 1 && read(mem, physical, bad, buf, 1) == null) bad++;
                    throw new CommandException(String.format("Cannot access memory at 0x%08x (%s)", bad & 0xFFFF_FFFFL, read(mem, physical, bad, buf, 1)));
                }
                os.write(buf, 0, chunk);
                done += chunk;
            }
        }

        private static String read(GuestMemory mem, boolean physical, long address, byte[] buf, int len) {
            return physical ? mem.readPhysical(address, buf, len) : mem.readLinear(address, buf, len);
        }
    }

    @Command(name = "memsave", description = "Save SIZE bytes of virtual memory at ADDR to FILE.")
    static final class Memsave extends Save {
        @Override void run() {
            save(false);
        }
    }

    @Command(name = "pmemsave", description = "Save SIZE bytes of physical memory at ADDR to FILE.")
    static final class Pmemsave extends Save {
        @Override void run() {
            save(true);
        }
    }
}
