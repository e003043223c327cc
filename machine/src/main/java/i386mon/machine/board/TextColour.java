package i386mon.machine.board;

/** The sixteen colours of PC text mode, in the IBM (CGA) order: the low eight and their bright forms. */
public enum TextColour {
    BLACK, BLUE, GREEN, CYAN, RED, MAGENTA, BROWN, LIGHT_GREY,
    DARK_GREY, LIGHT_BLUE, LIGHT_GREEN, LIGHT_CYAN, LIGHT_RED, LIGHT_MAGENTA, YELLOW, WHITE;

    private static final TextColour[] ALL = values();

    /** The colour with IBM index {@code index} (0-15). */
    public static TextColour ofIndex(int index) { return ALL[index & 15]; }

    /** True for the eight bright colours. */
    public boolean bright() { return ordinal() >= 8; }

    /** The low-intensity colour this one brightens (itself if not bright). */
    public TextColour base() { return ALL[ordinal() & 7]; }
}
