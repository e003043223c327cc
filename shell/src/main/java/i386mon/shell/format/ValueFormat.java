package i386mon.shell.format;

/** Formats one 32-bit value the way QEMU's {@code print} does for each format letter. */
public final class ValueFormat {
    private ValueFormat() { }

    /** {@code x}: 0x-prefixed hex ("0" for zero, as C's %#x), {@code o}, {@code u}, {@code d} (signed), {@code c}, {@code t} (binary, as gdb's p/t). */
    public static String format(long value32, char format) {
        long v = value32 & 0xFFFF_FFFFL;
        switch (format) {
            case 'x': case 'a': return v == 0 ? "0" : "0x" + Long.toHexString(v);
            case 'o': return v == 0 ? "0" : "0" + Long.toOctalString(v);
            case 'u': return Long.toString(v);
            case 'c': return MemoryDump.quotedChar((int) v);
            case 't': return Long.toBinaryString(v);
            default: return Integer.toString((int) v);
        }
    }
}
