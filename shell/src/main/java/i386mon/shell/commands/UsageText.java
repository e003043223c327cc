package i386mon.shell.commands;

import i386mon.shell.format.WordWrap;
import picocli.CommandLine;

/**
 * A command's usage message at a given width, wrapped between words: picocli lays it out on
 * lines long enough never to wrap (its own wrapping breaks after hyphens and slashes and cuts
 * long words), then {@link WordWrap} wraps each line at spaces (#18).
 */
public final class UsageText {
    /** Wider than any line of usage text, so that picocli leaves all wrapping to us. */
    private static final int UNWRAPPED = 4000;

    private UsageText() { }

    /** The usage of {@code cmd} wrapped to {@code width} columns. */
    public static String of(CommandLine cmd, int width) {
        cmd.setUsageHelpAutoWidth(false);
        cmd.setUsageHelpWidth(UNWRAPPED);
        // the monitor's root command has no name, which leaves a double space after "Usage:"
        String text = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceFirst("^Usage:  ", "Usage: ");
        int synopsisEnd = text.indexOf('\n');
        if (synopsisEnd < 0) return WordWrap.text(text, width);
        String synopsis = text.substring(0, synopsisEnd);
        // the synopsis continues under its first argument, as picocli lays it out
        int indent = ("Usage: " + cmd.getCommandSpec().qualifiedName().strip() + " ").length();
        if (indent * 2 > width) indent = "Usage: ".length();
        String wrapped = WordWrap.line(unbreakableInBrackets(synopsis), width, indent).replace(NO_BREAK, ' ');
        return wrapped + WordWrap.text(text.substring(synopsisEnd), width);
    }

    private static final char NO_BREAK = '\u00a0';

    /** An option's label such as [-initrd=FILE[ ARGS][,FILE...]] stays on one line: its spaces are not breaks. */
    private static String unbreakableInBrackets(String synopsis) {
        StringBuilder b = new StringBuilder(synopsis);
        int depth = 0;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == '[') depth++;
            else if (c == ']' && depth > 0) depth--;
            else if (c == ' ' && depth > 0) b.setCharAt(i, NO_BREAK);
        }
        return b.toString();
    }
}
