package i386mon.shell.commands;

import i386mon.shell.session.CommandException;
import i386mon.shell.session.Display;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** display, undisplay, info display: expressions shown after every stop, as gdb's. */
final class DisplayCommands {
    private DisplayCommands() { }

    @Command(name = "display", description = "Show EXPR after every stop (and now): display[/FMT] EXPR with FMT x d u o c, or i for the instruction at EXPR (display/i $eip). Without EXPR, show every display now.")
    static final class DisplayCmd extends MonitorCommand {
        @Parameters(paramLabel = "[/FMT] EXPR", arity = "0..*", description = "Format suffix and expression.") List<String> words;

        @Override void run() {
            if (words == null || words.isEmpty()) {
                if (session.hasTarget()) session.printDisplays();
                return;
            }
            List<String> rest = new ArrayList<>(words);
            char format = 0;
            if (rest.get(0).startsWith("/")) {
                String f = rest.remove(0).substring(1);
                if (f.length() != 1 || "xduoci".indexOf(f.charAt(0)) < 0) throw new CommandException("display: format x d u o c or i expected, not /" + f);
                format = f.charAt(0);
            }
            if (rest.isEmpty()) throw new CommandException("display: expression expected");
            Display d = session.addDisplay(joined(rest), format);
            if (session.hasTarget()) session.printDisplay(d);
        }
    }

    @Command(name = "undisplay", description = "Stop showing display N (or every display when no N is given).")
    static final class Undisplay extends MonitorCommand {
        @Parameters(paramLabel = "N", arity = "0..*", description = "Display numbers.") List<Integer> numbers;

        @Override void run() {
            if (numbers == null || numbers.isEmpty()) {
                session.clearDisplays();
                return;
            }
            for (int n : numbers) {
                if (!session.removeDisplay(n)) throw new CommandException("no display number " + n);
            }
        }
    }

    @Command(name = "display", description = "List the expressions shown after every stop.")
    static final class Info extends MonitorCommand {
        @picocli.CommandLine.Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            List<Display> all = session.displays();
            if (json) {
                List<Object> list = new ArrayList<>();
                for (Display d : all) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("number", d.number());
                    m.put("expression", d.expression());
                    m.put("format", d.format() == 0 ? null : String.valueOf(d.format()));
                    list.add(m);
                }
                out().println(i386mon.shell.format.Json.write(java.util.Map.of("displays", list)));
                return;
            }
            if (all.isEmpty()) {
                out().println("There are no auto-display expressions now.");
                return;
            }
            out().println("Auto-display expressions now in effect:");
            out().println("Num Enb Expression");
            for (Display d : all) out().println(String.format("%d:   y  %s", d.number(), d.text()));
        }
    }
}
