package i386mon.machine.debug;

/**
 * One argument of a frame as gdb's backtrace shows it: the parameter's name and its value's text
 * ({@code 42}, {@code 0x101234 "text"}, {@code <optimized out>}, {@code ...} for a structure);
 * {@code value} is the raw value when there is one (null when optimized out, unreadable or an aggregate).
 */
public record FrameArgument(String name, String text, Long value) {
    /** "name=text", as in gdb's frame line. */
    @Override public String toString() {
        return name + "=" + text;
    }
}
