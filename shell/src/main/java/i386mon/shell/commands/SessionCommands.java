package i386mon.shell.commands;

import i386mon.shell.script.ScriptRunner;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** load, source, quit, help. */
final class SessionCommands {
    private SessionCommands() { }

    @Command(name = "load", description = "Load a multiboot kernel ELF and boot it, stopped at its entry point.")
    static final class Load extends MonitorCommand {
        @Parameters(paramLabel = "KERNEL", description = "Kernel ELF file.") Path file;

        @Override void run() {
            byte[] image;
            try {
                image = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new CommandException("no such file: " + file);
            } catch (IOException e) {
                throw new CommandException("cannot read " + file + ": " + e.getMessage());
            }
            BootRequest s = session.bootSettings();
            session.boot(new BootRequest(file.toString(), image, s.cmdline(), s.modules(), s.ramBytes()));
            out().println("Loaded " + file + ", stopped at " + session.where(session.target().eip()));
        }
    }

    @Command(name = "source", description = "Run the commands in a script file (errors are reported as FILE:LINE and the script goes on).")
    static final class Source extends MonitorCommand {
        @Parameters(paramLabel = "FILE", description = "Script file.") Path file;

        @Override void run() {
            new ScriptRunner(session, dispatcher).run(file);
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

        @Override void run() {
            CommandLine cl = dispatcher.commandLine();
            if (names == null || names.isEmpty()) {
                Map<String, CommandLine> unique = new TreeMap<>();
                cl.getSubcommands().forEach((name, sub) -> unique.putIfAbsent(sub.getCommandName(), sub));
                for (CommandLine sub : unique.values()) {
                    String[] aliases = sub.getCommandSpec().aliases();
                    String name = sub.getCommandName() + (aliases.length > 0 ? "|" + String.join("|", aliases) : "");
                    String[] d = sub.getCommandSpec().usageMessage().description();
                    out().println(String.format("%-14s %s", name, d.length > 0 ? d[0] : ""));
                }
                out().println("help CMD shows a command's usage; x, xp, print, i and o take QEMU's /FMT suffix.");
                return;
            }
            CommandLine target = cl;
            for (String n : names) {
                CommandLine sub = target.getSubcommands().get(n);
                if (sub == null) throw new CommandException("no such command: " + String.join(" ", names));
                target = sub;
            }
            // the root command has no name, which leaves a double space after "Usage:"
            out().print(target.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceFirst("^Usage:  ", "Usage: "));
        }
    }
}
