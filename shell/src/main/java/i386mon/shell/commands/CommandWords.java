package i386mon.shell.commands;

import java.util.Set;
import java.util.TreeSet;

/** Words some commands take that the picocli model does not list, for TAB completion (#18). */
public final class CommandWords {
    private CommandWords() { }

    /** The exception names {@code catch} accepts. */
    public static Set<String> exceptionNames() {
        return new TreeSet<>(CatchCommand.NAMES.keySet());
    }
}
