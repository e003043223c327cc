package i386mon.shell.commands;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.FrameArgument;
import i386mon.machine.debug.StackFrame;
import i386mon.machine.debug.StackWalker;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.dwarf.SourceLine;
import i386mon.shell.format.Json;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Locations;
import i386mon.shell.session.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The stack: backtrace, frame, up, down, and the runs that end with a frame: finish, until, advance. */
final class StackCommands {
    private static final int ESP = 4, EAX = 0;

    private StackCommands() { }

    static StackWalker.Walk walk(Session s, int frames) {
        s.debugInfo(); // a DWARF warning, if any, before the frames
        return new StackWalker(s.target()).walk(frames);
    }

    /** "#1  0x00101a0c in kmain (n=3) at src/main/c/main.c:200", or an interrupt frame's line. */
    static String frameLine(StackFrame f) {
        if (f.kind() == StackFrame.Kind.INTERRUPT) {
            return String.format("#%-2d <interrupt: vector %d (%s)%s, entered at 0x%08x%s>", f.level(), f.vector(), CatchCommand.name(f.vector()),
                    f.errorCode() >= 0 ? String.format(", error code 0x%x", f.errorCode()) : "", f.pc(),
                    f.symbol() == null || f.symbol().startsWith("0x") ? "" : " (" + f.symbol() + ")");
        }
        String name = f.functionName();
        SourceLine l = f.line();
        return String.format("#%-2d 0x%08x in %s (%s)%s", f.level(), f.pc(), name == null ? "??" : name, arguments(f),
                l == null ? "" : " at " + l.file().name() + ":" + l.line());
    }

    /** "fmt=0x101234 \"...\", n=<optimized out>", as gdb lists a frame's arguments; empty without DWARF for the function. */
    static String arguments(StackFrame f) {
        if (f.arguments() == null) return "";
        StringBuilder sb = new StringBuilder();
        for (FrameArgument a : f.arguments()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(a);
        }
        return sb.toString();
    }

    /** The frame line, then (as gdb's frame/up/down) its source line's text when the file can be read. */
    static void printFrame(Session s, StackFrame f) {
        s.out().println(frameLine(f));
        SourceLine l = f.line();
        if (l == null) return;
        String text = s.sourceFiles().line(l.file(), l.line());
        if (text != null) s.out().println(l.line() + "\t" + text);
    }

    static Map<String, Object> json(StackFrame f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", f.level());
        m.put("kind", f.kind() == StackFrame.Kind.INTERRUPT ? "interrupt" : "normal");
        m.put("pc", f.pc());
        m.put("function", f.functionName());
        if (f.arguments() != null) {
            List<Object> args = new ArrayList<>();
            for (FrameArgument a : f.arguments()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("name", a.name());
                am.put("text", a.text());
                am.put("value", a.value());
                am.put("entryText", a.entryText());
                am.put("entryValue", a.entryValue());
                args.add(am);
            }
            m.put("arguments", args);
        } else {
            m.put("arguments", null);
        }
        m.put("file", f.line() == null ? null : f.line().file().name());
        m.put("line", f.line() == null ? null : f.line().line());
        m.put("cfa", f.cfa() < 0 ? null : f.cfa());
        m.put("vector", f.kind() == StackFrame.Kind.INTERRUPT ? f.vector() : null);
        m.put("errorCode", f.errorCode() < 0 ? null : f.errorCode());
        m.put("callerBy", f.unwound() == StackFrame.Unwound.NONE ? null : f.unwound().text());
        return m;
    }

