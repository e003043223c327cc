package i386mon.machine.debug.dwarf;

/** DWARF data that cannot be read: a truncated section, an unknown form or opcode. One line of text. */
public final class DwarfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DwarfException(String message) {
        super(message);
    }

    static DwarfException format(String format, Object... args) {
        return new DwarfException(String.format(format, args));
    }
}
