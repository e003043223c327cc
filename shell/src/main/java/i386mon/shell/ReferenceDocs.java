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
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Documents generated from the picocli models, so they cannot drift from the code: the bash/zsh
 * completion script of the launcher, the Markdown reference of every option and command, and the
 * launch-option table that {@link QuickLaunchParser} reads instead of building picocli's model.
 * Regenerate with {@code java -cp ... i386mon.shell.ReferenceDocs REPO_ROOT} (see README).
 */
public final class ReferenceDocs {
    static final String COMPLETION = "completions/i386mon.bash";
    static final String REFERENCE = "docs/commands.md";
    static final String OPTION_TABLE = "shell/src/main/resources/i386mon/shell/" + QuickLaunchParser.TABLE;

    private ReferenceDocs() { }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root.resolve(COMPLETION), bashCompletion());
        write(root.resolve(REFERENCE), commandReference());
        write(root.resolve(OPTION_TABLE), launchOptionTable());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The launcher's completion script; it also works in zsh through bashcompinit. */
    static String bashCompletion() {
        return AutoComplete.bash("i386mon", new CommandLine(new LaunchOptions()));
    }

    /**
     * The launcher's options as {@link QuickLaunchParser} reads them, one per line, tab-separated:
     * kind (flag, value, list, positional, or other: left to picocli), type, field (through a
     * mixin: its field first, qemu.log), names (space-separated), and the default when there is one.
     */
    static String launchOptionTable() {
        CommandSpec spec = new CommandLine(new LaunchOptions()).getCommandSpec();
        Map<Class<?>, String> prefix = new HashMap<>();
        prefix.put(LaunchOptions.class, "");
        for (Field f : LaunchOptions.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) prefix.put(f.getType(), f.getName() + ".");
        }
        StringBuilder t = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            String kind = o.arity().max() == 0 ? "flag" : o.isMultiValue() ? "list"
                    : o.arity().min() == 1 && o.arity().max() == 1 ? "value" : "other";
            row(t, kind, o, prefix, String.join(" ", o.names()));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            row(t, p.arity().min() == 0 && p.arity().max() == 1 ? "positional" : "other", p, prefix, p.paramLabel());
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String kind, ArgSpec a, Map<Class<?>, String> prefix, String names) {
        Object where = a.userObject();
        String field = "-";
        if (where instanceof Field f && prefix.containsKey(f.getDeclaringClass())) {
            field = prefix.get(f.getDeclaringClass()) + f.getName();
        } else {
            kind = "other"; // picocli's own (help, version): not a field of ours
        }
        Class<?> type = a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
        t.append(kind).append('\t').append(type.getName()).append('\t').append(field).append('\t').append(names);
        if (a.defaultValue() != null) t.append('\t').append(a.defaultValue());
        t.append('\n');
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
