package i386mon.shell.commands;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.devices.PcDevices;
import i386mon.shell.format.DeviceText;
import i386mon.shell.format.Json;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Session;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The device views as {@code info} subcommands (info pic, irq, pit, serial, vga, cmos, post and
 * whatever a board's devices offer): one generic command per view topic, so a new device needs
 * nothing here.
 */
final class DeviceCommands {
    private DeviceCommands() { }

    /** Adds the PC board's views under {@code info} and names them in its description. */
    static void install(CommandLine info, Session session, CommandDispatcher dispatcher) {
        List<ViewTopic> topics = PcDevices.viewTopics();
        for (ViewTopic t : topics) add(info, t, session, dispatcher);
        String[] description = info.getCommandSpec().usageMessage().description();
        StringBuilder d = new StringBuilder(description[0].replaceFirst("\\.$", ""));
        // ", " not "|": help wraps between words, and one 100-character word would be cut in two
        for (ViewTopic t : topics) d.append(", ").append(t.name());
        description[0] = d.append('.').toString();
        info.getCommandSpec().usageMessage().description(description);
    }

    /** Adds the views of the session's machine that {@code info} does not have yet (a board may offer more than the PC's). */
    static void addMachineViews(CommandLine info, Session session, CommandDispatcher dispatcher) {
        if (!session.hasTarget()) return;
        DeviceViews views = session.target().devices();
        if (views == null) return;
        for (ViewTopic t : views.topics()) {
            if (!info.getSubcommands().containsKey(t.name())) add(info, t, session, dispatcher);
        }
    }

    private static void add(CommandLine info, ViewTopic topic, Session session, CommandDispatcher dispatcher) {
        View view = new View(topic.name());
        view.session = session;
        view.dispatcher = dispatcher;
        CommandLine sub = new CommandLine(view);
        sub.getCommandSpec().usageMessage().description(topic.summary());
        // the parser settings the dispatcher gives every command
        sub.setUnmatchedOptionsArePositionalParams(info.isUnmatchedOptionsArePositionalParams());
        sub.setExpandAtFiles(info.isExpandAtFiles());
        sub.setCaseInsensitiveEnumValuesAllowed(info.isCaseInsensitiveEnumValuesAllowed());
        info.addSubcommand(topic.name(), sub);
    }

    /** One device view: its lines as text (coloured on a colour terminal) or one JSON document. */
    @Command
    static final class View extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;
        private final String topic;

        View(String topic) { this.topic = topic; }

        @Override void run() {
            DeviceViews views = session.target().devices();
            if (views == null) throw new CommandException("this machine has no PC devices to show");
            var report = views.report(topic);
            if (json) out().println(Json.write(DeviceText.json(topic, report)));
            else DeviceText.lines(report, session.colour()).forEach(out()::println);
        }
    }
}
