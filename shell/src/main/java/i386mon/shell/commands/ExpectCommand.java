package i386mon.shell.commands;

import i386mon.shell.expr.Expression;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.ExpectFailure;
import i386mon.machine.debug.StopReason;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code expect}: assertions for kernel tests. {@code expect serial "TEXT" [--within N]} runs the
 * guest until its serial output (after earlier matches) contains TEXT; {@code expect EXPR} checks
 * an expression is non-zero; {@code expect stop KIND} checks how the guest last stopped, first
 * running it to its next stop if it was only paused (not run yet, stepped, budget, stop request).
 */
@Command(name = "expect", description = "Assert: expect serial \"TEXT\" [--within N] | expect stop pagefault|exit|triplefault|break|halt|watch | expect EXPR.")
final class ExpectCommand extends MonitorCommand {
    @Parameters(paramLabel = "ASSERTION", arity = "1..*", description = "serial \"TEXT\" [--within N], stop KIND, or an expression.")
    List<String> words;
    /** Instruction budgets are typed as 32-bit expressions: a budget with the top bit set was typed negative. */
    private static final long MAX_WITHIN = Integer.MAX_VALUE;

    @Override void run() {
        List<String> w = new ArrayList<>(words);
        if (w.get(0).equals("serial")) serial(w.subList(1, w.size()));
        else if (w.get(0).equals("stop") && w.size() == 2 && !w.get(1).startsWith("(")) stop(w.get(1));
        else expression(joined(w));
    }

    private void serial(List<String> args) {
        long within = Long.MAX_VALUE;
        String text = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--within")) {
                if (i + 1 >= args.size()) throw new CommandException("--within needs an instruction count");
                within = Counts.positive(session, args.get(++i), "--within", MAX_WITHIN);
            } else if (a.startsWith("--within=")) {
                within = Counts.positive(session, a.substring("--within=".length()), "--within", MAX_WITHIN);
            } else if (text == null) {
                text = a;
            } else {
                throw new CommandException("unexpected argument: " + a + " (quote TEXT that has spaces)");
            }
        }
        if (text == null || text.isEmpty()) throw new CommandException("expect serial needs a non-empty TEXT");
        session.target();
        if (session.serial().consume(text)) return;
        session.serial().watch(text, session::requestStop);
        StopReason s;
        try {
            s = session.resume(within);
        } finally {
            session.serial().unwatch();
        }
        if (session.serial().consume(text)) return;
        String seen = session.serial().unconsumed();
        if (seen.length() > 200) seen = "..." + seen.substring(seen.length() - 200);
        throw new ExpectFailure("expect serial failed: expected \"" + text + "\", found \"" + escape(seen)
                + "\"; the guest stopped: " + s.description() + " at " + session.where(session.pc()));
    }

    private void stop(String kind) {
        StopReason.Kind wanted;
        switch (kind) {
            case "pagefault": wanted = StopReason.Kind.EXCEPTION_CAUGHT; break;
            case "exit": wanted = StopReason.Kind.EXIT; break;
            case "triplefault": wanted = StopReason.Kind.TRIPLE_FAULT; break;
            case "break": wanted = StopReason.Kind.BREAKPOINT; break;
            case "halt": wanted = StopReason.Kind.HALTED; break;
            case "watch": wanted = StopReason.Kind.WATCHPOINT; break;
            default: throw new CommandException("unknown stop kind: " + kind + " (pagefault, exit, triplefault, break, halt, watch)");
        }
        session.target();
        StopReason s = session.lastStop();
        if (s == null || s.kind() == StopReason.Kind.STEP || s.kind() == StopReason.Kind.BUDGET || s.kind() == StopReason.Kind.STOP_REQUEST) {
            // the guest was paused mid-run, not stopped by an event: let it run to its next stop
            s = session.resume(Long.MAX_VALUE);
            session.printStop(s);
        }
        boolean ok = s.kind() == wanted && (!kind.equals("pagefault") || isPageFault(s));
        if (!ok) {
            throw new ExpectFailure("expect stop failed: expected " + kind + ", found " + s.description()
                    + " at " + session.where(session.pc()));
        }
        if (wanted == StopReason.Kind.TRIPLE_FAULT) session.exitStatus().tripleFaultExpected();
    }

    static boolean isPageFault(StopReason s) {
        String d = s.description().toLowerCase(java.util.Locale.ROOT);
        return d.contains("#pf") || d.contains("page fault") || d.contains("vector 14");
    }

    private void expression(String expr) {
        if (session.eval(expr) != 0) return;
        String detail = comparisonDetail(expr);
        throw new ExpectFailure("expect failed: " + expr + (detail == null ? " is 0" : ": " + detail));
    }

    /** For an expression that is one top-level comparison, what each side evaluated to; else null. */
    private String comparisonDetail(String expr) {
        if (expr.contains("&&") || expr.contains("||")) return null;
        int depth = 0;
        int at = -1;
        int len = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\'') {
                int end = expr.indexOf('\'', i + (expr.startsWith("'\\", i) ? 3 : 2));
                if (end < 0) return null;
                i = end;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && "=!<>".indexOf(c) >= 0) {
                char next = i + 1 < expr.length() ? expr.charAt(i + 1) : 0;
                int l;
                if (next == '=') l = 2;
                else if ((c == '<' || c == '>') && next != c) l = 1;
                else if (c == next) { i++; continue; } // << or >>
                else continue; // unary !
                if (at >= 0) return null;
                at = i;
                len = l;
                i += l - 1;
            }
        }
        if (at < 0) return null;
        String op = expr.substring(at, at + len);
        String left = expr.substring(0, at).strip();
        String right = expr.substring(at + len).strip();
        try {
            long l = Expression.evaluate(left, session.exprContext());
            long r = Expression.evaluate(right, session.exprContext());
            return String.format("expected %s %s %s, found %s = 0x%x and %s = 0x%x", left, op, right, left, l, right, r);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 32 || c > 126) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