    @Command(name = "backtrace", aliases = {"bt", "where"}, description = "Show the call stack: each frame's address, function with its arguments' values (as gdb: <optimized out> where the DWARF location does not cover the pc) and source line; interrupt and exception frames with their vector (the walk goes on into the interrupted code); then why the walk stopped. Callers are found by DWARF call frame information, else by the EBP chain.")
    static final class Backtrace extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "N", arity = "0..1", description = "Show at most N frames.") String count;

        @Override void run() {
            int n = count == null ? StackWalker.MAX_FRAMES : (int) Counts.positive(session, count, "frame count", StackWalker.MAX_FRAMES);
            StackWalker.Walk w = walk(session, n);
            if (json) {
                List<Object> frames = new ArrayList<>();
                for (StackFrame f : w.frames()) frames.add(json(f));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("frames", frames);
                m.put("stopped", w.end());
                out().println(Json.write(m));
                return;
            }
            for (StackFrame f : w.frames()) out().println(frameLine(f));
            out().println("Backtrace stopped: " + w.end());
        }
    }

    /** Selects frame {@code level} (bounded by the walk) and prints it. */
    static void select(Session s, int level) {
        if (level < 0) throw new CommandException("Bottom (innermost) frame selected; you cannot go down.");
        StackWalker.Walk w = walk(s, level + 1);
        if (level >= w.frames().size()) {
            if (level == s.selectedFrame() + 1 || s.selectedFrame() == w.frames().size() - 1) {
                throw new CommandException("Initial frame selected; you cannot go up (" + w.end() + ").");
            }
            throw new CommandException("No frame at level " + level + " (the stack has " + w.frames().size() + "; " + w.end() + ").");
        }
        s.selectFrame(level);
        printFrame(s, w.frames().get(level));
    }

    @Command(name = "frame", aliases = "f", description = "Select frame N of the backtrace (default: show the selected one). Frame selection changes what finish, until and advance run to and where list starts; registers, expressions and x stay on the CPU's real state. A stop selects frame 0 again.")
    static final class Frame extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..1", description = "Frame number.") Integer level;

        @Override void run() {
            select(session, level == null ? session.selectedFrame() : level);
        }
    }

    @Command(name = "up", description = "Select the frame N (default 1) levels up, toward the outermost caller (see frame).")
    static final class Up extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..1", description = "Levels.") Integer n;

        @Override void run() {
            select(session, session.selectedFrame() + (n == null ? 1 : n));
        }
    }

    @Command(name = "down", description = "Select the frame N (default 1) levels down, toward the innermost (see frame).")
    static final class Down extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..1", description = "Levels.") Integer n;

        @Override void run() {
            select(session, session.selectedFrame() - (n == null ? 1 : n));
        }
    }

    @Command(name = "finish", description = "Run until the selected frame returns to its caller (a recursive call of the same function returning first does not count), then show where it stopped and, when DWARF says the function returns a value, EAX as \"Value returned is $N = ...\".")
    static final class Finish extends MonitorCommand {
        @Override void run() {
            int sel = session.selectedFrame();
            StackWalker.Walk w = walk(session, sel + 2);
            if (w.frames().size() <= sel + 1) throw new CommandException("\"finish\" not meaningful in the outermost frame (" + w.end() + ").");
            StackFrame f = w.frames().get(sel);
            StackFrame caller = w.frames().get(sel + 1);
            if (f.kind() == StackFrame.Kind.INTERRUPT || caller.kind() == StackFrame.Kind.INTERRUPT) {
                throw new CommandException("finish: frame #" + (f.kind() == StackFrame.Kind.INTERRUPT ? f.level() : caller.level())
                        + " is an interrupt frame: it ends with iret, not a return (use until or advance with a location)");
            }
            if (f.cfa() < 0) throw new CommandException("finish: the stack address of frame #" + sel + " is unknown");
            out().println("Run till exit from " + frameLine(f));
            DebugTarget t = session.target();
            long cfa = f.cfa();
            StopReason s = session.runTo(Set.of((int) caller.pc()), eip -> (t.reg(ESP) & 0xFFFF_FFFFL) >= cfa);
            if (!isReached(s)) {
                session.printStop(s);
                return;
            }
            String name = f.functionName();
            session.printStop(StopReason.of(StopReason.Kind.BREAKPOINT, "returned from " + (name == null ? "frame #" + sel : name)));
            if (f.function() != null && f.function().returnsValue()) {
                out().println("Value returned is $" + session.nextValueNumber() + " = " + t.reg(EAX));
            }
        }
    }

    static boolean isReached(StopReason s) {
        return s.kind() == StopReason.Kind.BREAKPOINT && s.description().equals(Session.REACHED);
    }

    /**
     * Runs to {@code spec} or until the selected frame returns, whichever comes first (gdb's until
     * LOCATION and advance LOCATION); {@code currentFrameOnly} stops at the location only in the
     * selected frame or its callers (until), not in a deeper call (advance stops anywhere).
     */
    static void runToLocation(Session session, String spec, boolean currentFrameOnly) {
        DebugTarget t = session.target();
        SourceLine here = session.sourceLine(t.eip());
        List<Locations.Location> locs = Locations.resolve(session, spec, here == null ? null : here.file());
        int sel = session.selectedFrame();
        StackWalker.Walk w = walk(session, sel + 2);
        StackFrame f = sel < w.frames().size() ? w.frames().get(sel) : null;
        StackFrame caller = sel + 1 < w.frames().size() ? w.frames().get(sel + 1) : null;
        long cfa = f == null ? -1 : f.cfa();
        long frameSp = f == null ? 0 : f.registers()[ESP] & 0xFFFF_FFFFL;
        Set<Integer> targets = new HashSet<>();
        for (Locations.Location l : locs) targets.add((int) l.address());
        boolean returnKnown = caller != null && caller.kind() == StackFrame.Kind.NORMAL && cfa >= 0;
        int returnPc = returnKnown ? (int) caller.pc() : 0;
        Set<Integer> all = new HashSet<>(targets);
        if (returnKnown) all.add(returnPc);
        StopReason s = session.runTo(all, eip -> {
            long sp = t.reg(ESP) & 0xFFFF_FFFFL;
            if (targets.contains(eip)) {
                // until: in the selected frame or a caller's, whose stack pointers are not below the frame's; a deeper call's are
                return !currentFrameOnly || sp >= frameSp;
            }
            return returnKnown && eip == returnPc && sp >= cfa;
        });
        if (!isReached(s)) {
            session.printStop(s);
            return;
        }
        boolean atTarget = targets.contains(t.eip());
        String name = f == null ? null : f.functionName();
        session.printStop(StopReason.of(StopReason.Kind.BREAKPOINT, atTarget ? "reached " + spec.trim()
                : "returned from " + (name == null ? "frame #" + sel : name) + " before reaching " + spec.trim()));
    }

    @Command(name = "until", aliases = "u", description = "Without LOCATION: as gdb's until, run until a source line at a higher address than the current line's "
            + "is reached in the current frame (a loop is run through rather than stepped back into; calls are run through), or until the frame returns. "
            + "With LOCATION (FILE:LINE, LINE in the current file, FUNCTION, *ADDR): run until it is reached in the selected frame or a caller, or until the selected frame returns.")
    static final class Until extends MonitorCommand {
        @Parameters(paramLabel = "LOCATION", arity = "0..*", description = "Where to run to.") List<String> words;

        @Override void run() {
            if (words == null || words.isEmpty()) {
                untilNextLine(session);
            } else {
                runToLocation(session, joined(words), true);
            }
        }
    }

    /**
     * gdb's until without an argument: like next over source lines, but the step range reaches
     * from the function's start to the end of the current line, so a jump back (a loop) does not
     * stop; the first start of another line beyond it in this frame does. A return to the middle
     * of the caller's line goes on, as gdb's next, to the start of the caller's next line.
     */
    static void untilNextLine(Session session) {
        DebugTarget t = session.target();
        var dwarf = session.debugInfo();
        for (boolean returned = false; ; returned = true) {
            long pc = session.pc() & 0xFFFF_FFFFL;
            SourceLine here = dwarf.ownLineAt(pc);
            var function = dwarf.functionAt(pc);
            if (here == null || function == null) {
                if (returned) break; // returned into code without lines: stop there
                throw new CommandException(String.format("until: no line information at 0x%08x (use until LOCATION, or next)", pc));
            }
            if (returned && !dwarf.lineStarts(pc, pc + 1).isEmpty()) break; // returned to the start of a line
            StackWalker.Walk w = new StackWalker(t).walk(2);
            long cfa = w.frames().get(0).cfa();
            StackFrame caller = w.frames().size() > 1 ? w.frames().get(1) : null;
            Set<Integer> lineStarts = new HashSet<>();
            for (long a : dwarf.lineStarts(returned ? function.entry() : dwarf.lineEnd(pc), function.end())) {
                SourceLine l = dwarf.ownLineAt(a);
                if (l.line() != here.line() || !l.file().equals(here.file())) lineStarts.add((int) a); // another range of this line goes on
            }
            boolean returnKnown = caller != null && caller.kind() == StackFrame.Kind.NORMAL && cfa >= 0;
            int returnPc = returnKnown ? (int) caller.pc() : 0;
            Set<Integer> all = new HashSet<>(lineStarts);
            if (returnKnown) all.add(returnPc);
            StopReason s = session.runTo(all, eip -> {
                if (lineStarts.contains(eip)) return cfa < 0 || new StackWalker(t).walk(1).frames().get(0).cfa() == cfa; // this frame, not a recursive call's
                return returnKnown && eip == returnPc && (t.reg(ESP) & 0xFFFF_FFFFL) >= cfa;
            });
            if (!isReached(s)) {
                session.printStop(s);
                return;
            }
            if (!lineStarts.contains(t.eip())) continue; // back in the caller, in the middle of its line
            break;
        }
        session.printStop(StopReason.STEPPED);
    }

    @Command(name = "advance", description = "Run until LOCATION (FILE:LINE, LINE in the current file, FUNCTION, *ADDR) is reached, in any frame, or until the selected frame returns.")
    static final class Advance extends MonitorCommand {
        @Parameters(paramLabel = "LOCATION", arity = "1..*", description = "Where to run to.") List<String> words;

        @Override void run() {
            runToLocation(session, joined(words), false);
        }
    }
}
