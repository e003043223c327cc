package i386mon.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A QEMU guest running in the background, driven over QMP (for key presses) while its serial
 * output is collected. Close it to kill QEMU.
 */
final class Session implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path serial;
    private final SocketChannel qmp;
    private final StringBuilder pending = new StringBuilder();

    private Session(Process process, Path dir, Path serial, SocketChannel qmp) {
        this.process = process;
        this.dir = dir;
        this.serial = serial;
        this.qmp = qmp;
    }

    static Session start(Path image, String append) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("qemu");
            Path socket = dir.resolve("qmp.sock");
            Path serial = dir.resolve("serial.txt");
            List<String> command = QemuRunner.command(image, append, "-qmp", "unix:" + socket + ",server=on,wait=off");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(serial.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("QEMU did not open its QMP socket: " + Files.readString(serial));
                }
                Thread.sleep(20);
            }
            SocketChannel qmp = connect(socket, process, serial, deadline);
            Session s = new Session(process, dir, serial, qmp);
            s.readReply("QMP");
            s.execute("{\"execute\":\"qmp_capabilities\"}");
            return s;
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new UncheckedIOException("cannot start QEMU: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            throw new IllegalStateException("interrupted while starting QEMU", e);
        }
    }

    /**
     * Connects to QEMU's QMP socket. The socket file appears when QEMU binds it, a moment before it
     * listens: a connection refused in between is retried until {@code deadline}.
     */
    private static SocketChannel connect(Path socket, Process process, Path serial, long deadline)
            throws IOException, InterruptedException {
        while (true) {
            SocketChannel qmp = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                qmp.connect(UnixDomainSocketAddress.of(socket));
                return qmp;
            } catch (ConnectException e) {
                qmp.close();
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The serial output so far, as a result (exit status -1 while running). */
    QemuRunner.Result result() {
        try {
            boolean done = !process.isAlive();
            return new QemuRunner.Result(done ? process.exitValue() : -1, !done,
                    Files.readString(serial, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read serial output: " + e.getMessage(), e);
        }
    }

    /** Waits until the serial output contains {@code text}; false at the timeout or if QEMU ended. */
    boolean waitFor(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (result().serial().replace("\r", "").contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Presses and releases a key combination given as QEMU qcodes, e.g. {@code "shift", "1"}. */
    void sendKey(String... qcodes) {
        StringBuilder keys = new StringBuilder();
        for (String q : qcodes) {
            if (!q.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("not a QEMU qcode: " + q);
            }
            keys.append(keys.length() == 0 ? "" : ",").append("{\"type\":\"qcode\",\"data\":\"").append(q).append("\"}");
        }
        execute("{\"execute\":\"send-key\",\"arguments\":{\"keys\":[" + keys + "]}}");
    }

    private void execute(String json) {
        try {
            qmp.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            String reply = readReply("\"return\"");
            if (reply.contains("\"error\"")) {
                throw new IllegalStateException("QMP " + json + " failed: " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("QMP write failed: " + e.getMessage(), e);
        }
    }

    /** Reads QMP lines until one contains {@code marker} or an error (events are skipped). */
    private String readReply(String marker) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            int nl = pending.indexOf("\n");
            if (nl >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (line.contains(marker) || line.contains("\"error\"")) {
                    return line;
                }
                continue;
            }
            buf.clear();
            if (qmp.read(buf) < 0) {
                throw new IOException("QMP connection closed");
            }
            pending.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try {
            qmp.close();
        } catch (IOException ignored) {
            // QEMU is killed next anyway
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(dir.resolve("qmp.sock"));
            Files.deleteIfExists(serial);
            Files.deleteIfExists(dir);
        } catch (IOException | InterruptedException ignored) {
            // leftovers in the temporary directory are harmless
        }
    }
}
