package i386mon.shell.repl;

import i386mon.shell.session.CommandException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One interactive command's output on a terminal. It goes straight to the terminal while it fits
 * the screen; once it would scroll past it, it goes through a pager ({@code $PAGER}, else
 * {@code less}, with {@code LESS=FRX} as git sets it), the lines so far first. After
 * {@link #interrupt()} (Ctrl-C) and after the user quits the pager, the next write ends the
 * command with {@link Interrupted}: a million-line listing stops at once.
 */
final class CommandOutput extends Writer {
    /** Ends a command whose output was interrupted; the REPL prints its one-line message. */
    static final class Interrupted extends CommandException {
        Interrupted() { super("output interrupted"); }
    }

    private final Writer terminal;
    private final String pager;
    private final int screenLines;
    private final StringBuilder held = new StringBuilder();
    private int heldLines;
    private boolean holding;
    private Process pagerProcess;
    private Writer toPager;
    private volatile boolean interrupted;

    /**
     * {@code pager}: the pager's shell command, or null to write everything straight through;
     * {@code screenLines}: the terminal's height (0 when unknown: no pager).
     */
    CommandOutput(Writer terminal, String pager, int screenLines) {
        this.terminal = terminal;
        this.pager = pager;
        this.screenLines = screenLines;
        this.holding = pager != null && screenLines > 1;
    }

    /** The pager to use from the environment: $PAGER ("" or "cat": none), else less. */
    static String pagerFrom(java.util.Map<String, String> env) {
        String p = env.get("PAGER");
        if (p == null) return "less";
        p = p.strip();
        return p.isEmpty() || p.equals("cat") ? null : p;
    }

    /** Ctrl-C: the command's next write ends it; safe from any thread. */
    void interrupt() { interrupted = true; }

    boolean interrupted() { return interrupted; }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        if (interrupted) throw new Interrupted();
        if (toPager != null) {
            try {
                toPager.write(cbuf, off, len);
            } catch (IOException quit) { // the user left the pager
                interrupted = true;
                throw new Interrupted();
            }
            return;
        }
        if (!holding) {
            terminal.write(cbuf, off, len);
            return;
        }
        held.append(cbuf, off, len);
        for (int k = off; k < off + len; k++) if (cbuf[k] == '\n') heldLines++;
        if (heldLines >= screenLines - 1) startPager();
    }

    private void startPager() throws IOException {
        holding = false;
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", pager))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putIfAbsent("LESS", "FRX");
            terminal.flush();
            pagerProcess = pb.start();
            toPager = new OutputStreamWriter(pagerProcess.getOutputStream(), StandardCharsets.UTF_8);
            toPager.write(held.toString());
        } catch (IOException e) { // no pager to be had: the output goes straight through
            toPager = null;
            terminal.write(held.toString());
        }
        held.setLength(0);
    }

    @Override
    public void flush() throws IOException {
        if (toPager != null) {
            try {
                toPager.flush();
            } catch (IOException quit) {
                interrupted = true;
            }
        } else if (!holding) {
            terminal.flush();
        }
    }

    /** The command ended: what is held goes out, and a pager is left to the user until they quit it. */
    @Override
    public void close() throws IOException {
        if (toPager != null) {
            try {
                toPager.close();
            } catch (IOException quit) {
                // the pager is gone already
            }
            try {
                pagerProcess.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            toPager = null;
        } else if (held.length() > 0) {
            terminal.write(held.toString());
            held.setLength(0);
        }
        holding = false;
        terminal.flush();
    }
}
