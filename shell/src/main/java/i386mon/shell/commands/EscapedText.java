package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import java.io.ByteArrayOutputStream;

/** C escapes in a quoted argument ({@code "hello\n"}) turned into the bytes they stand for. */
final class EscapedText {
    private EscapedText() { }

    /** Decodes {@code \n \r \t \0 \e \\ \xHH}; other characters as their low 8 bits (text is Latin-1 to the guest). */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i == text.length()) throw new CommandException("a backslash ends the text: write \\\\ for a backslash");
            char e = text.charAt(i);
            switch (e) {
                case 'n': out.write('\n'); break;
                case 'r': out.write('\r'); break;
                case 't': out.write('\t'); break;
                case '0': out.write(0); break;
                case 'e': out.write(0x1B); break;
                case '\\': out.write('\\'); break;
                case '"': out.write('"'); break;
                case 'x': {
                    int end = Math.min(text.length(), i + 3);
                    String hex = text.substring(i + 1, end);
                    if (!hex.matches("[0-9a-fA-F]{2}")) throw new CommandException("\\x needs two hex digits: \\x" + hex);
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                    break;
                }
                default: throw new CommandException("unknown escape \\" + e + " (known: \\n \\r \\t \\0 \\e \\\\ \\\" \\xHH)");
            }
        }
        return out.toByteArray();
    }
}
