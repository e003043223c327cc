package i386mon.machine.debug.dwarf;

/**
 * A source line and the address range one of its line table rows covers: {@code [start, end)}.
 * A line may own several such ranges (loops, code the compiler moved).
 */
public record SourceLine(SourceFile file, int line, long start, long end) {
    /** "main.c:42" as the monitor appends it to an address. */
    public String shortText() {
        return file.baseName() + ":" + line;
    }

    public boolean contains(long address) {
        return address >= start && address < end;
    }
}
