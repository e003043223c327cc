package i386mon.shell.commands;

import i386mon.shell.script.ScriptRunner;
import i386mon.shell.session.BootRequest;
import i386mon.shell.format.WordWrap;
import i386mon.shell.session.CommandException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** load, source, quit, help. */
final class SessionCommands {
    private SessionCommands() { }

    @Command(name = "load", description = "Load a multiboot kernel (a file, or a bundled image such as demo.elf) and boot it, stopped at its entry point.")
    static final class Load extends MonitorCommand {
        @Option(names = {"-a", "--append"}, paramLabel = "CMDLINE", description = "The kernel's command line (default: the current one).") String append;
        @Parameters(paramLabel = "KERNEL", description = "Kernel ELF file or bundled image name.") String kernel;

        @Override void run() {
            BootRequest s = session.bootSettings();
            byte[] image = session.kernelSource().read(kernel, s.ramBytes());
            session.boot(s.withKernel(kernel, image, append != null ? append : s.cmdline()));
            out().println("Loaded " + kernel + ", stopped at " + session.where(session.pc()));
        }
    }

    @Command(name = "source", description = "Run the commands in a script file (errors are reported as FILE:LINE and the script goes on).")
    static final class Source extends MonitorCommand {
        @Parameters(paramLabel = "FILE", description = "Script file.") String file;

        @Override void run() {
            new ScriptRunner(session, dispatcher).run(i386mon.shell.session.HostFiles.path(file));
        }
    }

    @Command(name = "quit", aliases = "q", description = "Quit i386mon.")
    static final class Quit extends MonitorCommand {
        @Override void run() {
            session.requestQuit();
        }
    }

    @Command(name = "help", aliases = "?", description = "List commands, or show the usage of one: help [CMD [SUBCMD]].")
    static final class Help extends MonitorCommand {
        @Parameters(paramLabel = "CMD", arity = "0..*", description = "Command (and subcommand) name.") List<String> names;

        /** Where the description column of the command list starts ("  " + 14 + " "). */
        private static final int NAME_COLUMN_END = 17;

        @Override void run() {
            int width = session.outputWidth();
            CommandLine cl = dispatcher.commandLine();
            if (names == null || names.isEmpty()) {
                Map<String, CommandLine> unique = new TreeMap<>();
                cl.getSubcommands().forEach((name, sub) -> unique.putIfAbsent(sub.getCommandName(), sub));
                Map<String, List<String>> topics = new java.util.LinkedHashMap<>(CommandTopics.TOPICS);
                List<String> other = new java.util.ArrayList<>(unique.keySet());
                topics.values().forEach(other::removeAll);
                if (!other.isEmpty()) topics.put(CommandTopics.OTHER, other);
                topics.forEach((topic, names) -> {
                    out().println(topic + ":");
                    for (String n : names) {
                        CommandLine sub = unique.get(n);
                        if (sub == null) continue;
                        String[] aliases = sub.getCommandSpec().aliases();
                        String name = sub.getCommandName() + (aliases.length > 0 ? "|" + String.join("|", aliases) : "");
                        String[] d = sub.getCommandSpec().usageMessage().description();
                        String row = String.format("  %-14s %s", name, d.length > 0 ? formatted(d[0]) : "");
                        out().println(WordWrap.line(row, width, NAME_COLUMN_END));
                    }
                });
                out().println(WordWrap.line("help CMD shows a command's usage; x, xp, print, i and o take QEMU's /FMT suffix.", width, 0));
                return;
            }
            CommandLine target = cl;
            for (String n : names) {
                CommandLine sub = target.getSubcommands().get(n);
                if (sub == null) throw new CommandException("no such command: " + String.join(" ", names));
                target = sub;
            }
            out().print(UsageText.of(target, width));
        }

        /** A description as usage text shows it: picocli's descriptions are format strings ("5%%" is 5%). */
        private static String formatted(String description) {
            try {
                return String.format(description);
            } catch (java.util.IllegalFormatException e) {
                return description;
            }
        }
    }
}
