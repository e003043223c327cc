package i386mon.shell.session;

import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.SourceFile;
import i386mon.machine.debug.dwarf.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's linespecs as the monitor accepts them: {@code FILE:LINE}, {@code LINE} (in the file last
 * listed or stopped in, where a command says so), {@code FUNCTION}, {@code *EXPR}, and for the
 * commands that always took one, a plain address expression.
 */
public final class Locations {
    /** A resolved location: the address to stop at, the source line there (null when unknown) and what the user wrote. */
    public record Location(long address, SourceLine line, String spec) { }

    private static final Pattern FILE_LINE = Pattern.compile("([^\\s:$*]+):(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("(0[xX])?[0-9a-fA-F]+|\\d+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9_.$]*");

    private Locations() { }

    /** Whether {@code spec} has the FILE:LINE form (a file part that is not a number, as a seg:off address is). */
    public static boolean isFileLine(String spec) {
        Matcher m = FILE_LINE.matcher(spec.trim());
        return m.matches() && !NUMBER.matcher(m.group(1)).matches();
    }

    /** A line number alone ("42"). */
    public static boolean isLineNumber(String spec) {
        return spec.trim().matches("\\d+");
    }

    /**
     * Resolves {@code spec}: FILE:LINE, {@code *EXPR}, a function DWARF or the symbol table names,
     * or (when {@code lineInFile} is given) a bare line number in that file; anything else is an
     * address expression. One location per function a line has code in (usually one).
     */
    public static List<Location> resolve(Session s, String spec, SourceFile lineInFile) {
        String t = spec.trim();
        if (t.isEmpty()) throw new CommandException("location expected");
        if (!s.hasTarget() && !isFileLine(t)) {
            // before a kernel is loaded only plain addresses mean something (as break always allowed)
            return List.of(new Location(s.eval(t.startsWith("*") ? t.substring(1) : t) & 0xFFFF_FFFFL, null, t));
        }
        DebugInfo d = s.debugInfo();
        if (isFileLine(t)) {
            Matcher m = FILE_LINE.matcher(t);
            m.matches();
            return lines(s, d, m.group(1), parseLine(m.group(2)), t);
        }
        if (lineInFile != null && isLineNumber(t)) return lines(s, d, lineInFile.path(), parseLine(t), t);
        if (t.startsWith("*")) return List.of(at(s, s.eval(t.substring(1)), t));
        if (IDENTIFIER.matcher(t).matches()) {
            Integer sym = s.target().symbol(t);
            if (sym != null) return List.of(at(s, sym & 0xFFFF_FFFFL, t));
            Function f = d.function(t);
            if (f != null) return List.of(at(s, f.entry(), t));
        }
        return List.of(at(s, s.eval(t), t));
    }

    private static int parseLine(String digits) {
        try {
            int n = Integer.parseInt(digits);
            if (n < 1) throw new CommandException("line numbers start at 1: " + digits);
            return n;
        } catch (NumberFormatException e) {
            throw new CommandException("line number too large: " + digits);
        }
    }

    private static Location at(Session s, long address, String spec) {
        return new Location(address & 0xFFFF_FFFFL, s.sourceLine((int) address), spec);
    }

    private static List<Location> lines(Session s, DebugInfo d, String file, int line, String spec) {
        if (d.files(file).isEmpty()) throw new CommandException("No source file named " + file + ".");
        List<SourceLine> found = d.addressesOf(file, line);
        if (found.isEmpty()) {
            // gdb's words: no line at or after this one has code
            throw new CommandException("Line number " + line + " is out of range for \"" + d.files(file).get(0).name() + "\".");
        }
        List<Location> out = new ArrayList<>();
        for (SourceLine l : found) out.add(new Location(l.start(), l, spec));
        return out;
    }
}
