package i386mon.shell.commands;

import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.Timeline;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.Watchpoint;
import i386mon.shell.format.Json;
import i386mon.shell.format.WatchText;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reverse execution: reverse on|off, info reverse, reverse-stepi, reverse-step, reverse-next, reverse-continue, reverse-watch. */
final class ReverseCommands {
    private ReverseCommands() { }

    static Timeline timeline(Session s) {
        Timeline t = s.target().timeline();
        if (t == null) throw new CommandException("this machine cannot execute in reverse");
        return t;
    }

    @Command(name = "reverse", description = "Record for reverse execution: reverse on [INTERVAL] takes a checkpoint (a snapshot) every INTERVAL instructions "
            + "(default 10000000: about 5%% slower than without; at most 200 are kept, the oldest dropped) and records keys and serial input, so that reverse-stepi, reverse-step, "
            + "reverse-continue and reverse-watch can replay the past exactly; reverse off forgets it. Changing memory, registers or ports "
            + "starts the history anew from there. With several CPUs every CPU is recorded; runs then count instructions over all CPUs together and "
            + "a step is the next instruction of the interleaving, whichever CPU runs it. Off by default: a run then costs nothing extra.")
    static final class Mode extends MonitorCommand {
        @Parameters(index = "0", paramLabel = "on|off", description = "on: record from now; off: stop and forget.") String mode;
        @Parameters(index = "1", arity = "0..1", paramLabel = "INTERVAL", description = "Instructions between checkpoints (expression).") String interval;

        @Override void run() {
            Timeline t = timeline(session);
            switch (mode) {
                case "on": {
                    long n = interval == null ? Timeline.DEFAULT_INTERVAL : Counts.positive(session, interval, "INTERVAL", Long.MAX_VALUE / 2);
                    try {
                        t.enable(n);
                    } catch (i386mon.machine.snapshot.SnapshotException e) {
                        throw new CommandException(e.getMessage());
                    }
                    out().println(String.format("Recording from instruction #%d, a checkpoint every %d instructions.", session.target().instructionsRetired(), n));
                    return;
                }
                case "off":
                    if (interval != null) throw new CommandException("reverse off takes no INTERVAL");
                    t.disable();
                    out().println("Reverse execution off; the recorded history is forgotten.");
                    return;
                default: throw new CommandException("reverse: on [INTERVAL] or off, not " + mode);
            }
        }
    }

