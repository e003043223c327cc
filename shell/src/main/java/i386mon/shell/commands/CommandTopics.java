package i386mon.shell.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics {@code help} lists the commands under, in the order a session meets them (#18). */
final class CommandTopics {
    /** Topic title to the commands in it, by their primary names. */
    static final Map<String, List<String>> TOPICS = topics();

    /** Where a command without a topic goes, so that a new command is never left out of help. */
    static final String OTHER = "Other";

    private CommandTopics() { }

    private static Map<String, List<String>> topics() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Running", List.of("cont", "stop", "step", "next", "finish", "until", "advance", "run", "system_reset", "cpu",
                "reverse", "reverse-stepi", "reverse-step", "reverse-next", "reverse-continue", "reverse-watch"));
        m.put("Breakpoints", List.of("break", "tbreak", "delete", "watch", "catch", "expect"));
        m.put("Memory", List.of("x", "xp", "print", "display", "undisplay", "disas", "memsave", "pmemsave"));
        m.put("Paging", List.of("translate", "gva2gpa", "pte"));
        m.put("Devices", List.of("i", "o", "sendkey", "sendserial", "serial-input", "screendump"));
        m.put("Source", List.of("list", "backtrace", "frame", "up", "down"));
        m.put("State", List.of("info", "regs", "set", "setp", "setpmem", "writemem", "history", "savevm", "loadvm", "delvm"));
        m.put("Session", List.of("load", "source", "gdbserver", "help", "quit"));
        return m;
    }
}
