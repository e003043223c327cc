package i386mon.shell.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private tmux server running one program in a pane named "mon", for tests that type and read the screen. */
final class TmuxTerminal {
    private final String server = "i386mon-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Starts {@code command} (a shell command line) in a detached pane of the given size. */
    void start(String command, int columns, int rows) throws IOException, InterruptedException {
        tmux("new-session", "-d", "-s", "mon", "-x", String.valueOf(columns), "-y", String.valueOf(rows), command);
    }

    /** Types keys (tmux send-keys names: "Enter", "Tab", "C-c", or text). */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "mon"));
        args.addAll(List.of(keys));
        tmux(args.toArray(new String[0]));
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "mon");
    }

    /** Waits up to 30 s until the screen contains {@code text}; returns the screen. */
    String waitFor(String text) throws Exception {
        return waitUntil(s -> s.contains(text), "'" + text + "'");
    }

    /** Waits up to 30 s until the screen satisfies {@code test}; returns the screen. */
    String waitUntil(java.util.function.Predicate<String> test, String what) throws Exception {
        String s = "";
        for (int i = 0; i < 300; i++) {
            s = screen();
            if (test.test(s)) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("never saw " + what + " on the screen:\n" + s);
    }

    /** The last non-blank line of the screen. */
    static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    void kill() throws IOException, InterruptedException {
        if (available()) tmux("kill-server");
    }
}