    @Command(name = "reverse", description = "Show reverse execution's recording: on or off, the checkpoint interval, how far back it reaches, the checkpoints and input recorded and the memory they take.")
    static final class Info extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            Timeline t = timeline(session);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("on", t.on());
            m.put("interval", t.on() ? t.interval() : null);
            m.put("start", t.on() ? t.start() : null);
            m.put("now", session.target().instructionsRetired());
            m.put("checkpoints", t.checkpointCount());
            m.put("inputs", t.inputCount());
            m.put("stored_bytes", t.storedBytes());
            if (json) {
                out().println(Json.write(m));
                return;
            }
            if (!t.on()) {
                out().println("Reverse execution is off (reverse on [INTERVAL] starts recording).");
                return;
            }
            out().println(String.format("Recording: instructions #%d to #%d, a checkpoint every %d instructions", t.start(),
                    session.target().instructionsRetired(), t.interval()));
            out().println(String.format("%d checkpoint%s (%d KiB), %d input event%s", t.checkpointCount(), t.checkpointCount() == 1 ? "" : "s",
                    t.storedBytes() >> 10, t.inputCount(), t.inputCount() == 1 ? "" : "s"));
        }
    }

    @Command(name = "reverse-stepi", aliases = "rsi", description = "Go back N instructions (default 1) by replay, and show the instruction there.")
    static final class StepI extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Instruction count (expression).") List<String> words;

        @Override void run() {
            stepBack(session, words, "instruction count");
        }
    }

    /** Goes back N (the words, default 1) instructions and shows where. */
    static void stepBack(Session session, List<String> words, String what) {
        long n = words == null || words.isEmpty() ? 1 : Counts.positive(session, MonitorCommand.joined(words), what, Long.MAX_VALUE / 2);
        session.printStop(session.reverseStep(n));
    }

    @Command(name = "reverse-step", aliases = "rs", description = "Go back N source lines (default 1) as gdb's reverse-step: to the start of the previous line executed "
            + "(of the current line when stopped in its middle), into a function that returned meanwhile (to the start of the last line it ran), "
            + "out to the caller's line from a function's first line. Where the code has no line information, by one instruction (and says so).")
    static final class Step extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Line count (expression).") List<String> words;

        @Override void run() {
            stepLinesBack(session, words, false);
        }
    }

    @Command(name = "reverse-next", aliases = "rn", description = "Go back N source lines (default 1) as gdb's reverse-next: as reverse-step, but calls made meanwhile "
            + "are gone back over, not into. Where the code has no line information, by one instruction (and says so).")
    static final class Next extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Line count (expression).") List<String> words;

        @Override void run() {
            stepLinesBack(session, words, true);
        }
    }

    /** Goes back N (the words, default 1) source lines and shows where. */
    static void stepLinesBack(Session session, List<String> words, boolean overCalls) {
        long n = words == null || words.isEmpty() ? 1 : Counts.positive(session, MonitorCommand.joined(words), "line count", Long.MAX_VALUE / 2);
        if (timeline(session).on() && session.target().cpuCount() > 1) {
            session.out().println("With several CPUs this goes back by instruction (one CPU's source lines are not followed yet).");
        } else if (timeline(session).on() && !session.runControl().hasLineInformation()) {
            session.out().println("No line information here: going back by instruction.");
        }
        session.printStop(session.reverseStepLines(n, overCalls));
    }

    @Command(name = "reverse-continue", aliases = "rc", description = "Go back to the previous breakpoint (whose condition held), watchpoint or catchpoint hit; "
            + "without one, to the start of the recording.")
    static final class Continue extends MonitorCommand {
        @Override void run() {
            session.printStop(session.reverseContinue());
        }
    }

    @Command(name = "reverse-watch", description = "Find the last write to memory or to a page-table entry: reverse-watch [-p] ADDR [LEN] | reverse-watch pte VA. "
            + "Answers \"the last write ... happened at instruction #N\" with the old and new value and the instruction, and stops right after it.")
    static final class Watch extends MonitorCommand {
        @Option(names = "-p", description = "ADDR is physical (any linear alias).") boolean physical;
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        @Parameters(paramLabel = "ADDR [LEN] | pte VA", arity = "1..2", description = "Address expression and length (default 4), or: pte VA.")
        List<String> words;

        @Override void run() {
            Watchpoint.Space space;
            long address;
            int len = 4;
            if (words.get(0).equalsIgnoreCase("pte")) {
                if (words.size() != 2 || physical) throw new CommandException("reverse-watch pte takes one virtual address: reverse-watch pte VA");
                space = Watchpoint.Space.PAGE_ENTRIES;
                address = session.eval(words.get(1));
            } else {
                space = physical ? Watchpoint.Space.PHYSICAL : Watchpoint.Space.LINEAR;
                address = session.eval(words.get(0));
                long n = words.size() > 1 ? session.eval(words.get(1)) : 4;
                if (n < 1 || n > 0x1000_0000L) throw new CommandException("reverse-watch length must be 1 to 0x10000000 bytes: " + n);
                len = (int) n;
            }
            timeline(session);
            var debugger = session.debugger();
            Watchpoint w = space == Watchpoint.Space.PAGE_ENTRIES ? debugger.watchPageEntries((int) address)
                    : space == Watchpoint.Space.PHYSICAL ? debugger.watchPhysical(address, len, WatchAccess.WRITE)
                    : debugger.watchLinear((int) address, len, WatchAccess.WRITE);
            WatchHit h;
            try {
                h = session.reverseWatch(w);
            } finally {
                debugger.unwatch(w.id());
            }
            String what = WatchText.what(space, address, len);
            long count = session.target().instructionsRetired();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("what", what);
                m.put("found", h != null);
                if (h != null) {
                    m.put("instruction", count);
                    m.put("eip", h.eip() & 0xFFFF_FFFFL);
                    m.put("linear_eip", h.linearEip() & 0xFFFF_FFFFL);
                    m.put("address", h.address());
                    m.put("physical", h.physical());
                    m.put("size", h.size());
                    m.put("old", h.oldValue());
                    m.put("new", h.newValue());
                    m.put("entry", h.entry() == null ? null : h.entry().toString());
                }
                out().println(Json.write(m));
                return;
            }
            if (h == null) {
                out().println("No write to " + what + " since instruction #" + session.target().timeline().start()
                        + " (the start of the recording); the guest stays where it was.");
                return;
            }
            out().println(String.format("The last write to %s happened at instruction #%d, EIP %s:", what, count, session.where(h.linearEip())));
            WatchText.hit(h, space, address, session::where, session::instructionText).forEach(out()::println);
            session.printStop(StopReason.of(StopReason.Kind.WATCHPOINT, "right after it"));
        }
    }
}
