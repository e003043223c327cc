package i386mon.shell.script;

/** One logical script line (continuations joined, comment removed) and the physical line it starts on. */
public record ScriptLine(int lineNumber, String text) { }
