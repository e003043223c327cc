package i386mon.shell.commands;

import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.debug.dwarf.SourceFile;
import i386mon.machine.debug.dwarf.SourceLine;
import i386mon.shell.format.Json;
import i386mon.shell.format.SourceText;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.ListCursor;
import i386mon.shell.session.Locations;
import i386mon.shell.session.SourceFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Source-level questions answered from the kernel's DWARF: list, info line, info symbol. */
final class SourceCommands {
    /** gdb's default listing size. */
    static final int LIST_LINES = 10;

    private SourceCommands() { }

    @Command(name = "list", aliases = "l", description = "List source lines: around LOCATION (FILE:LINE, LINE, FUNCTION, *ADDR), around where the guest stopped, or the next ten after the last listing. Reads the file from the directory DWARF says it was compiled in.")
    static final class ListCmd extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "LOCATION", arity = "0..*", description = "FILE:LINE, LINE (in the file last listed), FUNCTION, *ADDR.") List<String> words;

        @Override void run() {
            DebugInfo d = session.debugInfo();
            if (!d.hasLines()) throw new CommandException("list: the kernel has no DWARF line table (build it with -g)");
            ListCursor cursor = session.listCursor();
            SourceFile file;
            int first;
            if (words == null || words.isEmpty()) {
                if (cursor.file() != null) {
                    file = cursor.file();
                    first = cursor.last() + 1;
                } else {
                    SourceLine here = session.sourceLine(session.target().eip());
                    if (here == null) throw new CommandException(String.format("list: no source line for EIP 0x%08x (give a LOCATION)", session.target().eip()));
                    file = here.file();
                    first = Math.max(here.line() - 5, 1);
                }
            } else {
                String spec = joined(words);
                SourceLine centre;
                if (Locations.isLineNumber(spec)) {
                    file = cursor.file() != null ? cursor.file() : currentFile();
                    centre = new SourceLine(file, Integer.parseInt(spec.trim()), 0, 0);
                } else if (Locations.isFileLine(spec)) {
                    int colon = spec.lastIndexOf(':');
                    String name = spec.substring(0, colon).trim();
                    List<SourceFile> files = d.files(name);
                    if (files.isEmpty()) throw new CommandException("No source file named " + name + ".");
                    centre = new SourceLine(files.get(0), Integer.parseInt(spec.substring(colon + 1).trim()), 0, 0);
                } else {
                    Locations.Location at = Locations.resolve(session, spec, null).get(0);
                    if (at.line() == null) throw new CommandException(String.format("list: no source line for 0x%08x", at.address()));
                    centre = at.line();
                }
                file = centre.file();
                first = Math.max(centre.line() - 5, 1);
            }
            print(file, first);
        }

        private SourceFile currentFile() {
            SourceLine here = session.sourceLine(session.target().eip());
            if (here == null) throw new CommandException("list: no current source file (give FILE:LINE)");
            return here.file();
        }

        private void print(SourceFile file, int first) {
            SourceFiles.Text text = session.sourceFiles().read(file);
            if (text.lines() == null) throw new CommandException("list: cannot read " + text.problem());
            int total = text.lines().size();
            if (first > total) {
                throw new CommandException("Line number " + first + " out of range; \"" + file.name() + "\" has " + total + " lines.");
            }
            int last = Math.min(first + LIST_LINES - 1, total);
            session.listCursor().set(file, last);
            if (json) {
                List<Object> lines = new ArrayList<>();
                for (int n = first; n <= last; n++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("line", n);
                    m.put("text", text.lines().get(n - 1));
                    lines.add(m);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", file.name());
                doc.put("path", file.path());
                doc.put("lines", lines);
                out().println(Json.write(doc));
                return;
            }
            for (int n = first; n <= last; n++) out().println(n + "\t" + text.lines().get(n - 1));
        }
    }

    @Command(name = "line", description = "Where a source line's code is, or which line an address is on, in gdb's words: info line FILE:LINE | FUNCTION | *ADDR | ADDR.")
    static final class InfoLine extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "LOCATION", arity = "1..*", description = "FILE:LINE, FUNCTION, *ADDR or an address expression.") List<String> words;

        @Override void run() {
            DebugInfo d = session.debugInfo();
            String spec = joined(words);
            boolean byLine = Locations.isFileLine(spec);
            List<Locations.Location> found = Locations.resolve(session, spec, null);
            List<Object> docs = new ArrayList<>();
            for (Locations.Location l : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                String text;
                SourceLine line = l.line();
                if (line == null) {
                    text = "No line number information available for address " + SourceText.address(l.address(), describe(l.address()));
                    m.put("address", l.address());
                } else {
                    int asked = byLine ? Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1).trim()) : line.line();
                    if (asked != line.line()) {
                        text = String.format("Line %d of \"%s\" is at address %s but contains no code.", asked, line.file().name(),
                                SourceText.address(line.start(), describe(line.start())));
                    } else {
                        text = String.format("Line %d of \"%s\" starts at address %s and ends at %s.", line.line(), line.file().name(),
                                SourceText.address(line.start(), describe(line.start())), SourceText.address(line.end(), describe(line.end())));
                    }
                    m.put("file", line.file().name());
                    m.put("path", line.file().path());
                    m.put("line", asked);
                    m.put("hasCode", asked == line.line());
                    m.put("start", line.start());
                    m.put("end", asked == line.line() ? line.end() : null);
                }
                m.put("text", text);
                docs.add(m);
                if (!json) out().println(text);
            }
            if (json) out().println(Json.write(Map.of("lines", docs)));
        }

        /**
         * The name gdb puts in angle brackets: the DWARF function when it starts at or after the
         * covering ELF symbol (gdb prefers the closer of the two), so a clone's symbol
         * ("reserve.part.0") is shown by its function's name ("reserve").
         */
        private String describe(long address) {
            String sym = session.target().describe((int) address);
            var f = session.debugInfo().functionAt(address);
            if (f == null) return sym;
            String gdb = SourceText.gdbSymbol(sym);
            long symStart = address;
            if (gdb != null && gdb.lastIndexOf('+') > 0) symStart = address - Long.parseLong(gdb.substring(gdb.lastIndexOf('+') + 1));
            if (gdb != null && f.entry() < symStart) return sym;
            long off = address - f.entry();
            return off == 0 ? f.name() : f.name() + "+0x" + Long.toHexString(off);
        }
    }

    @Command(name = "symbol", description = "Which symbol an address is in, in gdb's words: \"kmain + 16 in section .text\".")
    static final class InfoSymbol extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "ADDR", arity = "1..*", description = "Address expression.") List<String> words;

        @Override void run() {
            String expr = joined(words);
            long a = session.eval(expr) & 0xFFFF_FFFFL;
            String described = session.target().describe((int) a);
            String sym = SourceText.gdbSymbol(described);
            String section = session.debugInfo().sectionAt(a);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", a);
                int plus = sym == null ? -1 : sym.lastIndexOf('+');
                m.put("symbol", sym == null ? null : plus < 0 ? sym : sym.substring(0, plus));
                m.put("offset", sym == null ? null : plus < 0 ? 0L : Long.parseLong(sym.substring(plus + 1)));
                m.put("section", section);
                out().println(Json.write(m));
                return;
            }
            if (sym == null) {
                out().println("No symbol matches " + expr + ".");
                return;
            }
            out().println(SourceText.infoSymbol(described, section));
        }
    }
}
