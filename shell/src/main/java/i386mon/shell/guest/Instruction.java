package i386mon.shell.guest;

/** One disassembled instruction: its length in bytes and its text ("mnemonic operands"). */
public record Instruction(int length, String text) {
    /** The mnemonic: the text up to the first space. */
    public String mnemonic() {
        int sp = text.indexOf(' ');
        return sp < 0 ? text : text.substring(0, sp);
    }

    /** The operands: the text after the first run of spaces, or "" when there are none. */
    public String operands() {
        int sp = text.indexOf(' ');
        return sp < 0 ? "" : text.substring(sp).strip();
    }
}
