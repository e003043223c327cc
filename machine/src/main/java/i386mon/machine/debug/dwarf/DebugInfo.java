package i386mon.machine.debug.dwarf;

import i386mon.machine.boot.BootException;
import i386mon.machine.boot.ElfFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel's DWARF: source lines for addresses and addresses for source lines, functions and
 * compile units, and call frame rules for unwinding. Nothing is read until the first question
 * (a kernel without DWARF, or a session that never asks, pays nothing at boot); then every section
 * is parsed once. A section that cannot be read is left out with one line in {@link #warning()}
 * and the rest still answers.
 */
public final class DebugInfo {
    /** No debugging information at all. */
    public static final DebugInfo NONE = new DebugInfo(null);

    private final byte[] elfImage;
    private Parsed parsed;

    private DebugInfo(byte[] elfImage) {
        this.elfImage = elfImage;
    }

    /** The reader {@link #readAhead} started, until {@link #of} takes it for its image. */
    private static DebugInfo ahead;

    /**
     * Debugging information of an ELF image, read on first use (or the reader {@link #readAhead}
     * started for this very array); the array is kept, not copied.
     */
    public static DebugInfo of(byte[] elfImage) {
        if (elfImage == null) return NONE;
        synchronized (DebugInfo.class) {
            if (ahead != null && ahead.elfImage == elfImage) {
                DebugInfo started = ahead;
                ahead = null;
                return started;
            }
        }
        return new DebugInfo(elfImage);
    }

    /**
     * Starts reading {@code elfImage}'s debugging information on {@code thread}, for the next
     * {@link #of} of the same array: a launcher that names the entry point's source line reads it
     * beside the machine's boot instead of after it. A question asked meanwhile waits for the reading.
     */
    public static DebugInfo readAhead(byte[] elfImage, java.util.concurrent.Executor thread) {
        DebugInfo d = new DebugInfo(elfImage);
        synchronized (DebugInfo.class) {
            ahead = d;
        }
        thread.execute(d::parsed);
        return d;
    }

    /** One entry of the address-ordered line table: a row and the end of the addresses it covers. */
    private record Range(long start, long end, LineRow row) { }

    private static final class Parsed {
        final List<Range> lines = new ArrayList<>();
        long[] starts = new long[0];
        final List<Function> functions = new ArrayList<>();
        final Map<String, Function> byName = new HashMap<>();
        final List<CompileUnit> units = new ArrayList<>();
        final Map<Long, CallSite> callSites = new HashMap<>();
        final CallFrames frames = new CallFrames();
        final List<String> warnings = new ArrayList<>();
        final List<ElfFile.SectionHeader> allocated = new ArrayList<>();
        boolean hasDwarf;
    }

    private synchronized Parsed parsed() {
        if (parsed == null) parsed = elfImage == null ? new Parsed() : parse(elfImage);
        return parsed;
    }

    private static Parsed parse(byte[] image) {
        Parsed p = new Parsed();
        ElfFile elf;
        try {
            elf = ElfFile.parse(image);
        } catch (BootException e) {
            p.warnings.add("no debugging information: " + e.getMessage());
            return p;
        }
        for (ElfFile.SectionHeader h : elf.sectionHeaders()) {
            if ((h.flags() & ElfFile.SHF_ALLOC) != 0 && h.size() > 0 && !h.name().isEmpty()) p.allocated.add(h);
        }
        ByteCursor str = cursor(elf, ".debug_str"), lineStr = cursor(elf, ".debug_line_str");
        Forms forms = new Forms(str, lineStr);
        ByteCursor info = cursor(elf, ".debug_info");
        p.hasDwarf = info != null || elf.section(".debug_line") != null || elf.section(".debug_frame") != null;
        InfoEntries entries = new InfoEntries(forms, cursor(elf, ".debug_abbrev"), cursor(elf, ".debug_ranges"), cursor(elf, ".debug_rnglists"),
                new LocationLists(cursor(elf, ".debug_loclists"), cursor(elf, ".debug_loc")));
        if (info != null) {
            try {
                entries.read(info);
            } catch (DwarfException | IllegalArgumentException e) {
                p.warnings.add(".debug_info: " + e.getMessage());
            }
        }
        p.units.addAll(entries.units);
        p.callSites.putAll(entries.callSites);
        for (Function f : entries.functions) {
            p.functions.add(f);
            p.byName.putIfAbsent(f.name(), f);
        }
        p.functions.sort(Comparator.comparingLong(Function::entry));
        ByteCursor line = cursor(elf, ".debug_line");
        if (line != null) {
            try {
                index(p, LinePrograms.read(line, forms, entries.compDirs));
            } catch (DwarfException e) {
                p.warnings.add(e.getMessage());
            }
        }
        frames(p, elf, ".debug_frame", false);
        frames(p, elf, ".eh_frame", true);
        return p;
    }

    private static void frames(Parsed p, ElfFile elf, String name, boolean eh) {
        ByteCursor c = cursor(elf, name);
        if (c == null) return;
        try {
            p.frames.read(c, eh, elf.section(name).addr());
        } catch (DwarfException e) {
            p.warnings.add(e.getMessage());
        }
    }

    private static ByteCursor cursor(ElfFile elf, String name) {
        byte[] data = elf.sectionData(name);
        return data == null ? null : new ByteCursor(data, name);
    }

    /** Turns the rows of each sequence into address ranges, sorted by address. */
    private static void index(Parsed p, List<LineRow> rows) {
        int seqStart = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).endSequence()) continue;
            for (int j = seqStart; j < i; j++) {
                LineRow r = rows.get(j);
                long end = rows.get(j + 1).address();
                if (end <= r.address()) continue; // a row followed by another at the same address is superseded...
                if (!r.isStmt()) {
                    // ...except that, as in gdb, the last statement row at an address beats later non-statement rows
                    for (int k = j - 1; k >= seqStart && rows.get(k).address() == r.address(); k--) {
                        if (rows.get(k).isStmt()) {
                            r = rows.get(k);
                            break;
                        }
                    }
                }
                p.lines.add(new Range(rows.get(j).address(), end, r));
            }
            seqStart = i + 1;
        }
        // sequences of discarded code (gc'd sections) start at 0; they overlap real code and are dropped
        p.lines.removeIf(r -> r.start == 0);
        p.lines.sort(Comparator.comparingLong(Range::start));
        p.starts = new long[p.lines.size()];
        for (int i = 0; i < p.starts.length; i++) p.starts[i] = p.lines.get(i).start;
    }

    /** Whether the file has any DWARF section this reader uses. */
    public boolean present() { return parsed().hasDwarf; }

    /** Whether a line table was read. */
    public boolean hasLines() { return !parsed().lines.isEmpty(); }

    /** Whether call frame information was read. */
    public boolean hasFrames() { return !parsed().frames.isEmpty(); }

    /** What could not be read, one line, or null when everything was. */
    public String warning() {
        List<String> w = parsed().warnings;
        return w.isEmpty() ? null : "warning: DWARF: " + String.join("; ", w);
    }

    /** The source line whose code holds {@code address}, or null. */
    public SourceLine lineAt(long address) {
        Parsed p = parsed();
        int i = Arrays.binarySearch(p.starts, address);
        if (i < 0) i = -i - 2;
        // ranges may overlap (a sequence of one unit inside another's): the nearest start at or below wins
        for (int k = i; k >= 0 && k > i - 4; k--) {
            Range r = p.lines.get(k);
            if (address >= r.start && address < r.end) return new SourceLine(r.row.file(), r.row.line(), r.start, r.end);
        }
        return null;
    }

    /**
     * The line at {@code address} as its function's own code, or null: no line, or code inlined
     * there from a function declared elsewhere. Inlined subroutines' entries are not read, so
     * this goes by the line: one before the function's own declaration, or in another file than
     * its entry's, is taken for inlined code (helpers are declared before their callers).
     */
    public SourceLine ownLineAt(long address) {
        SourceLine l = lineAt(address);
        if (l == null) return null;
        Function f = functionAt(address);
        if (f == null) return l;
        SourceLine entry = lineAt(f.entry());
        if (entry != null && !entry.file().equals(l.file())) return null;
        return f.declLine() > 0 && l.line() < f.declLine() ? null : l;
    }

    /**
     * The end of the code of the line at {@code address}: the end of its row's range, extended
     * over the rows that follow without a gap while they are the same line (its columns, its
     * non-statement rows) or code inlined into it; {@code address} itself when no line holds it.
     */
    public long lineEnd(long address) {
        SourceLine l = ownLineAt(address);
        if (l == null) return address;
        long end = l.end();
        for (SourceLine next; (next = lineAt(end)) != null; end = next.end()) {
            SourceLine own = ownLineAt(end);
            if (own != null && (own.line() != l.line() || !own.file().equals(l.file()))) break;
        }
        return end;
    }

    /**
     * Where a new source line of the function's own code begins in {@code [from, to)}, in address
     * order: each statement row that does not continue the own line of the code just before it
     * (inlined code between them passed over); gdb's stepping stops only at such places.
     */
    public List<Long> lineStarts(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (Range r : parsed().lines) {
            if (r.start < from || r.start >= to || !r.row.isStmt()) continue;
            SourceLine own = ownLineAt(r.start);
            if (own == null) continue;
            SourceLine before = null;
            for (long a = r.start; before == null; ) {
                SourceLine prev = lineAt(a - 1);
                if (prev == null || prev.end() != a) break;
                before = ownLineAt(a - 1);
                a = prev.start();
            }
            if (before != null && before.line() == own.line() && before.file().equals(own.file())) continue;
            if (out.isEmpty() || out.get(out.size() - 1) != r.start) out.add(r.start);
        }
        return out;
    }

    /** The source files the line table names, whose spelling {@code spelling} matches (see {@link SourceFile#matches}). */
    public List<SourceFile> files(String spelling) {
        Map<String, SourceFile> out = new LinkedHashMap<>();
        for (Range r : parsed().lines) if (r.row.file().matches(spelling)) out.putIfAbsent(r.row.file().path(), r.row.file());
        return new ArrayList<>(out.values());
    }

    /** Every source file the line table names, by path. */
    public List<SourceFile> files() {
        Map<String, SourceFile> out = new LinkedHashMap<>();
        for (Range r : parsed().lines) out.putIfAbsent(r.row.file().path(), r.row.file());
        List<SourceFile> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing(SourceFile::path));
        return list;
    }

    /**
     * Where {@code line} of the files {@code spelling} names has code, as gdb resolves a linespec:
     * the statement rows of that exact line, the lowest address first and one per function; when
     * the line has none, those of the nearest following line that has code. Empty when no later
     * line has code either.
     */
    public List<SourceLine> addressesOf(String spelling, int line) {
        Parsed p = parsed();
        int best = Integer.MAX_VALUE;
        for (Range r : p.lines) {
            if (!r.row.isStmt() || !r.row.file().matches(spelling)) continue;
            int l = r.row.line();
            if (l >= line && l < best) best = l;
        }
        if (best == Integer.MAX_VALUE) return List.of();
        List<SourceLine> out = new ArrayList<>();
        List<Function> seen = new ArrayList<>();
        for (Range r : p.lines) {
            if (r.row.line() != best || !r.row.isStmt() || !r.row.file().matches(spelling)) continue;
            Function f = functionAt(r.start);
            if (f != null && seen.contains(f)) continue;
            if (f != null) seen.add(f);
            out.add(new SourceLine(r.row.file(), best, r.start, r.end));
        }
        return out;
    }

    /** The function whose code holds {@code address}, or null. */
    public Function functionAt(long address) {
        for (Function f : parsed().functions) if (f.contains(address)) return f;
        return null;
    }

    /** The function named {@code name}, or null. */
    public Function function(String name) {
        return parsed().byName.get(name);
    }

    /** The functions with code, by entry address. */
    public List<Function> functions() {
        return Collections.unmodifiableList(parsed().functions);
    }

    public List<CompileUnit> units() {
        return Collections.unmodifiableList(parsed().units);
    }

    /** The name of the ELF section that holds {@code address} at run time (".text", ".bss"), or null. */
    public String sectionAt(long address) {
        for (ElfFile.SectionHeader h : parsed().allocated) {
            if (address >= h.addr() && address - h.addr() < h.size()) return h.name();
        }
        return null;
    }

    /** The call whose return address is {@code returnPc} with its arguments' values, or null. */
    public CallSite callSiteAt(long returnPc) {
        return parsed().callSites.get(returnPc);
    }

    /** The call frame rule at {@code pc}, or null when no CFI covers it. */
    public FrameRule frameRuleAt(long pc) {
        return parsed().frames.ruleAt(pc);
    }
}
