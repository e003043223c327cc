package i386mon.shell;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.commands.UsageText;
import i386mon.shell.format.WordWrap;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Documents generated from the picocli models, so they cannot drift from the code: the bash/zsh
 * completion script of the launcher and the Markdown reference of every option and command.
 * Regenerate with {@code java -cp ... i386mon.shell.ReferenceDocs REPO_ROOT} (see README).
 */
public final class ReferenceDocs {
    static final String COMPLETION = "completions/i386mon.bash";
    static final String REFERENCE = "docs/commands.md";

    private ReferenceDocs() { }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root.resolve(COMPLETION), bashCompletion());
        write(root.resolve(REFERENCE), commandReference());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The launcher's completion script; it also works in zsh through bashcompinit. */
    static String bashCompletion() {
        return AutoComplete.bash("i386mon", new CommandLine(new LaunchOptions()));
    }

    /** Markdown: the launcher's usage, then each monitor command's usage, in name order. */
    static String commandReference() {
        StringBuilder md = new StringBuilder();
        md.append("# i386mon command reference\n\n");
        md.append("Generated from the picocli model by `i386mon.shell.ReferenceDocs`; do not edit by hand.\n\n");
        md.append("## Launcher\n\n```\n").append(usage(new CommandLine(new LaunchOptions()))).append("```\n\n");
        md.append("## Monitor commands\n\n");
        md.append("Typed at the `(i386mon) ` prompt, in a script (`source FILE`, `-x FILE`) or with `-c CMD`: the same\n");
        md.append("grammar everywhere. `x`, `xp`, `print`, `i` and `o` take QEMU's `/FMT` suffix (`x/4xw ADDR`);\n");
        md.append("addresses and values are expressions (`$eax`, `$cr2`, symbols, `+ - * / % & | ^ ~ << >>`,\n");
        md.append("comparisons, `&&`, `||`, `[ADDR]` reads 32 bits of virtual memory). A whole expression may be\n");
        md.append("`SEG:OFF` (`break 0x7c0:0`, `x/8i $cs:$ip`): SEG*16+OFF in real and virtual-8086 mode, and in\n");
        md.append("protected mode the base of the descriptor selector SEG names in the GDT or LDT as memory holds it\n");
        md.append("now, + OFF. `$ip` is the low 16 bits of EIP; `$sp` is SP on a 16-bit stack, ESP on a 32-bit one.\n\n");
        Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(null), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine root = new CommandDispatcher(session).commandLine();
        Map<String, CommandLine> unique = new TreeMap<>();
        root.getSubcommands().forEach((name, sub) -> unique.putIfAbsent(sub.getCommandName(), sub));
        for (CommandLine cmd : unique.values()) section(md, cmd, cmd.getCommandName());
        return md.toString();
    }

    private static void section(StringBuilder md, CommandLine cmd, String path) {
        md.append("### ").append(path).append("\n\n```\n").append(usage(cmd)).append("```\n\n");
        Map<String, CommandLine> subs = new TreeMap<>();
        cmd.getSubcommands().forEach((name, sub) -> subs.putIfAbsent(sub.getCommandName(), sub));
        for (CommandLine sub : subs.values()) section(md, sub, path + " " + sub.getCommandName());
    }

    private static String usage(CommandLine cmd) {
        return UsageText.of(cmd, WordWrap.DEFAULT_WIDTH);
    }
}
