package i386mon.shell.repl;

/** The QEMU {@code sendkey} name of a character typed on the host terminal, for the guest's keyboard. */
final class KeyNames {
    private static final String PLAIN = "-=[];'`\\,./";
    private static final String[] PLAIN_NAMES = {"minus", "equal", "bracket_left", "bracket_right", "semicolon",
        "apostrophe", "grave_accent", "backslash", "comma", "dot", "slash"};
    private static final String SHIFTED = "_+{}:\"~|<>?";
    private static final String SHIFTED_DIGITS = ")!@#$%^&*(";

    private KeyNames() { }

    /** The key combination for {@code c}, or null when the PC keyboard has no key for it. */
    static String forChar(int c) {
        if (c >= 'a' && c <= 'z') return String.valueOf((char) c);
        if (c >= 'A' && c <= 'Z') return "shift-" + (char) (c - 'A' + 'a');
        if (c >= '0' && c <= '9') return String.valueOf((char) c);
        int i = SHIFTED_DIGITS.indexOf(c);
        if (i >= 0) return "shift-" + i;
        i = PLAIN.indexOf(c);
        if (i >= 0) return PLAIN_NAMES[i];
        i = SHIFTED.indexOf(c);
        if (i >= 0) return "shift-" + PLAIN_NAMES[i];
        switch (c) {
            case ' ': return "spc";
            case '\r': case '\n': return "ret";
            case '\t': return "tab";
            case 8: case 127: return "backspace";
            case 27: return "esc";
            default:
                if (c >= 1 && c <= 26) return "ctrl-" + (char) (c - 1 + 'a');
                return null;
        }
    }
}
