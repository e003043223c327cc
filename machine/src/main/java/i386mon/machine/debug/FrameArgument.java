package i386mon.machine.debug;

/**
 * One argument of a frame as gdb's backtrace shows it: the parameter's name and its value's text
 * ({@code 42}, {@code 0x101234 "text"}, {@code <optimized out>}, {@code ...} for a structure);
 * {@code value} is the raw value when there is one (null when optimized out, unreadable or an
 * aggregate). {@code entryText} and {@code entryValue} are its value when the function was
 * entered, known from the caller's call site (null when not known).
 */
public record FrameArgument(String name, String text, Long value, String entryText, Long entryValue) {
    /**
     * As in gdb's frame line ("print entry-values default"): {@code n=5}; {@code n=n@entry=5} when
     * the entry value is known and the same; {@code n=6, n@entry=5} when it differs.
     */
    @Override public String toString() {
        if (entryText == null) return name + "=" + text;
        if (value != null && value.equals(entryValue)) return name + "=" + name + "@entry=" + text;
        return name + "=" + text + ", " + name + "@entry=" + entryText;
    }
}
