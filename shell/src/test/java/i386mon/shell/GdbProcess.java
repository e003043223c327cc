package i386mon.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real gdb reading commands from a pipe (not --batch: between commands its event loop runs, so
 * an asynchronous stop after {@code interrupt} is reported). Each command is followed by an echo
 * of a marker, and its output is what gdb printed before the marker.
 */
final class GdbProcess implements AutoCloseable {
    /** Generous: the tests run on a loaded two-core machine. */
    static final long TIMEOUT_MS = 120_000;

    private final Process process;
    private final OutputStream in;
    private final InputStream out;
    private final StringBuilder seen = new StringBuilder();
    private int read;
    private int marker;

    GdbProcess(Path elf) throws IOException {
        process = new ProcessBuilder("gdb", "-q", "-nx", "-nw", elf.toString()).redirectErrorStream(true).start();
        in = process.getOutputStream();
        out = process.getInputStream();
        command("set confirm off");
        command("set pagination off");
        command("set width 0");
        command("set architecture i386");
    }

    /** True when a gdb can be started here. */
    static boolean available() {
        return runs("gdb", "--version");
    }

    /** True when {@code command} runs here and succeeds (a tool the test needs is installed). */
    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one command and returns what gdb printed for it. */
    String command(String line) throws IOException {
        String m = "@@done-" + (++marker) + "@@";
        send(line + "\necho " + m + "\\n\n");
        return until(m).replace(m, "").replace("(gdb) ", "").strip();
    }

    /** Sends a line without waiting for anything. */
    void send(String text) throws IOException {
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits until gdb printed {@code text} after what was read so far; returns all printed up to it. */
    String until(String text) throws IOException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            int at = seen.indexOf(text, read);
            if (at >= 0) {
                String s = seen.substring(read, at + text.length());
                read = at + text.length();
                return s;
            }
            if (System.currentTimeMillis() > deadline) throw new IOException("gdb did not print '" + text + "'; it printed: " + seen.substring(read));
            if (out.available() > 0) {
                byte[] b = new byte[out.available()];
                int n = out.read(b);
                seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
            } else if (!process.isAlive()) {
                seen.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
                if (seen.indexOf(text, read) < 0) throw new IOException("gdb ended before printing '" + text + "': " + seen.substring(read));
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
    }

    /** Everything gdb printed. */
    String transcript() {
        return seen.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            send("quit\n");
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }
}
