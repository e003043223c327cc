package i386mon.shell.commands;

import i386mon.machine.debug.StackFrame;
import i386mon.machine.debug.StackWalker;
import i386mon.machine.debug.dwarf.SourceLine;
import i386mon.shell.format.Json;
import i386mon.shell.session.CommandException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code info frame}: the selected frame in gdb's words, as far as the walk knows it: where it
 * executes, its return address, its neighbours' frame addresses (CFAs) and where the return
 * address is saved (#18: info's description named it, but it was missing).
 */
@Command(name = "frame", description = "Describe the selected frame as gdb's info frame: its frame address (CFA), eip and saved eip, "
        + "the frames it is called by and caller of, and where the return address is saved.")
final class InfoFrameCommand extends MonitorCommand {
    @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

    @Override void run() {
        int level = session.selectedFrame();
        StackWalker.Walk w = StackCommands.walk(session, level + 2);
        if (level >= w.frames().size()) throw new CommandException("No frame at level " + level + ".");
        List<StackFrame> frames = w.frames();
        StackFrame f = frames.get(level);
        StackFrame caller = level + 1 < frames.size() ? frames.get(level + 1) : null;
        StackFrame callee = level > 0 ? frames.get(level - 1) : null;
        if (json) {
            Map<String, Object> m = StackCommands.json(f);
            m.put("savedEip", caller == null ? null : caller.pc());
            m.put("calledBy", caller == null || caller.cfa() < 0 ? null : caller.cfa());
            m.put("callerOf", callee == null || callee.cfa() < 0 ? null : callee.cfa());
            out().println(Json.write(m));
            return;
        }
        if (f.kind() == StackFrame.Kind.INTERRUPT) {
            out().println(StackCommands.frameLine(f));
            return;
        }
        out().println("Stack level " + level + ", frame at " + address(f.cfa()) + ":");
        String name = f.functionName();
        SourceLine l = f.line();
        out().println(String.format(" eip = 0x%x in %s%s%s", f.pc(), name == null ? "??" : name,
                l == null ? "" : " (" + l.file().name() + ":" + l.line() + ")",
                caller == null ? "" : String.format("; saved eip = 0x%x", caller.pc())));
        String by = caller == null ? null : "called by frame at " + address(caller.cfa());
        String of = callee == null ? null : "caller of frame at " + address(callee.cfa());
        if (by != null || of != null) out().println(" " + (by == null ? of : of == null ? by : by + ", " + of));
        if (caller == null) out().println(" (outermost: " + w.end() + ")");
        else out().println(" caller found by " + f.unwound().text());
        if (f.cfa() >= 0) {
            out().println(String.format(" Previous frame's sp is 0x%x", f.cfa()));
            // the CALL pushed the return address just below the stack pointer it started with (the CFA)
            out().println(String.format(" Saved registers:%n  eip at 0x%x", f.cfa() - 4));
        }
    }

    private static String address(long cfa) {
        return cfa < 0 ? "(unknown)" : String.format("0x%x", cfa);
    }
}
