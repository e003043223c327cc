package i386mon.shell.format;

/** gdb's spellings for source-level answers: {@code <kmain+16>} (decimal offsets), "kmain + 16 in section .text". */
public final class SourceText {
    private SourceText() { }

    /** "kmain+0x10" (the monitor's symbol text) as gdb writes it in angle brackets: "kmain+16"; null stays null. */
    public static String gdbSymbol(String described) {
        if (described == null || described.isEmpty() || described.startsWith("0x")) return null;
        int plus = described.lastIndexOf("+0x");
        if (plus < 0) return described;
        return described.substring(0, plus) + "+" + Long.parseLong(described.substring(plus + 3), 16);
    }

    /** "0x101980 <kmain+16>", or the bare address when no symbol covers it. */
    public static String address(long address, String described) {
        String sym = gdbSymbol(described);
        return String.format("0x%x", address) + (sym == null ? "" : " <" + sym + ">");
    }

    /** {@code info symbol}'s answer: "kmain + 16 in section .text" ("kmain in section .text" at the start). */
    public static String infoSymbol(String described, String section) {
        String sym = gdbSymbol(described);
        int plus = sym.lastIndexOf('+');
        String where = plus < 0 ? sym : sym.substring(0, plus) + " + " + sym.substring(plus + 1);
        return section == null ? where : where + " in section " + section;
    }
}
